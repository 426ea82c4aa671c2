using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DefenderConnector.Abstractions;
using DefenderConnector.Pulling;
using DefenderConnector.Sources.Legacy;
using Microsoft.Extensions.Logging.Abstractions;

namespace DefenderConnector.Sources.Graph;

/// <summary>
/// test-connectivity for the Graph source: DNS, then a fresh token (never a cached one), then one
/// request per stream of each API the source would use, without retries (a 429 is reported, not
/// waited out). In auto mode a Graph capability failure goes on to the fallback chain, as pulls do.
/// Reads nothing into the pipeline and moves no cursor.
/// </summary>
internal sealed class GraphConnectivityProbe
{
    private readonly GraphSourceOptions _options;
    private readonly RequestBudgetRegistry _budgets;
    private readonly TimeProvider _time;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;

    public GraphConnectivityProbe(GraphSourceOptions options, RequestBudgetRegistry budgets, TimeProvider time, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        _options = options;
        _budgets = budgets;
        _time = time;
        _resolve = resolve ?? ((host, ct) => Dns.GetHostAddressesAsync(host, ct));
    }

    public async Task<ConnectivityReport> RunAsync(ApiMode activeMode, CancellationToken cancellationToken)
    {
        var hops = new List<ConnectivityHop>();
        var facts = new List<KeyValuePair<string, string>>
        {
            new("cloud", _options.Cloud.ToString()),
            new("mode setting", _options.Mode.ToString()),
            new("credential", _options.ClientSecret is null ? "certificate" : "client secret"),
        };
        using var clients = new ApiClientSet(_options, _budgets, _time, NullLogger.Instance, maxRetries: 0);
        var chain = ModeSelector.Chain(_options);
        facts.Add(new("active mode", activeMode.ToString().ToLowerInvariant()));

        var authorityHost = new Uri(_options.Endpoints.AuthorityHost).Host;
        var dnsFailure = await ResolveAsync(authorityHost, hops, cancellationToken).ConfigureAwait(false);
        if (dnsFailure is not null)
        {
            return Fail(hops, facts, dnsFailure, authorityHost, "tls", "authentication", "api");
        }

        ConnectorException? first = null;
        string? firstHost = null;
        foreach (var mode in chain)
        {
            var host = new Uri(BaseUrl(mode)).Host;
            try
            {
                var dns = await ResolveAsync(host, hops, cancellationToken).ConfigureAwait(false);
                if (dns is not null)
                {
                    throw dns;
                }

                // Forced: a cached token would hide a secret rotated or revoked since. The API calls below reuse it.
                await clients.Tokens.GetTokenAsync(Scope(mode), forceRefresh: true, mode, _time, cancellationToken).ConfigureAwait(false);
                hops.Add(new("tls", HopVerdict.Passed, $"TLS to {authorityHost} and certificate trusted."));
                hops.Add(new("authentication", HopVerdict.Passed, $"A fresh token for {Scope(mode)} was issued to app {_options.ClientId} by {authorityHost} (not taken from a cache)."));
                await CheckApiAsync(mode, clients, hops, facts, cancellationToken).ConfigureAwait(false);
                facts.Add(new("mode", mode.ToString().ToLowerInvariant()));
                hops.Add(new("mode", mode == chain[0] ? HopVerdict.Passed : HopVerdict.Warning, ModeDetail(mode, chain[0], first)));
                var empty = facts.Where(f => f.Key.EndsWith(" in window", StringComparison.Ordinal)).All(f => f.Value == "0");
                var outcome = mode != chain[0] ? "ConnectedFallback" : empty ? "ConnectedNoEvents" : "Connected";
                var diagnosis = mode != chain[0]
                    ? $"Connected through the {mode} API because {chain[0]} is unavailable: {ConnectivityDiagnosis.For(first!, _options, firstHost!)}"
                    : empty ? $"Connected with the {mode} API; nothing changed in the last {_options.InitialLookback.TotalHours:0.#} h." : $"Connected with the {mode} API.";
                return new ConnectivityReport(GraphConstants.SourceName, outcome, diagnosis, hops, facts);
            }
            catch (ConnectorException e) when (e.IsGraph)
            {
                e = e.Api is null ? new ConnectorException(e.GraphReason, e.IsTransient, e.Message, e) { Api = mode, AadstsCode = e.AadstsCode, RetryAfter = e.RetryAfter, StatusCode = e.StatusCode } : e;
                var tokenStage = e.AadstsCode is not null || e.GraphReason is GraphFailureReason.CertificateUnusable or GraphFailureReason.AuthenticationFailed
                    || (e.GraphReason is GraphFailureReason.TlsFailure or GraphFailureReason.ConnectionFailed && !hops.Any(h => h.Name == "authentication"));
                var failedHost = tokenStage ? authorityHost : host;
                var hopName = e.GraphReason switch
                {
                    GraphFailureReason.DnsFailure => "dns",
                    GraphFailureReason.TlsFailure => "tls",
                    _ when tokenStage => "authentication",
                    _ => $"{mode.ToString().ToLowerInvariant()} api",
                };
                var last = mode == chain[^1] || !_options.Mode.IsAuto || !ModeSelector.IsCapabilityFailure(e);
                hops.Add(new(hopName, last && first is null ? HopVerdict.Failed : HopVerdict.Warning, ConnectivityDiagnosis.For(e, _options, failedHost)));
                first ??= e;
                firstHost ??= failedHost;
                if (last)
                {
                    hops.Add(new("mode", HopVerdict.Failed, $"No API of the chain {string.Join(" > ", chain).ToLowerInvariant()} could be read."));
                    return new ConnectivityReport(GraphConstants.SourceName, ConnectivityDiagnosis.Outcome(first.GraphReason), ConnectivityDiagnosis.For(first, _options, firstHost), hops, facts);
                }
            }
        }

        throw new InvalidOperationException("The mode chain is never empty.");
    }

