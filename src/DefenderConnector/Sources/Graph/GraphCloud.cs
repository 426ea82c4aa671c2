namespace DefenderConnector.Sources.Graph;

/// <summary>The Microsoft cloud the tenant lives in; it decides the login, Graph and legacy hosts.</summary>
internal enum GraphCloud
{
    /// <summary>Commercial (worldwide).</summary>
    Global,

    /// <summary>US Government Community Cloud (moderate): worldwide login and Graph, .us legacy hosts.</summary>
    Gcc,

    /// <summary>US Government L4.</summary>
    GccHigh,

    /// <summary>US Government L5 (Department of Defense).</summary>
    DoD,

    /// <summary>Azure China (21Vianet): Graph Security incidents and alerts_v2 are not offered there.</summary>
    China,
}
