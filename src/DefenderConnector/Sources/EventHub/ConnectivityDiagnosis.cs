namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// The connectivity probe's closed outcomes and their plain-words diagnoses: each says what failed and
/// which setting or network path to check. Never includes a key or token.
/// </summary>
internal static class ConnectivityDiagnosis
{
    public const string Connected = "Connected";
    public const string ConnectedNoEvents = "ConnectedNoEvents";

    public static string Outcome(EventHubFailureReason reason) => reason switch
    {
        EventHubFailureReason.DnsFailure => "DnsFailure",
        EventHubFailureReason.ConnectionRefused => "ConnectionRefused",
        EventHubFailureReason.TlsFailure => "TlsFailure",
        EventHubFailureReason.Unauthorized => "Unauthorized",
        EventHubFailureReason.UnknownPolicy => "UnknownPolicy",
        EventHubFailureReason.HubNotFound => "HubNotFound",
        EventHubFailureReason.ConsumerGroupNotFound => "ConsumerGroupNotFound",
        EventHubFailureReason.ServerBusy => "Throttled",
        EventHubFailureReason.Timeout => "Timeout",
        EventHubFailureReason.ProxyAuthenticationFailed => "ProxyAuthenticationFailed",
        _ => "ServiceError",
    };

    public static string Explain(EventHubFailureReason reason, EventHubSourceOptions options, string hop, string detail)
    {
        var ns = options.FullyQualifiedNamespace;
        return reason switch
        {
            EventHubFailureReason.DnsFailure when options.Proxy is { } proxy && hop == "dns" =>
                $"The proxy host '{proxy.Url.Host}' does not resolve: check eventHub.proxy.url and this machine's DNS.",
            EventHubFailureReason.ConnectionRefused when options.Proxy is { } proxy && hop == "tcp" =>
                $"Nothing accepted a TCP connection on the proxy {proxy.Url.Host}:{proxy.Url.Port}: check eventHub.proxy.url and that the proxy runs.",
            EventHubFailureReason.ConnectionRefused when options.Proxy is { } proxy && hop == "proxy" =>
                $"The proxy {proxy.Url.Host}:{proxy.Url.Port} refused the tunnel to {ns}:{options.Port} ({detail}): check that it allows CONNECT to that host and port.",
            EventHubFailureReason.DnsFailure =>
                $"The host name '{ns}' does not resolve: check eventHub.namespace (and eventHub.domainSuffix for sovereign clouds) and this machine's DNS.",
            EventHubFailureReason.ConnectionRefused =>
                $"Nothing accepted a TCP connection on {ns}:{options.Port}: check eventHub.port and eventHub.transport, and that firewalls or proxies allow outbound {options.Port} (use transport 'websockets' where only 443 is open).",
            EventHubFailureReason.TlsFailure =>
                $"The TLS handshake with {ns}:{options.Port} failed ({detail}): check that the namespace host name is right, whether a TLS-inspecting proxy sits in between, and eventHub.trustedCertificate for a test endpoint.",
            EventHubFailureReason.Unauthorized when options.Entra is { } entra =>
                $"Entra sign-in for namespace {ns} failed or was refused ({detail}): check the eventHub.entra settings ({entra.Describe()}: tenant, client id, secret or certificate) and that the identity holds the role Azure Event Hubs Data Receiver on event hub '{options.HubName}' or its namespace.",
            EventHubFailureReason.ProxyAuthenticationFailed =>
                $"The HTTP proxy {options.Proxy?.Url} refused the credentials (407 Proxy Authentication Required): check eventHub.proxy.username and eventHub.proxy.password.",
            EventHubFailureReason.Unauthorized =>
                $"The service refused the SAS key of policy '{options.SasPolicyName}' on namespace {ns}: check eventHub.sasKey (the primary or secondary key of that policy; it may have been rotated).",
            EventHubFailureReason.UnknownPolicy =>
                $"The SAS policy '{options.SasPolicyName}' is not defined on namespace {ns}: check eventHub.sasPolicyName (policy names are case-sensitive).",
            EventHubFailureReason.HubNotFound =>
                $"The event hub '{options.HubName}' does not exist in namespace {ns}: check eventHub.hubName (or EntityPath in the connection string).",
            EventHubFailureReason.ConsumerGroupNotFound =>
                $"The consumer group '{options.ConsumerGroup}' does not exist on event hub '{options.HubName}': check eventHub.consumerGroup or create the group.",
            EventHubFailureReason.ServerBusy =>
                $"The namespace {ns} is throttling requests (server busy): retry later or give the namespace more throughput units.",
            EventHubFailureReason.Timeout =>
                $"The {hop} step got no answer within {options.OperationTimeout.TotalSeconds:0} s: check network latency and proxies, or raise eventHub.operationTimeout.",
            EventHubFailureReason.ResourceLimitExceeded =>
                $"The service refused a reader because a quota is reached ({detail}): at most five readers per partition and consumer group; stop other readers or use another consumer group.",
            _ => $"The {hop} step failed: {detail}",
        };
    }
}
