using Microsoft.EntityFrameworkCore;
using Vtis.ServiceInterface.Accounts;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel;
using Vtis.ServiceModel.Admin;

namespace Vtis.ServiceInterface.Admin;

public sealed class AdminUserService(AppDbContext db) : IHandle<ListUsers, PagedResult<AdminUser>>
{
    public async Task<PagedResult<AdminUser>> Handle(ListUsers request, CancellationToken ct)
    {
        var (page, size) = Paging.Of(request);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var term = request.Search.Trim();
            var upper = term.ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail.Contains(upper) || u.DisplayName.Contains(term));
        }

        var total = await query.CountAsync(ct);
        var users = await query.OrderByDescending(u => u.CreatedAt).ThenBy(u => u.Id)
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<AdminUser>
        {
            Page = page,
            PageSize = size,
            Total = total,
            Items = [.. users.Select(View)],
        };
    }

    public static AdminUser View(User u) => new()
    {
        Id = u.Id,
        Email = u.Email,
        DisplayName = u.DisplayName,
        AccountId = u.AccountId,
        Roles = TokenIssuer.RolesOf(u),
        CreatedAt = u.CreatedAt,
        LockedUntil = u.LockoutEnd,
    };
}
