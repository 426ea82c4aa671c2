namespace DefenderConnector.Host.Outputs.Syslog;

/// <summary>Every default of the syslog output in one place (see README.md for the reasons).</summary>
internal static class SyslogConstants
{
    /// <summary>RFC 5425 §4.1: syslog over TLS is port 6514.</summary>
    public const int TlsPort = 6514;

    /// <summary>RFC 6587 names no port for plain TCP; 601 is the IANA syslog-conn port.</summary>
    public const int PlainPort = 601;

    /// <summary>64 KiB: far above Defender's largest rows, and what rsyslog and syslog-ng accept when raised from their 8 KiB default.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>RFC 5424 §6.1: every receiver must accept 480 octets; a smaller maximum makes no sense.</summary>
    public const int MinMessageBytes = 480;

    public const int MaxMessageBytesLimit = 16 * 1024 * 1024;

    /// <summary>RFC 5424 facility 13, "log audit".</summary>
    public const int Facility = 13;

    /// <summary>RFC 5424 severity 5, "notice".</summary>
    public const int Severity = 5;

    public const string AppName = "defender-connector";

    /// <summary>How long a new connection is watched for an immediate refusal before the first batch goes.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(250);
}
