using System.Text.Json;
using DefenderConnector.Mapping;
using DefenderConnector.Pulling;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.Sources.Graph;

/// <summary>
/// <c>/security/incidents?$expand=alerts</c>, ascending by last update, paged by time. When the expanded query keeps
/// failing with 5xx, the page is read without <c>$expand</c> and each incident's alerts are fetched
/// from <c>alerts_v2</c> (filtered by incident id) and spliced in, so the stream degrades instead of stalling.
/// </summary>
internal sealed class GraphIncidentStream : IApiStream
{
    private readonly GraphApiClient _client;
    private readonly GraphSourceOptions _options;
    private readonly ILogger _logger;
    private int _expandFailures;

    public GraphIncidentStream(GraphApiClient client, GraphSourceOptions options, ILogger logger)
    {
        _client = client;
        _options = options;
        _logger = logger;
        CursorKey = $"graph/{options.TenantId}/{options.ClientId}/incidents".ToLowerInvariant();
    }

    public string Name => "incidents";

    public string CursorKey { get; }

    public RecordKind Kind => RecordKind.GraphIncident;

    /// <summary>True once this pull has given up on <c>$expand=alerts</c>.</summary>
    public bool ExpandDegraded { get; private set; }

    public int PageSize => _options.IncidentsPageSize;

    public int? SkipLimit => GraphConstants.GraphSkipLimit;

    public Task<ApiPage> QueryAsync(KeysetPosition at, CancellationToken cancellationToken) =>
        ReadAsync(expand => _client.IncidentsAsync(at, _options.IncidentsPageSize, expand, false, cancellationToken), cancellationToken);

    public Task<ApiPage> FollowAsync(string nextLink, CancellationToken cancellationToken) =>
        ReadAsync(expand => _client.NextAsync(expand ? nextLink : WithoutExpand(nextLink), cancellationToken), cancellationToken);

    private async Task<ApiPage> ReadAsync(Func<bool, Task<ApiPage>> read, CancellationToken cancellationToken)
    {
        while (!ExpandDegraded)
        {
            try
            {
                var page = await read(true).ConfigureAwait(false);
                _expandFailures = 0;
                return page;
            }
            catch (ConnectorException e) when (e.IsGraph && e.GraphReason == GraphFailureReason.ServiceError)
            {
                _expandFailures++;
                GraphLog.ExpandFailed(_logger, _expandFailures, _options.ExpandFailures, e.Message);
                if (_expandFailures >= _options.ExpandFailures)
                {
                    ExpandDegraded = true;
                }
            }
        }

        var plain = await read(false).ConfigureAwait(false);
        var items = new List<ApiItem>(plain.Items.Count);
        foreach (var incident in plain.Items)
        {
            items.Add(incident.Id is null ? incident : incident with { Json = await SpliceAlertsAsync(incident, cancellationToken).ConfigureAwait(false) });
        }

        return plain with { Items = items };
    }

    private async Task<ReadOnlyMemory<byte>> SpliceAlertsAsync(ApiItem incident, CancellationToken cancellationToken)
    {
        var alerts = new List<ApiItem>();
        var page = await _client.AlertsOfIncidentAsync(incident.Id!, _options.AlertsPageSize, cancellationToken).ConfigureAwait(false);
        alerts.AddRange(page.Items);
        while (page.NextLink is not null)
        {
            page = await _client.NextAsync(page.NextLink, cancellationToken).ConfigureAwait(false);
            alerts.AddRange(page.Items);
        }

        using var document = JsonDocument.Parse(incident.Json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name != "alerts")
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteStartArray("alerts");
            foreach (var alert in alerts)
            {
                writer.WriteRawValue(alert.Json.Span, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>A next link keeps the query of the request it came from; drop <c>$expand</c> from it.</summary>
    internal static string WithoutExpand(string link)
    {
        var uri = new Uri(link);
        var query = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("$expand=", StringComparison.OrdinalIgnoreCase) && !p.StartsWith("%24expand=", StringComparison.OrdinalIgnoreCase));
        return new UriBuilder(uri) { Query = string.Join('&', query) }.Uri.AbsoluteUri;
    }
}
