using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vtis.ServiceInterface.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class JobSearchTrigrams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "IX_Jobs_DisplayName_Trigram",
                table: "Jobs",
                column: "DisplayName")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Jobs_OriginalFilename_Trigram",
                table: "Jobs",
                column: "OriginalFilename")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Jobs_DisplayName_Trigram",
                table: "Jobs");

            migrationBuilder.DropIndex(
                name: "IX_Jobs_OriginalFilename_Trigram",
                table: "Jobs");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
