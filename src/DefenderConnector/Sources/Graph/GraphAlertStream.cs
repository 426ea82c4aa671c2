using DefenderConnector.Mapping;

namespace DefenderConnector.Sources.Graph;

/// <summary><c>/security/alerts_v2</c>, ascending by last update, following next links.</summary>
internal sealed class GraphAlertStream(GraphApiClient client, GraphSourceOptions options) : IApiStream
{
    public string Name => "alerts";

    public string CursorKey { get; } = $"graph/{options.TenantId}/{options.ClientId}/alerts".ToLowerInvariant();

    public RecordKind Kind => RecordKind.GraphAlert;

    public Task<ApiPage> FirstPageAsync(DateTimeOffset from, CancellationToken cancellationToken) =>
        client.AlertsAsync(from, options.AlertsPageSize, false, cancellationToken);

    public Task<ApiPage> NextPageAsync(ApiPage previous, CancellationToken cancellationToken) =>
        client.NextAsync(previous.NextLink!, cancellationToken);
}
