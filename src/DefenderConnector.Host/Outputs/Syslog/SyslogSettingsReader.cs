using DefenderConnector.Host.Outputs.Network;

namespace DefenderConnector.Host.Outputs.Syslog;

/// <summary>Reads <c>output.syslog</c> (and, with other defaults, the RFC 5424 header settings RELP shares).</summary>
internal static class SyslogSettingsReader
{
    public static readonly string[] HeaderKeys = ["maxMessageBytes", "appName", "hostname", "facility", "severity", "maxRetries", "retryDelay", "retryMaxDelay"];

    public static SyslogOutputOptions? Read(SettingsSection section, string baseDirectory, Func<string, string?> environment)
    {
        section.RejectUnknown([.. NetworkEndpointReader.Keys, .. HeaderKeys]);
        var endpoint = NetworkEndpointReader.Read(section, SyslogConstants.TlsPort, SyslogConstants.PlainPort, defaultTls: true, baseDirectory, environment);
        var header = ReadHeader(section);
        var retry = ReadRetry(section);
        return endpoint is null ? null : new SyslogOutputOptions(endpoint, header.MaxMessageBytes, header.AppName, header.Hostname, header.Facility, header.Severity, retry);
    }

    public static (int MaxMessageBytes, string AppName, string Hostname, int Facility, int Severity) ReadHeader(SettingsSection section)
    {
        var max = section.Integer("maxMessageBytes", SyslogConstants.MinMessageBytes, SyslogConstants.MaxMessageBytesLimit) ?? SyslogConstants.MaxMessageBytes;
        var appName = HeaderField(section, "appName", 48) ?? SyslogConstants.AppName;
        var hostname = HeaderField(section, "hostname", 255) ?? Rfc5424Header.LocalHostname();
        var facility = section.Integer("facility", 0, 23) ?? SyslogConstants.Facility;
        var severity = section.Integer("severity", 0, 7) ?? SyslogConstants.Severity;
        return (max, appName, hostname, facility, severity);
    }

    public static RetrySettings ReadRetry(SettingsSection section) => new(
        section.Integer("maxRetries", 0, 100) ?? 5,
        section.Duration("retryDelay", TimeSpan.Zero, TimeSpan.FromMinutes(5)) ?? TimeSpan.FromSeconds(1),
        section.Duration("retryMaxDelay", TimeSpan.Zero, TimeSpan.FromHours(1)) ?? TimeSpan.FromSeconds(30));

    /// <summary>RFC 5424 §6.2: header fields are 1..n printable US-ASCII characters, no spaces.</summary>
    private static string? HeaderField(SettingsSection section, string key, int maxLength)
    {
        var value = section.String(key);
        if (value is not null && (value.Length > maxLength || value.Any(c => c < 33 || c > 126)))
        {
            section.Problem(key, $"must be 1 to {maxLength} printable ASCII characters without spaces (RFC 5424 §6.2).");
            return null;
        }

        return value;
    }
}
