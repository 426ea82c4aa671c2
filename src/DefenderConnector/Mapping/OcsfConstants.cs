namespace DefenderConnector.Mapping;

/// <summary>Fixed OCSF metadata written on every event.</summary>
internal static class OcsfConstants
{
    public const string SchemaVersion = "1.8.0";
    public const string ProductName = "Microsoft Defender XDR";
    public const string VendorName = "Microsoft";
    public const string StreamingLogProvider = "Microsoft Defender XDR Streaming API";

    /// <summary>One provider name for Graph and the legacy APIs, so rules cannot tell which API served an alert.</summary>
    public const string ApiLogProvider = "Microsoft Defender XDR API";
    public const int BaseEventClassUid = 0;
}
