using System.Text.Json;

namespace DefenderConnector.Mapping.Email;

/// <summary>
/// Delivery and remediation outcomes as OCSF security-control action and disposition:
/// Delivered Allowed/Allowed, Junked Allowed/Tagged, Blocked Denied/Blocked, Replaced Modified/Corrected;
/// post-delivery "Moved to quarantine" Modified/Quarantined, deletions Modified/Deleted.
/// </summary>
internal static class EmailVerdicts
{
    public static void Write(OcsfEventWriter writer, in Row row, Column column)
    {
        var text = row.Peek(column);
        if (text.IsEmpty)
        {
            return;
        }

        var (action, disposition) = text switch
        {
            _ when Is(text, "Delivered"u8) => (1, 1),
            _ when Is(text, "Junked"u8) || Is(text, "DeliveredAsSpam"u8) => (1, 18),
            _ when Is(text, "Blocked"u8) => (2, 2),
            _ when Is(text, "Replaced"u8) => (4, 11),
            _ when text.IndexOf("quarantine"u8) >= 0 || text.IndexOf("Quarantine"u8) >= 0 => (4, 3),
            _ when text.IndexOf("delete"u8) >= 0 || text.IndexOf("Delete"u8) >= 0 => (4, 5),
            _ when text.IndexOf("junk"u8) >= 0 || text.IndexOf("Junk"u8) >= 0 => (4, 18),
            _ => (99, 99),
        };
        row.MarkUsed(column);
        writer.WriteNumber(Names.ActionId, action);
        writer.WriteString(Names.Action, action switch { 1 => "Allowed"u8, 2 => "Denied"u8, 4 => "Modified"u8, _ => text });
        writer.WriteNumber(Names.DispositionId, disposition);
        writer.WriteString(Names.Disposition, disposition switch { 1 => "Allowed"u8, 2 => "Blocked"u8, 3 => "Quarantined"u8, 5 => "Deleted"u8, 11 => "Corrected"u8, 18 => "Tagged"u8, _ => text });
    }

    private static bool Is(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => System.Text.Ascii.EqualsIgnoreCase(a, b);
}
