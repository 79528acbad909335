using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vtis.ServiceInterface.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LedgerPageIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CreditLedger_AccountId_Id",
                table: "CreditLedger");

            migrationBuilder.CreateIndex(
                name: "IX_CreditLedger_AccountId_CreatedAt_Id",
                table: "CreditLedger",
                columns: new[] { "AccountId", "CreatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CreditLedger_AccountId_CreatedAt_Id",
                table: "CreditLedger");

            migrationBuilder.CreateIndex(
                name: "IX_CreditLedger_AccountId_Id",
                table: "CreditLedger",
                columns: new[] { "AccountId", "Id" });
        }
    }
}
