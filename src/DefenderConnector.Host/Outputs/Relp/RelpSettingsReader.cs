using DefenderConnector.Host.Outputs.Network;
using DefenderConnector.Host.Outputs.Syslog;

namespace DefenderConnector.Host.Outputs.Relp;

/// <summary>Reads <c>output.relp</c>: the endpoint settings syslog has, the same RFC 5424 header settings, and <c>ackTimeout</c>.</summary>
internal static class RelpSettingsReader
{
    public static RelpOutputOptions? Read(SettingsSection section, string baseDirectory, Func<string, string?> environment)
    {
        section.RejectUnknown([.. NetworkEndpointReader.Keys, .. SyslogSettingsReader.HeaderKeys, "ackTimeout"]);
        var endpoint = NetworkEndpointReader.Read(section, RelpConstants.Port, RelpConstants.Port, defaultTls: false, baseDirectory, environment);
        var header = SyslogSettingsReader.ReadHeader(section);
        var ackTimeout = section.Duration("ackTimeout", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30)) ?? RelpConstants.AckTimeout;
        var retry = SyslogSettingsReader.ReadRetry(section);
        return endpoint is null ? null : new RelpOutputOptions(endpoint, header.MaxMessageBytes, header.AppName, header.Hostname, header.Facility, header.Severity, ackTimeout, retry);
    }
}
