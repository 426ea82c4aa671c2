using DefenderConnector.Host.Outputs.Network;

namespace DefenderConnector.Host.Outputs.Relp;

/// <summary>The RELP output's settings (<c>output.relp</c>), validated at start-up, then immutable.</summary>
internal sealed record RelpOutputOptions(
    NetworkEndpointOptions Endpoint,
    int MaxMessageBytes,
    string AppName,
    string Hostname,
    int Facility,
    int Severity,
    TimeSpan AckTimeout,
    RetrySettings Retry);
