namespace DefenderConnector.Sources.Graph;

/// <summary>Requests allowed per API, per tenant and app (Microsoft counts them per app per tenant).</summary>
internal sealed record RequestBudgetLimits(
    int GraphPerMinute,
    int M365dPerMinute,
    int M365dPerHour,
    int MdePerMinute,
    int MdePerHour,
    int SiemPerMinute)
{
    public static RequestBudgetLimits Default { get; } = new(
        GraphConstants.DefaultGraphRequestsPerMinute,
        GraphConstants.DefaultM365dRequestsPerMinute,
        GraphConstants.DefaultM365dRequestsPerHour,
        GraphConstants.DefaultMdeRequestsPerMinute,
        GraphConstants.DefaultMdeRequestsPerHour,
        GraphConstants.DefaultSiemRequestsPerMinute);

    /// <summary>The (per-minute, per-hour) limits of one API; an hourly limit of 0 means none.</summary>
    public (int PerMinute, int PerHour) For(ApiMode api) => api switch
    {
        ApiMode.Graph => (GraphPerMinute, 0),
        ApiMode.M365d => (M365dPerMinute, M365dPerHour),
        ApiMode.Mde => (MdePerMinute, MdePerHour),
        _ => (SiemPerMinute, 0),
    };
}
