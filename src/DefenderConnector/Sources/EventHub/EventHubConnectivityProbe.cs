using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using DefenderConnector.Abstractions;
using DefenderConnector.Pulling;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// test-connectivity for the Event Hub source, hop by hop: dns, tcp, tls (not for plain AMQP to an
/// emulator), authentication (a put-token for the hub with a freshly signed token: a new transport,
/// so no cached token can hide a rotated key), hub (management read), consumer-group (a receiver
/// per partition at <c>@latest</c>, closed at once: it reads nothing and moves no checkpoint; the
/// state store is never touched), events (last enqueued sequence number and time per partition).
/// The first failing hop decides the outcome; later hops are reported as skipped.
/// </summary>
internal sealed class EventHubConnectivityProbe
{
    private static readonly TimeSpan ProbeWait = TimeSpan.FromMilliseconds(200);
    private readonly EventHubSourceOptions _options;
    private readonly TimeProvider _time;

    public EventHubConnectivityProbe(EventHubSourceOptions options, TimeProvider time)
    {
        // The probe must not take partitions away from a running pull, so it never uses an owner level.
        _options = options with { OwnerLevel = null, Prefetch = 1 };
        _time = time;
    }

    public async Task<ConnectivityReport> RunAsync(CancellationToken cancellationToken)
    {
        var hops = new List<ConnectivityHop>();
        var facts = new List<KeyValuePair<string, string>> { new("endpoint", _options.Describe()) };
        var transport = new SdkEventHubTransport(_options);
        await using (transport.ConfigureAwait(false))
        {
            string current = "dns";
            try
            {
                // Through a proxy, dns and tcp are the proxy's, and the tunnel is a hop of its own.
                var proxy = _options.Proxy;
                var (host, port) = proxy is null ? (_options.FullyQualifiedNamespace, _options.Port) : (proxy.Url.Host, proxy.Url.Port);
                var addresses = await ResolveAsync(host, hops, cancellationToken).ConfigureAwait(false);
                current = "tcp";
                using (var socket = await ConnectAsync(addresses, host, port, hops, cancellationToken).ConfigureAwait(false))
                {
                    if (proxy is not null)
                    {
                        current = "proxy";
                        var answer = await ProxyTunnel.OpenAsync(socket, proxy, _options.FullyQualifiedNamespace, _options.Port, cancellationToken)
                            .WaitAsync(_options.OperationTimeout, _time, cancellationToken).ConfigureAwait(false);
                        hops.Add(new("proxy", HopVerdict.Passed, $"The proxy {proxy} opened a tunnel to {_options.FullyQualifiedNamespace}:{_options.Port} ({answer})."));
                    }

                    if (_options.Transport != EventHubTransportKind.Amqp)
                    {
                        current = "tls";
                        await HandshakeAsync(socket, transport.Certificates, hops, cancellationToken).ConfigureAwait(false);
                    }
                }

                // The test socket is closed before AMQP connects: a server may serve connections in order.

                // A new connection signs a new token, so no cached one can hide a rotated key. The first
                // management read is what the service authorizes; its failure is the authentication hop's.
                current = "authentication";
                var hub = await transport.GetHubPropertiesAsync(cancellationToken).ConfigureAwait(false);
                hops.Add(new(current, HopVerdict.Passed, $"{Capitalized(_options.Identity)} authorized for event hub '{_options.HubName}' (a fresh token)."));

                current = "hub";
                facts.Add(new("partitions", hub.PartitionIds.Count.ToString(CultureInfo.InvariantCulture)));
                hops.Add(new(current, HopVerdict.Passed, $"Event hub '{hub.Name}' has {hub.PartitionIds.Count} partitions ({string.Join(", ", hub.PartitionIds)})."));

                current = "consumer-group";
                hops.Add(await PeekAsync(transport, hub, cancellationToken).ConfigureAwait(false));

                current = "events";
                return await EventsAsync(transport, hub, hops, facts, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var failure = e is ConnectorException { IsEventHub: true } known ? known : EventHubErrors.FromException(EventHubOperation.Connect, $"The {current} step", e);
                var detail = current == "tls" && transport.Certificates.LastRefusal is { } refusal ? refusal : failure.Message;
                hops.Add(new(current, HopVerdict.Failed, detail));
                foreach (var rest in RemainingHops(current))
                {
                    hops.Add(new(rest, HopVerdict.Skipped, $"Not tried: the {current} step failed."));
                }

                return new ConnectivityReport(EventHubConstants.SourceName, ConnectivityDiagnosis.Outcome(failure.EventHubReason), ConnectivityDiagnosis.Explain(failure.EventHubReason, _options, current, detail), hops, facts);
            }
        }
    }

    private async Task<IPAddress[]> ResolveAsync(string host, List<ConnectivityHop> hops, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip))
        {
            hops.Add(new("dns", HopVerdict.Passed, $"{host} is an IP address; nothing to resolve."));
            return [ip];
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).WaitAsync(_options.OperationTimeout, _time, cancellationToken).ConfigureAwait(false);
            if (addresses.Length == 0)
            {
                throw new SocketException((int)SocketError.HostNotFound);
            }

