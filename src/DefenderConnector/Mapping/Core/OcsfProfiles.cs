namespace DefenderConnector.Mapping;

/// <summary>The OCSF profiles an event declares in <c>metadata.profiles</c>; attributes they gate are unknown without them.</summary>
[Flags]
internal enum OcsfProfiles
{
    None = 0,
    Host = 1,
    SecurityControl = 2,
    Cloud = 4,
    Incident = 8,
    Container = 16,
}
