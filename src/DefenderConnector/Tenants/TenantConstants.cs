namespace DefenderConnector.Tenants;

/// <summary>The tenants settings' fixed values in one place.</summary>
internal static class TenantConstants
{
    /// <summary>The settings key: a list of tenants, each with its own sources.</summary>
    public const string SettingsKey = "tenants";

    /// <summary>Separates a tenant's name from its source's kind in a source name (<c>contoso/eventhub</c>).</summary>
    public const char Separator = '/';

    /// <summary>The longest organization label: a SIEM field, not a document.</summary>
    public const int MaxOrganizationLength = 256;

    /// <summary>Keys of one tenant entry.</summary>
    public static readonly string[] Keys = ["name", "organization", "tenantId", "enabled", "eventHub", "eventHubs", "graph", "storage"];

    /// <summary>The top-level sections a configuration with tenants cannot hold as well.</summary>
    public static readonly string[] SourceSections = ["eventHub", "eventHubs", "graph", "storage"];

    /// <summary>A source's name for a tenant: <c>&lt;tenant&gt;/&lt;kind&gt;</c>.</summary>
    public static string SourceName(string tenant, string kind) => tenant + Separator + kind;
}
