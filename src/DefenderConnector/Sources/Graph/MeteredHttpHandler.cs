using System.Net;
using DefenderConnector.Abstractions;

namespace DefenderConnector.Sources.Graph;

/// <summary>
/// Counts every HTTP request of the source (Entra, Graph, the legacy APIs) by status class, and the
/// throttled ones apart, on the way out of the one shared client; one counter update per request.
/// </summary>
internal sealed class MeteredHttpHandler(IConnectorMetrics metrics) : DelegatingHandler
{
    private static readonly KeyValuePair<string, string> Source = new("source", GraphConstants.SourceName);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            metrics.Add("graph.requests", 1, Source, new("status", "error"));
            throw;
        }

        var code = (int)response.StatusCode;
        metrics.Add("graph.requests", 1, Source, new("status", StatusClass(code)));
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            metrics.Add("graph.throttled", 1, Source);
        }

        return response;
    }

    /// <summary>A bounded tag: <c>2xx</c>, <c>3xx</c>, <c>429</c>, <c>4xx</c>, <c>5xx</c>.</summary>
    public static string StatusClass(int code) => code switch
    {
        429 => "429",
        >= 200 and < 300 => "2xx",
        >= 300 and < 400 => "3xx",
        >= 400 and < 500 => "4xx",
        _ => "5xx",
    };
}