            hops.Add(new("dns", HopVerdict.Passed, $"{host} resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}."));
            return addresses;
        }
        catch (SocketException e)
        {
            throw EventHubErrors.FromException(EventHubOperation.Connect, $"Resolving {host}", e);
        }
    }

    private async Task<Socket> ConnectAsync(IPAddress[] addresses, string host, int port, List<ConnectivityHop> hops, CancellationToken cancellationToken)
    {
        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(address, port, cancellationToken).AsTask().WaitAsync(_options.OperationTimeout, _time, cancellationToken).ConfigureAwait(false);
                hops.Add(new("tcp", HopVerdict.Passed, $"Connected to {address}:{port}{(_options.Proxy is null ? string.Empty : " (the proxy)")}."));
                return socket;
            }
            catch (Exception e) when (e is SocketException or TimeoutException)
            {
                socket.Dispose();
                last = e;
            }
        }

        throw EventHubErrors.FromException(EventHubOperation.Connect, $"Connecting to {host}:{port}", last ?? new SocketException((int)SocketError.HostNotFound));
    }

    private async Task HandshakeAsync(Socket socket, CertificateValidator validator, List<ConnectivityHop> hops, CancellationToken cancellationToken)
    {
        var tls = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
        await using (tls.ConfigureAwait(false))
        {
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = _options.FullyQualifiedNamespace,
                RemoteCertificateValidationCallback = validator.Validate,
            };
            try
            {
                await tls.AuthenticateAsClientAsync(options, cancellationToken).WaitAsync(_options.OperationTimeout, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.Security.Authentication.AuthenticationException or IOException)
            {
                throw new ConnectorException(EventHubFailureReason.TlsFailure, false, $"The TLS handshake failed ({validator.LastRefusal ?? EventHubErrors.Redact(e.Message)}).", e);
            }

            var certificate = tls.RemoteCertificate;
            hops.Add(new("tls", HopVerdict.Passed, $"{tls.SslProtocol} with SNI {_options.FullyQualifiedNamespace}; certificate {certificate?.Subject} is trusted."));
        }
    }

    private static async Task<ConnectivityHop> PeekAsync(SdkEventHubTransport transport, EventHubProperties hub, CancellationToken cancellationToken)
    {
        var opened = 0;
        string? stolen = null;
        foreach (var partition in hub.PartitionIds)
        {
            try
            {
                var reader = await transport.OpenReaderAsync(partition, ReadPosition.From(StartPosition.Latest), cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    // The SDK attaches on the first read; a short one at the end of the stream reads nothing
                    // worth keeping, and whatever it returns is dropped: the probe never delivers or commits.
                    await reader.ReceiveAsync([], 1, ProbeWait, cancellationToken).ConfigureAwait(false);
                }

                opened++;
            }
            catch (ConnectorException e) when (e.IsEventHub && e.EventHubReason == EventHubFailureReason.OwnershipLost)
            {
                // A running pull holds the partition with an owner level: the group exists.
                stolen ??= partition;
            }
        }

        return stolen is null
            ? new("consumer-group", HopVerdict.Passed, $"A receiver attached to each of the {opened} partitions (at the end of the stream, reading nothing, moving no checkpoint).")
            : new("consumer-group", HopVerdict.Warning, $"Receivers attached to {opened} partitions; partition {stolen} is held by a reader with an owner level (probably a running pull), so the consumer group exists.");
    }

    private async Task<ConnectivityReport> EventsAsync(SdkEventHubTransport transport, EventHubProperties hub, List<ConnectivityHop> hops, List<KeyValuePair<string, string>> facts, CancellationToken cancellationToken)
    {
        DateTimeOffset? newest = null;
        var withEvents = 0;
        foreach (var id in hub.PartitionIds)
        {
            var partition = await transport.GetPartitionPropertiesAsync(id, cancellationToken).ConfigureAwait(false);
            if (partition.IsEmpty)
            {
                facts.Add(new($"partition {id}", "no events"));
                continue;
            }

            withEvents++;
            newest = newest is { } n && n > partition.LastEnqueuedTime ? n : partition.LastEnqueuedTime;
            facts.Add(new($"partition {id}", string.Create(CultureInfo.InvariantCulture, $"last sequence number {partition.LastEnqueuedSequenceNumber}, last enqueued {partition.LastEnqueuedTime:O}")));
        }

        if (withEvents == 0)
        {
            hops.Add(new("events", HopVerdict.Warning, "No partition holds an event yet."));
            return new ConnectivityReport(EventHubConstants.SourceName, ConnectivityDiagnosis.ConnectedNoEvents,
                $"Connected to event hub '{_options.HubName}' ({hub.PartitionIds.Count} partitions), but it holds no events yet: check that Defender XDR streaming (Settings > Microsoft Defender XDR > Streaming API) sends to this hub.", hops, facts);
        }

        var last = newest!.Value.ToString("O", CultureInfo.InvariantCulture);
        facts.Add(new("last enqueued", last));
        hops.Add(new("events", HopVerdict.Passed, $"{withEvents} of {hub.PartitionIds.Count} partitions hold events; the newest was enqueued at {last}."));
        return new ConnectivityReport(EventHubConstants.SourceName, ConnectivityDiagnosis.Connected,
            $"Connected to event hub '{_options.HubName}' in {_options.FullyQualifiedNamespace} ({hub.PartitionIds.Count} partitions); the newest event was enqueued at {last}.", hops, facts);
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private IEnumerable<string> RemainingHops(string failed)
    {
        string[] all = _options.Transport == EventHubTransportKind.Amqp
            ? ["dns", "tcp", "authentication", "hub", "consumer-group", "events"]
            : _options.Proxy is null
                ? ["dns", "tcp", "tls", "authentication", "hub", "consumer-group", "events"]
                : ["dns", "tcp", "proxy", "tls", "authentication", "hub", "consumer-group", "events"];
        return all.SkipWhile(h => h != failed).Skip(1);
    }
}
