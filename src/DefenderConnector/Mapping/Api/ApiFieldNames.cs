namespace DefenderConnector.Mapping.Api;

/// <summary>
/// Property names of each API object kind → the shared <see cref="Column"/> vocabulary, so one
/// writer maps a Graph alert, an M365D incident alert, an MDE /api/alerts alert and a WDATP SIEM
/// alert the same way. Names from the Graph v1.0 security resources and the legacy API docs.
/// </summary>
internal static class ApiFieldNames
{
    private static readonly (string Name, Column Column)[] GraphAlertNames =
    [
        ("id", Column.Id), ("providerAlertId", Column.ProviderAlertId), ("incidentId", Column.IncidentId), ("tenantId", Column.TenantId),
        ("detectorId", Column.DetectorId), ("title", Column.Title), ("description", Column.Description), ("recommendedActions", Column.RecommendedActions),
        ("category", Column.Category), ("actorDisplayName", Column.ActorDisplayName), ("threatDisplayName", Column.ThreatDisplayName),
        ("threatFamilyName", Column.ThreatFamilyName), ("assignedTo", Column.AssignedTo), ("alertWebUrl", Column.AlertWebUrl),
        ("incidentWebUrl", Column.IncidentWebUrl), ("status", Column.Status), ("severity", Column.Severity), ("classification", Column.Classification),
        ("determination", Column.Determination), ("serviceSource", Column.ServiceSource), ("detectionSource", Column.DetectionSource),
        ("createdDateTime", Column.CreatedDateTime), ("lastUpdateDateTime", Column.LastUpdateDateTime), ("resolvedDateTime", Column.ResolvedDateTime),
        ("firstActivityDateTime", Column.FirstActivityDateTime), ("lastActivityDateTime", Column.LastActivityDateTime),
        ("mitreTechniques", Column.MitreTechniques), ("comments", Column.Comments), ("evidence", Column.Evidence), ("systemTags", Column.SystemTags),
    ];

    private static readonly (string Name, Column Column)[] GraphIncidentNames =
    [
        ("id", Column.Id), ("displayName", Column.DisplayName), ("createdDateTime", Column.CreatedDateTime), ("lastUpdateDateTime", Column.LastUpdateDateTime),
        ("assignedTo", Column.AssignedTo), ("classification", Column.Classification), ("determination", Column.Determination), ("status", Column.Status),
        ("severity", Column.Severity), ("redirectIncidentId", Column.RedirectIncidentId), ("incidentWebUrl", Column.IncidentWebUrl), ("tenantId", Column.TenantId),
        ("customTags", Column.CustomTags), ("systemTags", Column.SystemTags), ("comments", Column.Comments), ("description", Column.Description), ("alerts", Column.Alerts),
    ];

    private static readonly (string Name, Column Column)[] LegacyIncidentNames =
    [
        ("incidentId", Column.Id), ("incidentName", Column.DisplayName), ("createdTime", Column.CreatedDateTime), ("lastUpdateTime", Column.LastUpdateDateTime),
        ("assignedTo", Column.AssignedTo), ("classification", Column.Classification), ("determination", Column.Determination), ("status", Column.Status),
        ("severity", Column.Severity), ("redirectIncidentId", Column.RedirectIncidentId), ("incidentUri", Column.IncidentWebUrl), ("tags", Column.CustomTags),
        ("comments", Column.Comments), ("alerts", Column.Alerts),
    ];

    /// <summary>The alerts inside an M365D incident.</summary>
    private static readonly (string Name, Column Column)[] LegacyIncidentAlertNames =
    [
        ("alertId", Column.Id), ("incidentId", Column.IncidentId), ("title", Column.Title), ("description", Column.Description), ("category", Column.Category),
        ("severity", Column.Severity), ("status", Column.Status), ("serviceSource", Column.ServiceSource), ("detectionSource", Column.DetectionSource),
        ("creationTime", Column.CreatedDateTime), ("lastUpdatedTime", Column.LastUpdateDateTime), ("resolvedTime", Column.ResolvedDateTime),
        ("firstActivity", Column.FirstActivityDateTime), ("lastActivity", Column.LastActivityDateTime), ("mitreTechniques", Column.MitreTechniques),
        ("classification", Column.Classification), ("determination", Column.Determination), ("assignedTo", Column.AssignedTo),
        ("threatFamilyName", Column.ThreatFamilyName), ("actorName", Column.ActorDisplayName), ("devices", Column.Devices), ("entities", Column.Entities),
    ];