    private async Task CheckApiAsync(ApiMode mode, ApiClientSet clients, List<ConnectivityHop> hops, List<KeyValuePair<string, string>> facts, CancellationToken cancellationToken)
    {
        var since = _time.GetUtcNow() - _options.InitialLookback;
        if (mode == ApiMode.Graph)
        {
            var incidents = await clients.Graph.IncidentsAsync(since, 1, false, true, cancellationToken).ConfigureAwait(false);
            Count(facts, hops, "incidents", incidents, $"GET /security/incidents ({GraphConstants.GraphIncidentsRole})");
            if (_options.PullAlerts)
            {
                var alerts = await clients.Graph.AlertsAsync(since, 1, true, cancellationToken).ConfigureAwait(false);
                Count(facts, hops, "alerts", alerts, $"GET /security/alerts_v2 ({GraphConstants.GraphAlertsRole})");
            }

            return;
        }

        var client = clients.Legacy(mode);
        var page = await new LegacyStream(client, _options.TenantId, _options.ClientId, _options.LegacyPageSize).QueryAsync(new KeysetPosition(since), cancellationToken).ConfigureAwait(false);
        Count(facts, hops, client.Spec.Name, page, $"GET {client.Spec.Path} on {new Uri(client.BaseUrl).Host} (deprecated API)");
    }

    private void Count(List<KeyValuePair<string, string>> facts, List<ConnectivityHop> hops, string name, ApiPage page, string what)
    {
        var count = page.Count ?? page.Items.Count;
        var text = page.Count is null && (page.NextLink is not null || page.Items.Count >= _options.LegacyPageSize) ? $"{count}+" : count.ToString(CultureInfo.InvariantCulture);
        facts.Add(new($"{name} in window", text));
        hops.Add(new(name, HopVerdict.Passed, $"{what}: {text} changed in the last {_options.InitialLookback.TotalHours:0.#} h."));
    }

    private async Task<ConnectorException?> ResolveAsync(string host, List<ConnectivityHop> hops, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out _) || hops.Any(h => h.Name is "dns" or "proxy" && h.Detail.StartsWith(host + " ", StringComparison.Ordinal)))
        {
            return null;
        }

        // Behind an explicit proxy the proxy resolves names; this machine may not be able to.
        if (_options.Proxy is { } proxy)
        {
            hops.Add(new("proxy", HopVerdict.Passed, $"{host} is reached through the proxy {proxy.Describe()}, which resolves it."));
            return null;
        }

        try
        {
            var addresses = await _resolve(host, cancellationToken).ConfigureAwait(false);
            hops.Add(new("dns", HopVerdict.Passed, $"{host} resolves ({addresses.Length} address{(addresses.Length == 1 ? string.Empty : "es")})."));
            return null;
        }
        catch (SocketException e)
        {
            var failure = new ConnectorException(GraphFailureReason.DnsFailure, false, $"{host} does not resolve ({e.SocketErrorCode}).", e);
            hops.Add(new("dns", HopVerdict.Failed, ConnectivityDiagnosis.For(failure, _options, host)));
            return failure;
        }
    }

    private ConnectivityReport Fail(List<ConnectivityHop> hops, List<KeyValuePair<string, string>> facts, ConnectorException e, string host, params string[] skipped)
    {
        hops.AddRange(skipped.Select(s => new ConnectivityHop(s, HopVerdict.Skipped, "Not tried: an earlier hop failed.")));
        return new ConnectivityReport(GraphConstants.SourceName, ConnectivityDiagnosis.Outcome(e.GraphReason), ConnectivityDiagnosis.For(e, _options, host), hops, facts);
    }

    private static string ModeDetail(ApiMode mode, ApiMode primary, ConnectorException? why) => mode == primary
        ? $"Pulls read the {mode} API."
        : $"Pulls read the {mode} API (fallback) because {primary} failed with {why?.GraphReason}; {primary} is retried periodically.";

    private string BaseUrl(ApiMode mode) => mode switch
    {
        ApiMode.Graph => _options.Endpoints.GraphBaseUrl,
        ApiMode.M365d => _options.Endpoints.M365dBaseUrl!,
        ApiMode.Mde => _options.Endpoints.MdeBaseUrl!,
        _ => _options.Endpoints.SiemBaseUrl!,
    };

    private string Scope(ApiMode mode) => mode switch
    {
        ApiMode.Graph => _options.Endpoints.GraphScope,
        ApiMode.M365d => _options.Endpoints.M365dScope!,
        ApiMode.Mde => _options.Endpoints.MdeScope!,
        _ => _options.Endpoints.SiemScope,
    };
}
