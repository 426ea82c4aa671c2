namespace DefenderConnector.Host;

/// <summary>How log lines are written (<c>--log-format</c>).</summary>
internal enum LogFormat
{
    /// <summary>One plain line per entry; under systemd, journald's priority prefix instead of a time.</summary>
    Simple,

    /// <summary>One JSON object per line.</summary>
    Json,

    /// <summary>journald's priority prefix, chosen automatically under systemd.</summary>
    Systemd,
}
