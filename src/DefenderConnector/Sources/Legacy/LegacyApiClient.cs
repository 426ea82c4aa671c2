using System.Net.Http.Headers;
using System.Text.Json;
using DefenderConnector.Sources.Graph;
using Polly;

namespace DefenderConnector.Sources.Legacy;

/// <summary>
/// GETs against one legacy Defender API with an app token for its resource, through the shared
/// budget and the source's single retry pipeline. Failures are classified like Graph's.
/// </summary>
internal sealed class LegacyApiClient
{
    private readonly HttpClient _http;
    private readonly EntraTokenSource _tokens;
    private readonly string _scope;
    private readonly RequestBudget _budget;
    private readonly ResiliencePipeline _retry;
    private readonly TimeProvider _time;

    public LegacyApiClient(HttpClient http, EntraTokenSource tokens, string baseUrl, string scope, LegacyApiSpec spec, RequestBudget budget, ResiliencePipeline retry, TimeProvider time)
    {
        _http = http;
        _tokens = tokens;
        _scope = scope;
        _budget = budget;
        _retry = retry;
        _time = time;
        Spec = spec;
        BaseUrl = baseUrl;
    }

    public LegacyApiSpec Spec { get; }

    public string BaseUrl { get; }

    public async Task<JsonDocument> GetAsync(string query, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(async ct =>
        {
            await _budget.AcquireAsync(ct).ConfigureAwait(false);
            var token = await _tokens.GetTokenAsync(_scope, false, Spec.Mode, _time, ct).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{BaseUrl}{Spec.Path}?{query}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    var retryAfter = GraphFailureClassifier.ParseRetryAfter(response.Headers.RetryAfter?.ToString(), _time.GetUtcNow());
                    var message = await ErrorMessageAsync(body, ct).ConfigureAwait(false);
                    var requestId = response.Headers.TryGetValues("request-id", out var ids) ? ids.FirstOrDefault() : null;
                    throw GraphFailureClassifier.FromStatus(response.StatusCode, retryAfter, message, Spec.Mode, requestId);
                }

                return await JsonDocument.ParseAsync(body, cancellationToken: ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var failure = GraphFailureClassifier.Classify(e, Spec.Mode, _time.GetUtcNow());
                if (failure is { GraphReason: GraphFailureReason.Throttled, RetryAfter: { } after })
                {
                    _budget.Pause(after);
                }

                throw failure;
            }
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>The OData <c>error.message</c> when there is one; the body itself is never quoted (it could echo a request).</summary>
    private static async Task<string?> ErrorMessageAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            return document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                ? $"{(error.TryGetProperty("code", out var c) ? c.GetString() : null)}: {(error.TryGetProperty("message", out var m) ? m.GetString() : null)}"
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
