using DefenderConnector.Host.Outputs.Network;

namespace DefenderConnector.Host.Outputs.Syslog;

/// <summary>The syslog output's settings (<c>output.syslog</c>), validated at start-up, then immutable.</summary>
internal sealed record SyslogOutputOptions(
    NetworkEndpointOptions Endpoint,
    int MaxMessageBytes,
    string AppName,
    string Hostname,
    int Facility,
    int Severity,
    RetrySettings Retry);
