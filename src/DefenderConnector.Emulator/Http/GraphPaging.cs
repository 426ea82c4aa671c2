namespace DefenderConnector.Emulator.Http;

/// <summary>
/// Graph Security's paging limits as documented and observed (sources in README.md): <c>$top</c> is
/// clamped per resource, <c>$skip</c> above 500 answers 400, and a next link may not be sent at all.
/// </summary>
public sealed class GraphPaging
{
    /// <summary>The highest <c>$skip</c> Graph Security accepts; 501 and above answer 400 Bad Request.</summary>
    public const int SkipLimit = 500;

    /// <summary>Graph's message for a <c>$skip</c> above the limit.</summary>
    public const string SkipLimitMessage = "The limit of '500' for Skip query has been exceeded";

    /// <summary>Incidents clamp <c>$top</c> to 50.</summary>
    public const int IncidentsTopLimit = 50;

    /// <summary>alerts_v2 clamps <c>$top</c> to 1000.</summary>
    public const int AlertsTopLimit = 1000;

    /// <summary>When true, no <c>@odata.nextLink</c> is sent even when more items match (as observed on alerts_v2).</summary>
    public bool OmitNextLinks { get; set; }
}
