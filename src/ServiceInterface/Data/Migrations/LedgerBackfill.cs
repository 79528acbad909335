namespace Vtis.ServiceInterface.Data.Migrations;

/// <summary>SQL both providers' migrations run (SQLite 3.33+ and PostgreSQL share the syntax).</summary>
internal static class LedgerBackfill
{
    /// <summary>Numbers the entries stored before running totals existed, per account in the order they were written
    /// (their ids), with each one's balance and reserved credits after it.</summary>
    public const string RunningTotals = """
        UPDATE "CreditLedger" SET "Sequence" = n."Sequence", "BalanceAfter" = n."BalanceAfter", "ReservedAfter" = n."ReservedAfter"
        FROM (
            SELECT "Id",
                   row_number() OVER w AS "Sequence",
                   sum("Amount") OVER w AS "BalanceAfter",
                   sum("Hold") OVER w AS "ReservedAfter"
            FROM "CreditLedger"
            WINDOW w AS (PARTITION BY "AccountId" ORDER BY "Id" ROWS UNBOUNDED PRECEDING)
        ) AS n
        WHERE "CreditLedger"."Id" = n."Id"
        """;
}
