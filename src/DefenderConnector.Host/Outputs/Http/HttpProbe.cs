using DefenderConnector.Abstractions;

namespace DefenderConnector.Host.Outputs.Http;

/// <summary>
/// test-connectivity's hops for an HTTP receiver: <c>tcp</c>, <c>tls</c> (same checks as delivery), <c>auth</c>
/// (a request that proves the credentials without writing an event), then the output's own checks. Which hop
/// failed follows from the failure's stage.
/// </summary>
internal static class HttpProbe
{
    public delegate Task<IReadOnlyList<ConnectivityHop>> Checks(CancellationToken cancellationToken);

    public static async Task<ConnectivityReport> RunAsync(string kind, Uri url, Func<CancellationToken, Task<string>> auth, Checks? more, CancellationToken cancellationToken)
    {
        var hops = new List<ConnectivityHop>();
        var facts = new List<KeyValuePair<string, string>> { new("destination", HttpEndpointOptions.Describe(url)) };
        var source = $"output {kind}";
        var tls = url.Scheme == Uri.UriSchemeHttps;
        try
        {
            var detail = await auth(cancellationToken).ConfigureAwait(false);
            hops.Add(new ConnectivityHop("tcp", HopVerdict.Passed, $"connected to {url.Host}:{url.Port}"));
            if (tls)
            {
                hops.Add(new ConnectivityHop("tls", HopVerdict.Passed, "certificate trusted, name matches"));
            }

            hops.Add(new ConnectivityHop("auth", HopVerdict.Passed, detail));
        }
        catch (OutputDeliveryException e)
        {
            var reached = e.Stage is not "tcp";
            var secured = reached && e.Stage is not "tls";
            hops.Add(new ConnectivityHop("tcp", reached ? HopVerdict.Passed : HopVerdict.Failed, reached ? $"connected to {url.Host}:{url.Port}" : e.Message));
            if (tls)
            {
                hops.Add(new ConnectivityHop("tls", secured ? HopVerdict.Passed : reached ? HopVerdict.Failed : HopVerdict.Skipped, secured ? "certificate trusted, name matches" : reached ? e.Message : "not tried"));
            }

            hops.Add(new ConnectivityHop("auth", secured ? HopVerdict.Failed : HopVerdict.Skipped, secured ? e.Message : "not tried"));
            return new ConnectivityReport(source, "Failed", e.Message, hops, facts);
        }

        if (more is not null)
        {
            try
            {
                hops.AddRange(await more(cancellationToken).ConfigureAwait(false));
            }
            catch (OutputDeliveryException e)
            {
                hops.Add(new ConnectivityHop("write", HopVerdict.Failed, e.Message));
            }
        }

        var failed = hops.FirstOrDefault(h => h.Verdict is HopVerdict.Failed);
        return failed is null
            ? new ConnectivityReport(source, "Connected", $"The {kind} receiver at {HttpEndpointOptions.Describe(url)} accepts the credentials.", hops, facts)
            : new ConnectivityReport(source, "Failed", failed.Detail, hops, facts);
    }
}
