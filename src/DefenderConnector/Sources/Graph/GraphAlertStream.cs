using DefenderConnector.Mapping;

namespace DefenderConnector.Sources.Graph;

/// <summary><c>/security/alerts_v2</c>, ascending by last update, paged by time (see <see cref="KeysetPaging"/>).</summary>
internal sealed class GraphAlertStream(GraphApiClient client, GraphSourceOptions options) : IApiStream
{
    public string Name => "alerts";

    public string CursorKey { get; } = $"graph/{options.TenantId}/{options.ClientId}/alerts".ToLowerInvariant();

    public RecordKind Kind => RecordKind.GraphAlert;

    public int PageSize => options.AlertsPageSize;

    public int? SkipLimit => GraphConstants.GraphSkipLimit;

    public Task<ApiPage> QueryAsync(KeysetPosition at, CancellationToken cancellationToken) =>
        client.AlertsAsync(at, options.AlertsPageSize, false, cancellationToken);

    public Task<ApiPage> FollowAsync(string nextLink, CancellationToken cancellationToken) =>
        client.NextAsync(nextLink, cancellationToken);
}
