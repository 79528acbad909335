using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vtis.ServiceInterface.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LedgerBalanceIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_CreditLedger_AccountId_Amount_Hold",
                table: "CreditLedger",
                columns: new[] { "AccountId", "Amount", "Hold" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CreditLedger_AccountId_Amount_Hold",
                table: "CreditLedger");
        }
    }
}
