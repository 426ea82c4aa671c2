using System.Text.Json;
using System.Text.RegularExpressions;
using DefenderConnector.Configuration;
using DefenderConnector.Sources.EventHub;
using DefenderConnector.Sources.Graph;
using DefenderConnector.Sources.Storage;

namespace DefenderConnector.Tenants;

/// <summary>
/// Reads <c>tenants</c>: a service provider's customers, each with a unique <c>name</c>, an <c>organization</c>
/// label, an optional Entra <c>tenantId</c> and the source sections a single-tenant file has (<c>eventHub</c>,
/// <c>eventHubs</c>, <c>graph</c>, <c>storage</c>). Every problem names its full path (<c>tenants[1].eventHub.sasKey</c>).
/// </summary>
internal static partial class TenantSettingsReader
{
    /// <returns>Null when <c>tenants</c> is absent.</returns>
    public static IReadOnlyList<TenantOptions>? Read(JsonElement root, string baseDirectory, Func<string, string?> environment, SettingsProblems problems)
    {
        if (!root.TryGetProperty(TenantConstants.SettingsKey, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            problems.Add(TenantConstants.SettingsKey, "must be a list of one or more tenants, each { \"name\": \"contoso\", \"organization\": \"Contoso Ltd\", \"eventHub\": { ... } } with its own sources.");
            return null;
        }

        var tenants = new List<TenantOptions>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var positions = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = $"{TenantConstants.SettingsKey}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add(path, "must be an object: one tenant with its name and sources.");
                continue;
            }

            var tenant = ReadOne(new SettingsNode(item, path, problems), item, baseDirectory, environment, problems, names);
            if (tenant is not null)
            {
                CheckShared(tenant, path, positions, problems);
                tenants.Add(tenant);
            }
        }

        return tenants;
    }

    private static TenantOptions? ReadOne(SettingsNode node, JsonElement item, string baseDirectory, Func<string, string?> environment, SettingsProblems problems, HashSet<string> names)
    {
        node.RejectUnknown(TenantConstants.Keys);
        var name = node.String("name");
        if (name is null || !NamePattern().IsMatch(name))
        {
            problems.Add(node.Name("name"), $"is required: a short name for this tenant (letters, digits and hyphens, at most 63), unique in tenants; it names the tenant's sources (<name>/eventhub) in summaries, status, metrics and state{(name is null ? "." : $", found '{name}'.")}");
            name = null;
        }
        else if (!names.Add(name))
        {
            problems.Add(node.Name("name"), $"'{name}' names another tenant too; names must be unique (letters are compared without case).");
        }

        var organization = node.String("organization");
        if (organization is not null && (organization.Trim().Length == 0 || organization.Length > TenantConstants.MaxOrganizationLength || organization.Any(char.IsControl)))
        {
            problems.Add(node.Name("organization"), $"must be a label of 1 to {TenantConstants.MaxOrganizationLength} characters without control characters (line breaks, tabs); it is written on every event of the tenant.");
        }

        var tenantId = node.String("tenantId");
        if (tenantId is not null && !Guid.TryParse(tenantId, out _))
        {
            problems.Add(node.Name("tenantId"), $"'{tenantId}' is not a GUID: give the tenant's Entra tenant id (Microsoft Entra ID → Overview → Tenant ID).");
        }

        if (node.Bool("enabled") == false)
        {
            return null;
        }

        var eventHubNode = node.Child("eventHub");
        var eventHub = eventHubNode.Exists && eventHubNode.Bool("enabled") != false
            ? EventHubSettingsReader.Read(eventHubNode, baseDirectory, environment, problems) : null;
        var graphNode = node.Child("graph");
        var graph = graphNode.Exists && graphNode.Bool("enabled") != false
            ? GraphSettingsReader.Read(graphNode, baseDirectory, environment, problems) : null;
        var storageNode = node.Child("storage");
        var storage = storageNode.Exists && storageNode.Bool("enabled") != false
            ? StorageSettingsReader.Read(storageNode, baseDirectory, environment, problems) : null;
        var eventHubs = EventHubListReader.Read(item, node.Path + ".", baseDirectory, environment, problems);
        if (!eventHubNode.Exists && !graphNode.Exists && !storageNode.Exists && eventHubs is null)
        {
            problems.Add(node.Path, "has no source: give it an eventHub, eventHubs, graph or storage section.");
        }

        if (graph is not null && tenantId is not null && Guid.TryParse(tenantId, out var configured)
            && Guid.TryParse(graph.TenantId, out var app) && configured != app)
        {
            problems.Add(graphNode.Name("tenantId"), $"'{graph.TenantId}' is another tenant than {node.Name("tenantId")} '{tenantId}'; a tenant's Graph app must sign in to that tenant.");
        }

        if (name is null)
        {
            return null;
        }

        return new TenantOptions
        {
            Name = name,
            Organization = organization?.Trim() ?? name,
            // The Graph app's tenant is the customer's tenant: its id serves when tenantId is not given.
            TenantId = tenantId ?? (graph is not null && Guid.TryParse(graph.TenantId, out var appTenant) ? appTenant.ToString("D") : null),
            EventHub = eventHub,
            EventHubs = eventHubs ?? [],
            Graph = graph,
            Storage = storage,
        };
    }

    /// <summary>Two tenants on one hub (and consumer group), account or Graph app would share checkpoints and cursors.</summary>
    private static void CheckShared(TenantOptions tenant, string path, Dictionary<string, string> positions, SettingsProblems problems)
    {
        void Claim(string key, string setting, string what)
        {
            if (positions.TryGetValue(key, out var other))
            {
                problems.Add(setting, $"{what} is also read by {other}; each hub (with its consumer group), storage account and Graph app belongs to one tenant, or their checkpoints would collide.");
            }
            else
            {
                positions[key] = setting;
            }
        }

        if (tenant.EventHub is { } hub)
        {
            Claim("eventhub:" + hub.StreamKey, $"{path}.eventHub", $"{hub.HubName} in {hub.FullyQualifiedNamespace} (consumer group {hub.ConsumerGroup})");
        }

        for (var i = 0; i < tenant.EventHubs.Count; i++)
        {
            var each = tenant.EventHubs[i].Value;
            Claim("eventhub:" + each.StreamKey, $"{path}.eventHubs[{tenant.EventHubs[i].Key}]", $"{each.HubName} in {each.FullyQualifiedNamespace} (consumer group {each.ConsumerGroup})");
        }

        if (tenant.Storage is { } storage)
        {
            Claim("storage:" + storage.AccountName.ToLowerInvariant(), $"{path}.storage", $"the storage account {storage.AccountName}");
        }

        if (tenant.Graph is { } graph)
        {
            Claim($"graph:{graph.TenantId}/{graph.ClientId}".ToLowerInvariant(), $"{path}.graph", $"the Graph app {graph.ClientId} of tenant {graph.TenantId}");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,62}$")]
    private static partial Regex NamePattern();
}
