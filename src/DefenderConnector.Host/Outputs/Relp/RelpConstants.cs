namespace DefenderConnector.Host.Outputs.Relp;

/// <summary>Every default and protocol constant of the RELP output (see README.md for the sources).</summary>
internal static class RelpConstants
{
    /// <summary>RELP has no IANA port; rsyslog's documentation uses 2514 in its examples.</summary>
    public const int Port = 2514;

    /// <summary>Transaction numbers run from 1 to 999,999,999 and then wrap to 1 (0 is the server's own, for serverclose).</summary>
    public const int MaxTxnr = 999_999_999;

    /// <summary>How long the receiver may take to acknowledge the last message of a batch.</summary>
    public static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(60);

    public const string OpenOffer = "relp_version=0\nrelp_software=defender-connector\ncommands=syslog";
}
