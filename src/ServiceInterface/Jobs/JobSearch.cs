using Microsoft.EntityFrameworkCore;
using Vtis.ServiceInterface.Data;

namespace Vtis.ServiceInterface.Jobs;

/// <summary>The jobs list's search: a case-insensitive substring of the display name or the file name.</summary>
public static class JobSearch
{
    /// <summary>On PostgreSQL an <c>ILIKE '%term%'</c>, which the pg_trgm GIN indexes on both columns answer (a large
    /// account's search read every one of its jobs before: bench/DataBench); on SQLite <c>instr(lower(…))</c>.</summary>
    public static IQueryable<Job> Matching(this IQueryable<Job> jobs, AppDbContext db, string search)
    {
        var term = search.Trim();
        if (db.Database.IsNpgsql())
        {
            var pattern = "%" + EscapeLike(term) + "%";
            return jobs.Where(j => EF.Functions.ILike(j.DisplayName, pattern, @"\") || EF.Functions.ILike(j.OriginalFilename, pattern, @"\"));
        }

        var lower = term.ToLowerInvariant();
        return jobs.Where(j => j.DisplayName.ToLower().Contains(lower) || j.OriginalFilename.ToLower().Contains(lower));
    }

    /// <summary>The term as literal text in a LIKE pattern: its wildcards and the escape character escaped.</summary>
    public static string EscapeLike(string term) =>
        term.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
