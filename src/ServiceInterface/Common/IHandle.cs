using Vtis.ServiceModel;

namespace Vtis.ServiceInterface.Common;

/// <summary>Handles one operation. AppHost maps each request DTO to the single registered handler of it.</summary>
public interface IHandle<in TRequest, TResponse>
    where TRequest : IReturn<TResponse>
{
    Task<TResponse> Handle(TRequest request, CancellationToken ct);
}
