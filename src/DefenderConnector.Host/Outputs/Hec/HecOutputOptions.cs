using DefenderConnector.Host.Outputs.Http;

namespace DefenderConnector.Host.Outputs.Hec;

/// <summary>The Splunk HTTP Event Collector output's settings (<c>output.hec</c>), validated at start-up, then immutable.</summary>
/// <param name="Endpoint">The collector's base URL (<c>url</c>, e.g. https://splunk:8088) and the shared HTTP settings.</param>
/// <param name="Token">The HEC token (<c>token</c>, a secret reference).</param>
/// <param name="Index">Splunk index (<c>index</c>); none: the token's default index.</param>
/// <param name="SourceType">Splunk sourcetype (<c>sourcetype</c>); none: <c>defender:FORMAT</c>.</param>
/// <param name="Source">Splunk source (<c>source</c>, default defender-connector).</param>
/// <param name="Host">Splunk host field (<c>host</c>, default this machine's name).</param>
/// <param name="UseAck">Wait for indexer acknowledgement before a batch counts as confirmed (<c>useAck</c>).</param>
/// <param name="AckTimeout">How long to poll for acknowledgements before sending the batch again (<c>ackTimeout</c>).</param>
/// <param name="AckPollInterval">The pause between acknowledgement polls (<c>ackPollInterval</c>).</param>
internal sealed record HecOutputOptions(
    HttpEndpointOptions Endpoint,
    HostSecret Token,
    string? Index,
    string? SourceType,
    string Source,
    string Host,
    bool UseAck,
    TimeSpan AckTimeout,
    TimeSpan AckPollInterval);
