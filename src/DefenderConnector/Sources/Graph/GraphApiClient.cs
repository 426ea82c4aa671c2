using System.Text.Json;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Abstractions.Serialization;
using Polly;

namespace DefenderConnector.Sources.Graph;

/// <summary>
/// Graph Security v1.0 through the Graph SDK: the SDK builds the requests, attaches tokens and maps
/// errors; the body is read as raw JSON so every property (including enum values newer than the SDK)
/// reaches the mapper unchanged. Each request first takes a token from the shared budget.
/// </summary>
internal sealed class GraphApiClient
{
    private static readonly Dictionary<string, ParsableFactory<IParsable>> ErrorMapping = new()
    {
        ["XXX"] = ODataError.CreateFromDiscriminatorValue,
    };

    private readonly GraphServiceClient _graph;
    private readonly RequestBudget _budget;
    private readonly ResiliencePipeline _retry;
    private readonly TimeProvider _time;

    public GraphApiClient(HttpClient http, MsalAccessTokenProvider tokens, string baseUrl, RequestBudget budget, ResiliencePipeline retry, TimeProvider time)
    {
        // Our own HttpClient carries no Kiota middleware, so the SDK's RetryHandler never runs: Polly is the only retry layer.
        _graph = new GraphServiceClient(http, new BaseBearerTokenAuthenticationProvider(tokens), baseUrl);
        _budget = budget;
        _retry = retry;
        _time = time;
    }

    public Task<ApiPage> IncidentsAsync(DateTimeOffset from, int top, bool expand, bool count, CancellationToken cancellationToken) =>
        IncidentsAsync(new KeysetPosition(from), top, expand, count, cancellationToken);

    public Task<ApiPage> IncidentsAsync(KeysetPosition at, int top, bool expand, bool count, CancellationToken cancellationToken)
    {
        var request = _graph.Security.Incidents.ToGetRequestInformation(rc =>
        {
            rc.QueryParameters.Filter = $"lastUpdateDateTime {at.Operator} {ApiItemReader.FilterStamp(at.From)}";
            rc.QueryParameters.Orderby = ["lastUpdateDateTime asc"];
            rc.QueryParameters.Top = top;
            rc.QueryParameters.Skip = at.Skip > 0 ? at.Skip : null;
            rc.QueryParameters.Expand = expand ? ["alerts"] : null;
            rc.QueryParameters.Count = count ? true : null;
            rc.Headers.Add("Prefer", "include-unknown-enum-members");
        });
        return SendAsync(request, cancellationToken);
    }

    public Task<ApiPage> AlertsAsync(DateTimeOffset from, int top, bool count, CancellationToken cancellationToken) =>
        AlertsAsync(new KeysetPosition(from), top, count, cancellationToken);

    public Task<ApiPage> AlertsAsync(KeysetPosition at, int top, bool count, CancellationToken cancellationToken)
    {
        var request = _graph.Security.Alerts_v2.ToGetRequestInformation(rc =>
        {
            rc.QueryParameters.Filter = $"lastUpdateDateTime {at.Operator} {ApiItemReader.FilterStamp(at.From)}";
            rc.QueryParameters.Orderby = ["lastUpdateDateTime asc"];
            rc.QueryParameters.Top = top;
            rc.QueryParameters.Skip = at.Skip > 0 ? at.Skip : null;
            rc.QueryParameters.Count = count ? true : null;
            rc.Headers.Add("Prefer", "include-unknown-enum-members");
        });
        return SendAsync(request, cancellationToken);
    }

    /// <summary>The alerts of one incident, used when <c>$expand=alerts</c> keeps failing.</summary>
    public Task<ApiPage> AlertsOfIncidentAsync(string incidentId, int top, CancellationToken cancellationToken)
    {
        var request = _graph.Security.Alerts_v2.ToGetRequestInformation(rc =>
        {
            rc.QueryParameters.Filter = $"incidentId eq '{incidentId.Replace("'", "''", StringComparison.Ordinal)}'";
            rc.QueryParameters.Top = top;
            rc.Headers.Add("Prefer", "include-unknown-enum-members");
        });
        return SendAsync(request, cancellationToken);
    }

    /// <summary>Follows an absolute <c>@odata.nextLink</c> (the caller checks its <c>$skip</c> against the limit first).</summary>
    public Task<ApiPage> NextAsync(string nextLink, CancellationToken cancellationToken)
    {
        var request = new RequestInformation { HttpMethod = Method.GET, URI = new Uri(nextLink) };
        request.Headers.Add("Accept", "application/json");
        request.Headers.Add("Prefer", "include-unknown-enum-members");
        return SendAsync(request, cancellationToken);
    }

    private async Task<ApiPage> SendAsync(RequestInformation request, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(async ct =>
        {
            await _budget.AcquireAsync(ct).ConfigureAwait(false);
            try
            {
                var stream = await _graph.RequestAdapter.SendPrimitiveAsync<Stream>(request, ErrorMapping, ct).ConfigureAwait(false)
                    ?? throw new JsonException("Graph answered with an empty body.");
                await using (stream.ConfigureAwait(false))
                {
                    using var document = await JsonDocument.ParseAsync(stream, cancellationToken: ct).ConfigureAwait(false);
                    return ApiItemReader.ReadODataPage(document, "id", "lastUpdateDateTime");
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var failure = GraphFailureClassifier.Classify(e, ApiMode.Graph, _time.GetUtcNow());
                if (failure is { GraphReason: GraphFailureReason.Throttled, RetryAfter: { } after })
                {
                    _budget.Pause(after);
                }

                throw failure;
            }
        }, cancellationToken).ConfigureAwait(false);
}
