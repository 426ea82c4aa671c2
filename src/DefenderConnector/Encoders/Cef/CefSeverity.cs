namespace DefenderConnector.Encoders.Cef;

/// <summary>
/// OCSF <c>severity_id</c> to the CEF 0–10 scale. CEF readers bucket 0–3 Low, 4–6 Medium,
/// 7–8 High, 9–10 Very-High; each OCSF level lands in the bucket of the same meaning.
/// </summary>
internal static class CefSeverity
{
    public static int FromOcsf(long? severityId) => severityId switch
    {
        1 => 1,   // Informational -> Low
        2 => 3,   // Low -> Low (top of the band)
        3 => 5,   // Medium -> Medium
        4 => 7,   // High -> High
        5 => 9,   // Critical -> Very-High
        6 => 10,  // Fatal -> Very-High (top)
        _ => 0,   // 0 Unknown, 99 Other, missing: lowest, the source did not say
    };
}
