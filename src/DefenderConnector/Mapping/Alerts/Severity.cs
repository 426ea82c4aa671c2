namespace DefenderConnector.Mapping.Alerts;

/// <summary>Defender and Graph severity words → OCSF severity_id (informational 1, low 2, medium 3, high 4).</summary>
internal static class Severity
{
    public static int FromText(ReadOnlySpan<byte> text) => text switch
    {
        _ when System.Text.Ascii.EqualsIgnoreCase(text, "Informational"u8) => 1,
        _ when System.Text.Ascii.EqualsIgnoreCase(text, "Low"u8) => 2,
        _ when System.Text.Ascii.EqualsIgnoreCase(text, "Medium"u8) => 3,
        _ when System.Text.Ascii.EqualsIgnoreCase(text, "High"u8) => 4,
        _ => 0,
    };
}
