namespace DefenderConnector.Mapping.Api;

/// <summary>
/// serviceSource and detectionSource spelled by each API (Graph "microsoftDefenderForEndpoint",
/// M365D "MicrosoftDefenderATP", SIEM "Windows Defender AV"...) → one product or analytic name,
/// so a rule sees the same value whichever API served the alert. Unknown values pass through.
/// </summary>
internal static class ApiSources
{
    private static readonly Dictionary<string, string> Products = new(StringComparer.OrdinalIgnoreCase)
    {
        ["microsoftDefenderForEndpoint"] = "Microsoft Defender for Endpoint", ["MicrosoftDefenderATP"] = "Microsoft Defender for Endpoint",
        ["microsoftDefenderForIdentity"] = "Microsoft Defender for Identity", ["AzureATP"] = "Microsoft Defender for Identity",
        ["microsoftDefenderForCloudApps"] = "Microsoft Defender for Cloud Apps", ["MicrosoftCloudAppSecurity"] = "Microsoft Defender for Cloud Apps",
        ["microsoftDefenderForOffice365"] = "Microsoft Defender for Office 365", ["OfficeATP"] = "Microsoft Defender for Office 365",
        ["microsoft365Defender"] = "Microsoft Defender XDR", ["MTP"] = "Microsoft Defender XDR",
        ["azureAdIdentityProtection"] = "Microsoft Entra ID Protection", ["AAD"] = "Microsoft Entra ID Protection",
        ["microsoftAppGovernance"] = "App Governance", ["dataLossPrevention"] = "Microsoft Data Loss Prevention",
        ["microsoftDefenderForCloud"] = "Microsoft Defender for Cloud",
    };

    private static readonly Dictionary<string, string> Detections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["antivirus"] = "Antivirus", ["WindowsDefenderAv"] = "Antivirus", ["Windows Defender AV"] = "Antivirus",
        ["smartScreen"] = "SmartScreen", ["WindowsDefenderSmartScreen"] = "SmartScreen",
        ["customTi"] = "Custom TI", ["CustomTI"] = "Custom TI",
        ["microsoftDefenderForEndpoint"] = "EDR", ["WindowsDefenderAtp"] = "EDR", ["EDR"] = "EDR",
        ["customDetection"] = "Custom detection", ["automatedInvestigation"] = "Automated investigation", ["manual"] = "Manual",
        ["microsoftThreatExperts"] = "Microsoft Threat Experts", ["microsoftDefenderForIdentity"] = "Microsoft Defender for Identity",
        ["microsoftDefenderForOffice365"] = "Microsoft Defender for Office 365", ["cloudAppSecurity"] = "Microsoft Defender for Cloud Apps",
        ["microsoft365Defender"] = "Microsoft Defender XDR",
    };

    public static string? Product(ReadOnlySpan<byte> text) => Find(Products, text);

    public static string? Detection(ReadOnlySpan<byte> text) => Find(Detections, text);

    private static string? Find(Dictionary<string, string> map, ReadOnlySpan<byte> text) =>
        text.IsEmpty || text.Length > 64 ? null : map.GetValueOrDefault(System.Text.Encoding.UTF8.GetString(text));
}
