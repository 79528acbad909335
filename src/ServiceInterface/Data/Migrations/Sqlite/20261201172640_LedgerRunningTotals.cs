using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vtis.ServiceInterface.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LedgerRunningTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CreditLedger_AccountId_Amount_Hold",
                table: "CreditLedger");

            migrationBuilder.AddColumn<long>(
                name: "BalanceAfter",
                table: "CreditLedger",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ReservedAfter",
                table: "CreditLedger",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "CreditLedger",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.Sql(LedgerBackfill.RunningTotals);

            migrationBuilder.CreateIndex(
                name: "IX_CreditLedger_AccountId_Sequence",
                table: "CreditLedger",
                columns: new[] { "AccountId", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CreditLedger_AccountId_Sequence",
                table: "CreditLedger");

            migrationBuilder.DropColumn(
                name: "BalanceAfter",
                table: "CreditLedger");

            migrationBuilder.DropColumn(
                name: "ReservedAfter",
                table: "CreditLedger");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "CreditLedger");

            migrationBuilder.CreateIndex(
                name: "IX_CreditLedger_AccountId_Amount_Hold",
                table: "CreditLedger",
                columns: new[] { "AccountId", "Amount", "Hold" });
        }
    }
}