    private static readonly (string Name, Column Column)[] EndpointAlertNames =
    [
        ("id", Column.Id), ("incidentId", Column.IncidentId), ("detectorId", Column.DetectorId), ("assignedTo", Column.AssignedTo), ("severity", Column.Severity),
        ("status", Column.Status), ("classification", Column.Classification), ("determination", Column.Determination), ("detectionSource", Column.DetectionSource),
        ("category", Column.Category), ("threatFamilyName", Column.ThreatFamilyName), ("threatName", Column.ThreatDisplayName), ("title", Column.Title),
        ("description", Column.Description), ("mitreTechniques", Column.MitreTechniques), ("alertCreationTime", Column.CreatedDateTime),
        ("firstEventTime", Column.FirstActivityDateTime), ("lastEventTime", Column.LastActivityDateTime), ("lastUpdateTime", Column.LastUpdateDateTime),
        ("resolvedTime", Column.ResolvedDateTime), ("machineId", Column.MdeDeviceId), ("computerDnsName", Column.DeviceDnsName), ("aadTenantId", Column.TenantId),
        ("relatedUser", Column.UserAccount), ("comments", Column.Comments), ("evidence", Column.Evidence),
    ];

    private static readonly (string Name, Column Column)[] SiemAlertNames =
    [
        ("AlertId", Column.Id), ("AlertTitle", Column.Title), ("Description", Column.Description), ("Category", Column.Category), ("Severity", Column.Severity),
        ("Source", Column.DetectionSource), ("Actor", Column.ActorDisplayName), ("AlertTime", Column.CreatedDateTime), ("LastProcessedTimeUtc", Column.LastUpdateDateTime),
        ("LinkToWDATP", Column.AlertWebUrl), ("ComputerDnsName", Column.DeviceDnsName), ("DeviceID", Column.MdeDeviceId), ("ThreatName", Column.ThreatDisplayName),
        ("ThreatFamily", Column.ThreatFamilyName), ("FileName", Column.FileName), ("FilePath", Column.FilePath), ("Sha1", Column.SHA1), ("Sha256", Column.SHA256),
        ("Md5", Column.MD5), ("CommandLine", Column.ProcessCommandLine), ("UserName", Column.AccountName), ("UserDomain", Column.DomainName),
        ("IpAddress", Column.IPAddress), ("Url", Column.Url),
    ];

    /// <summary>Evidence entries (Graph polymorphic evidence, MDE evidence) and the objects nested in them.</summary>
    private static readonly (string Name, Column Column)[] EvidenceNames =
    [
        ("@odata.type", Column.OdataType), ("entityType", Column.EntityTypeName), ("verdict", Column.Verdict), ("roles", Column.Roles),
        ("remediationStatus", Column.RemediationStatus), ("deviceDnsName", Column.DeviceDnsName), ("mdeDeviceId", Column.MdeDeviceId),
        ("azureAdDeviceId", Column.AzureAdDeviceId), ("osPlatform", Column.OSPlatform), ("fileDetails", Column.FileDetails), ("imageFile", Column.ImageFile),
        ("processId", Column.ProcessId), ("processCommandLine", Column.ProcessCommandLine), ("processCreationDateTime", Column.ProcessCreationDateTime),
        ("processCreationTime", Column.ProcessCreationDateTime), ("parentProcessId", Column.ParentProcessId), ("userAccount", Column.UserAccount),
        ("accountName", Column.AccountName), ("domainName", Column.DomainName), ("userSid", Column.UserSid), ("azureAdUserId", Column.AzureAdUserId),
        ("aadUserId", Column.AzureAdUserId), ("userPrincipalName", Column.UserPrincipalName), ("userName", Column.AccountName), ("displayName", Column.DisplayName),
        ("ipAddress", Column.IPAddress), ("url", Column.Url), ("registryHive", Column.RegistryHive), ("registryKey", Column.RegistryKey),
        ("registryValueName", Column.RegistryValueName), ("registryValue", Column.RegistryValue), ("fileName", Column.FileName), ("filePath", Column.FilePath),
        ("sha1", Column.SHA1), ("sha256", Column.SHA256), ("fileSize", Column.FileSize), ("primaryAddress", Column.PrimaryAddress),
    ];

    public static FieldNames GraphAlert { get; } = Create(GraphAlertNames);

    public static FieldNames GraphIncident { get; } = Create(GraphIncidentNames);

    public static FieldNames LegacyIncident { get; } = Create(LegacyIncidentNames);

    public static FieldNames LegacyIncidentAlert { get; } = Create(LegacyIncidentAlertNames);

    public static FieldNames EndpointAlert { get; } = Create(EndpointAlertNames);

    public static FieldNames SiemAlert { get; } = Create(SiemAlertNames);

    public static FieldNames Evidence { get; } = Create(EvidenceNames);

    private static FieldNames Create((string Name, Column Column)[] names) =>
        new(names.Select(n => KeyValuePair.Create(n.Name, n.Column)), ignoreCase: true);
}
