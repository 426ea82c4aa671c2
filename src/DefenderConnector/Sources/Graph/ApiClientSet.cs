using DefenderConnector.Pulling;
using DefenderConnector.Sources.Legacy;
using Microsoft.Extensions.Logging;
using Polly;

namespace DefenderConnector.Sources.Graph;

/// <summary>
/// The HTTP client, token source, Graph client and legacy clients of one source, built once from the
/// options. The token source is created on first use so that an unusable certificate surfaces as a
/// classified failure (test-connectivity names it) rather than as a crash at start-up.
/// </summary>
internal sealed class ApiClientSet : IDisposable
{
    private readonly GraphSourceOptions _options;
    private readonly RequestBudgetRegistry _budgets;
    private readonly TimeProvider _time;
    private readonly TrustedHttpClientFactory _http;
    private readonly ResiliencePipeline _retry;
    private readonly Dictionary<ApiMode, LegacyApiClient> _legacy = [];
    private EntraTokenSource? _tokens;
    private GraphApiClient? _graph;
    private MsalAccessTokenProvider? _graphTokens;

    private readonly Abstractions.IConnectorMetrics? _metrics;

    public ApiClientSet(GraphSourceOptions options, RequestBudgetRegistry budgets, TimeProvider time, ILogger logger, int maxRetries, Abstractions.IConnectorMetrics? metrics = null)
    {
        _metrics = metrics;
        _options = options;
        _budgets = budgets;
        _time = time;
        _http = new TrustedHttpClientFactory(options.TrustedCertificatePath, options.Proxy, options.RequestTimeout, metrics);
        _retry = GraphRetryPolicy.Build(maxRetries, time, (e, attempt, delay) => GraphLog.Retrying(logger, (e.Api ?? ApiMode.Graph).ToString(), e.GraphReason, attempt + 1, delay.TotalSeconds));
    }

    public EntraTokenSource Tokens
    {
        get
        {
            if (_tokens is null)
            {
                try
                {
                    _tokens = new EntraTokenSource(_options, _http, _metrics);
                }
                catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
                {
                    throw new ConnectorException(GraphFailureReason.CertificateUnusable, false, $"The certificate in graph.certificatePath cannot be loaded ({e.GetType().Name}); check the file and graph.certificatePassword.", e);
                }
            }

            return _tokens;
        }
    }

    public MsalAccessTokenProvider GraphTokens => _graphTokens ??= new MsalAccessTokenProvider(Tokens, _options.Endpoints.GraphScope, new Uri(_options.Endpoints.GraphBaseUrl), _time);

    public GraphApiClient Graph => _graph ??= new GraphApiClient(_http.Client, GraphTokens, _options.Endpoints.GraphBaseUrl, Budget(ApiMode.Graph), _retry, _time);

    public RequestBudget Budget(ApiMode api) => _budgets.For(_options.TenantId, _options.ClientId, api, _options.Budgets, _time);

    public LegacyApiClient Legacy(ApiMode mode)
    {
        if (!_legacy.TryGetValue(mode, out var client))
        {
            var endpoints = _options.Endpoints;
            var (baseUrl, scope) = mode switch
            {
                ApiMode.M365d => (endpoints.M365dBaseUrl, endpoints.M365dScope),
                ApiMode.Mde => (endpoints.MdeBaseUrl, endpoints.MdeScope),
                _ => (endpoints.SiemBaseUrl, endpoints.SiemScope),
            };
            if (baseUrl is null || scope is null)
            {
                throw new ConnectorException(GraphFailureReason.NotSupported, false, $"Cloud {_options.Cloud} has no documented {mode} endpoint; set graph.{mode.ToString().ToLowerInvariant()}BaseUrl.") { Api = mode };
            }

            client = new LegacyApiClient(_http.Client, Tokens, baseUrl, scope, LegacyApiSpec.For(mode), Budget(mode), _retry, _time);
            _legacy[mode] = client;
        }

        return client;
    }

    public void Dispose() => _http.Dispose();
}
