using Vtis.ServiceModel;

namespace Vtis.ServiceInterface.Common;

public static class Paging
{
    public const int DefaultPageSize = 20;

    public static (int Page, int Size) Of(PagedRequest request) => (request.Page ?? 1, request.PageSize ?? DefaultPageSize);
}
