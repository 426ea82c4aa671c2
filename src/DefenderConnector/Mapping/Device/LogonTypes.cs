namespace DefenderConnector.Mapping.Device;

/// <summary>Windows logon types as Defender spells them → OCSF logon_type_id, and protocols → auth_protocol_id.</summary>
internal static class LogonTypes
{
    public static (int Id, string Caption) LogonType(ReadOnlySpan<byte> text) => text switch
    {
        _ when Is(text, "Interactive"u8) => (2, "Interactive"),
        _ when Is(text, "Network"u8) => (3, "Network"),
        _ when Is(text, "Batch"u8) => (4, "Batch"),
        _ when Is(text, "Service"u8) => (5, "OS Service"),
        _ when Is(text, "Unlock"u8) => (7, "Unlock"),
        _ when Is(text, "NetworkCleartext"u8) => (8, "Network Cleartext"),
        _ when Is(text, "NewCredentials"u8) => (9, "New Credentials"),
        _ when Is(text, "RemoteInteractive"u8) => (10, "Remote Interactive"),
        _ when Is(text, "CachedInteractive"u8) => (11, "Cached Interactive"),
        _ when Is(text, "CachedRemoteInteractive"u8) => (12, "Cached Remote Interactive"),
        _ when Is(text, "CachedUnlock"u8) => (13, "Cached Unlock"),
        _ => (99, string.Empty),
    };

    public static (int Id, string Caption) Protocol(ReadOnlySpan<byte> text) => text switch
    {
        _ when Is(text, "NTLM"u8) => (1, "NTLM"),
        _ when Is(text, "Kerberos"u8) => (2, "Kerberos"),
        _ when Is(text, "LDAP"u8) => (12, "LDAP"),
        _ => (99, string.Empty),
    };

    private static bool Is(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => System.Text.Ascii.EqualsIgnoreCase(a, b);
}
