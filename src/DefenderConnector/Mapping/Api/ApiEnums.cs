namespace DefenderConnector.Mapping.Api;

/// <summary>
/// Graph (camelCase) and legacy (PascalCase) enum values → OCSF, compared ignoring case so both
/// APIs produce the same ids.
/// </summary>
internal static class ApiEnums
{
    /// <summary>Alert status → Detection Finding status_id: new 1, inProgress 2, resolved 4.</summary>
    public static (int Id, string Caption) AlertStatus(ReadOnlySpan<byte> text) => text switch
    {
        _ when Is(text, "new"u8) => (1, "New"),
        _ when Is(text, "inProgress"u8) => (2, "In Progress"),
        _ when Is(text, "resolved"u8) => (4, "Resolved"),
        _ => (0, "Unknown"),
    };

    /// <summary>Incident status → Incident Finding status_id: active 1 New, inProgress 2, awaitingAction 3 On Hold, resolved 4, redirected 5 Closed.</summary>
    public static (int Id, string Caption) IncidentStatus(ReadOnlySpan<byte> text) => text switch
    {
        _ when Is(text, "active"u8) || Is(text, "new"u8) => (1, "New"),
        _ when Is(text, "inProgress"u8) => (2, "In Progress"),
        _ when Is(text, "awaitingAction"u8) => (3, "On Hold"),
        _ when Is(text, "resolved"u8) => (4, "Resolved"),
        _ when Is(text, "redirected"u8) => (5, "Closed"),
        _ => (0, "Unknown"),
    };

    /// <summary>
    /// classification (and determination where it says more) → verdict_id: falsePositive 1,
    /// truePositive 2, informationalExpectedActivity 5 Benign; determination securityTesting 6 Test,
    /// insufficientData 7, clean/notMalicious/confirmedUserActivity/lineOfBusinessApplication 5 Benign.
    /// </summary>
    public static (int Id, string Caption) Verdict(ReadOnlySpan<byte> classification, ReadOnlySpan<byte> determination)
    {
        if (Is(determination, "securityTesting"u8))
        {
            return (6, "Test");
        }

        if (Is(determination, "insufficientData"u8))
        {
            return (7, "Insufficient Data");
        }

        if (Is(classification, "falsePositive"u8))
        {
            return (1, "False Positive");
        }

        if (Is(classification, "truePositive"u8))
        {
            return (2, "True Positive");
        }

        if (Is(classification, "informationalExpectedActivity"u8) || Is(determination, "clean"u8) || Is(determination, "notMalicious"u8)
            || Is(determination, "confirmedUserActivity"u8) || Is(determination, "lineOfBusinessApplication"u8))
        {
            return (5, "Benign");
        }

        return (0, "Unknown");
    }

    /// <summary>Evidence verdict → verdict_id: malicious 2 True Positive, suspicious 4, noThreatsFound 5 Benign.</summary>
    public static (int Id, string Caption) EvidenceVerdict(ReadOnlySpan<byte> text) => text switch
    {
        _ when Is(text, "malicious"u8) => (2, "True Positive"),
        _ when Is(text, "suspicious"u8) => (4, "Suspicious"),
        _ when Is(text, "noThreatsFound"u8) => (5, "Benign"),
        _ => (0, "Unknown"),
    };

    public static bool IsResolved(ReadOnlySpan<byte> status) => Is(status, "resolved"u8) || Is(status, "redirected"u8);

    private static bool Is(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => System.Text.Ascii.EqualsIgnoreCase(a, b);
}
