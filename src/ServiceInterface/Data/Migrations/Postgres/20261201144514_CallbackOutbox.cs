using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vtis.ServiceInterface.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CallbackOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RequeuedAt",
                table: "GhostCutCallbacks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_GhostCutCallbacks_Unprocessed",
                table: "GhostCutCallbacks",
                column: "ReceivedAt",
                filter: "\"ProcessedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_GhostCutCallbacks_Unprocessed",
                table: "GhostCutCallbacks");

            migrationBuilder.DropColumn(
                name: "RequeuedAt",
                table: "GhostCutCallbacks");
        }
    }
}
