using DefenderConnector.Abstractions;

namespace DefenderConnector.Host.Outputs.Network;

/// <summary>
/// test-connectivity's hops for a TCP/TLS receiver: connect, TLS (certificate and name checked as when
/// delivering), then the protocol's own handshake where it has one (RELP opens and closes a session).
/// Syslog has no acknowledgement, so no test event is written: it could not be confirmed and would land
/// in the SIEM as noise.
/// </summary>
internal static class NetworkProbe
{
    public static async Task<ConnectivityReport> RunAsync(string kind, NetworkEndpointOptions endpoint, Func<NetworkConnection, CancellationToken, Task<string>>? session, CancellationToken cancellationToken)
    {
        var hops = new List<ConnectivityHop>();
        var facts = new List<KeyValuePair<string, string>> { new("destination", endpoint.Describe()) };
        var source = $"output {kind}";
        NetworkConnection connection;
        try
        {
            connection = await NetworkConnection.OpenAsync(endpoint, kind, cancellationToken).ConfigureAwait(false);
        }
        catch (OutputDeliveryException e)
        {
            var handshake = e.Stage == "tls";
            hops.Add(new ConnectivityHop("tcp", handshake ? HopVerdict.Passed : HopVerdict.Failed, handshake ? $"connected to {endpoint.Host}:{endpoint.Port}" : e.Message));
            if (endpoint.Tls)
            {
                hops.Add(new ConnectivityHop("tls", handshake ? HopVerdict.Failed : HopVerdict.Skipped, handshake ? e.Message : "not tried"));
            }

            if (session is not null)
            {
                hops.Add(new ConnectivityHop("session", HopVerdict.Skipped, "not tried"));
            }

            return new ConnectivityReport(source, "Failed", e.Message, hops, facts);
        }

        await using (connection.ConfigureAwait(false))
        {
            if (session is null && await Task.WhenAny(connection.Closed, Task.Delay(TimeSpan.FromSeconds(1), cancellationToken)).ConfigureAwait(false) == connection.Closed)
            {
                var refused = $"{kind} output {endpoint.Describe()}: {await connection.Closed.ConfigureAwait(false)} right after the handshake{(endpoint.Tls && endpoint.ClientCertificate is null ? " (it may require a client certificate: set clientCertificate)" : "")}.";
                hops.Add(new ConnectivityHop("tcp", HopVerdict.Passed, $"connected to {endpoint.Host}:{endpoint.Port}"));
                hops.Add(new ConnectivityHop(endpoint.Tls ? "tls" : "session", HopVerdict.Failed, refused));
                return new ConnectivityReport(source, "Failed", refused, hops, facts);
            }

            hops.Add(new ConnectivityHop("tcp", HopVerdict.Passed, $"connected to {endpoint.Host}:{endpoint.Port}"));
            if (endpoint.Tls)
            {
                hops.Add(new ConnectivityHop("tls", HopVerdict.Passed, $"{connection.Security}; certificate trusted{(endpoint.CaFile is null ? "" : $" (pinned CA {endpoint.CaFile})")}, name {endpoint.ServerName} matches{(endpoint.ClientCertificate is null ? "" : "; client certificate presented")}"));
            }

            if (session is null)
            {
                hops.Add(new ConnectivityHop("write", HopVerdict.Warning, "not tested: syslog has no acknowledgement, so a test event could not be confirmed (the relp output confirms each event)"));
                return new ConnectivityReport(source, "Reachable", $"The receiver at {endpoint.Describe()} accepts connections{(endpoint.Tls ? " over trusted TLS" : "")}.", hops, facts);
            }

            try
            {
                var detail = await session(connection, cancellationToken).ConfigureAwait(false);
                hops.Add(new ConnectivityHop("session", HopVerdict.Passed, detail));
                return new ConnectivityReport(source, "Connected", $"The receiver at {endpoint.Describe()} accepted a {kind} session.", hops, facts);
            }
            catch (OutputDeliveryException e)
            {
                hops.Add(new ConnectivityHop("session", HopVerdict.Failed, e.Message));
                return new ConnectivityReport(source, "Failed", e.Message, hops, facts);
            }
        }
    }
}
