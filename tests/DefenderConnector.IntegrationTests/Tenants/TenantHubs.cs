using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DefenderConnector.Emulator.EventHubs;
using DefenderConnector.IntegrationTests.Support;
using DefenderConnector.Mapping;

namespace DefenderConnector.IntegrationTests.Tenants;

/// <summary>
/// A service provider's three customers on the Event Hubs emulator: each tenant its own listener, hub and
/// generated key, one of them configured with a wrong key. Knows the id of every record it published and the
/// tenant it belongs to, and writes the <c>tenants</c> settings.
/// </summary>
internal sealed class TenantHubs : IAsyncDisposable
{
    public const int Partitions = 2;
    private const int RecordsPerMessage = 10;

    private readonly List<string> _records;
    private int _next;

    private TenantHubs(List<TenantHub> tenants, List<string> records)
    {
        Tenants = tenants;
        _records = records;
    }

    public IReadOnlyList<TenantHub> Tenants { get; }

    /// <summary>The environment the connector reads its keys from (<c>env:NAME</c>): the failing tenant's is wrong.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Which tenant published a record, by the event id the connector gives it.</summary>
    public Dictionary<string, TenantHub> TenantOfUid { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Starts contoso (its records name their tenant), fabrikam (configured with a wrong key) and northwind (its
    /// records name no tenant, so the configured tenantId serves).
    /// </summary>
    /// <param name="wrongKey">False: fabrikam gets its right key too (for tests that fail it otherwise).</param>
    public static async Task<TenantHubs> StartAsync(bool wrongKey = true)
    {
        var records = File.ReadLines(Path.Combine(RepoPaths.Samples, "defender-records.jsonl")).Where(l => l.Length > 0).ToList();
        var tenants = new List<TenantHub>
        {
            new("contoso", "Contoso Ltd", Guid.NewGuid().ToString("D"), WrongKey: false, RecordsNameTenant: true),
            new("fabrikam", "Fabrikam, Inc.", Guid.NewGuid().ToString("D"), WrongKey: wrongKey, RecordsNameTenant: true),
            new("northwind", "Northwind Traders", Guid.NewGuid().ToString("D"), WrongKey: false, RecordsNameTenant: false),
        };
        var hubs = new TenantHubs(tenants, records);
        foreach (var tenant in tenants)
        {
            var options = new EventHubEmulatorOptions { HubName = tenant.Hub, PartitionCount = Partitions };
            options.Policies["listen"] = tenant.Key;
            tenant.Emulator = new EventHubEmulator(options);
            await tenant.Emulator.StartAsync();
            hubs.Environment[tenant.Variable] = tenant.WrongKey ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : tenant.Key;
        }

        return hubs;
    }

    /// <summary>Publishes <paramref name="messages"/> messages to each partition of each tenant's hub.</summary>
    public void Publish(int messages)
    {
        foreach (var tenant in Tenants)
        {
            for (var m = 0; m < messages; m++)
            {
                for (var p = 0; p < Partitions; p++)
                {
                    var partition = p.ToString(CultureInfo.InvariantCulture);
                    var records = Enumerable.Range(0, RecordsPerMessage).Select(_ => tenant.Rewrite(_records[_next++ % _records.Count])).ToArray();
                    var sequence = tenant.Emulator!.Publish(partition, Encoding.UTF8.GetBytes("{\"records\":[" + string.Join(",", records) + "]}"));
                    for (var r = 0; r < records.Length; r++)
                    {
                        var uid = EventUid.ForEventHubRecord("127.0.0.1", tenant.Hub, partition, sequence, r);
                        tenant.Published.Add(uid);
                        TenantOfUid[uid] = tenant;
                    }
                }
            }
        }
    }

    /// <summary>The settings: one <c>tenants</c> entry per tenant, its key an <c>env:</c> reference.</summary>
    public JsonObject Settings(string outputPath = "events.jsonl") => new()
    {
        ["tenants"] = new JsonArray(Tenants.Select(t => (JsonNode)new JsonObject
        {
            ["name"] = t.Name,
            ["organization"] = t.Organization,
            ["tenantId"] = t.TenantId,
            ["eventHub"] = new JsonObject
            {
                ["namespace"] = "127.0.0.1",
                ["port"] = t.Emulator!.Port,
                ["transport"] = "amqp",
                ["hubName"] = t.Hub,
                ["sasPolicyName"] = "listen",
                ["sasKey"] = "env:" + t.Variable,
                ["operationTimeout"] = "30s",
                ["maxRetries"] = 1,
            },
        }).ToArray()),
        ["output"] = new JsonObject { ["path"] = outputPath },
        ["state"] = new JsonObject { ["path"] = "state.db" },
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var tenant in Tenants)
        {
            if (tenant.Emulator is { } emulator)
            {
                await emulator.DisposeAsync();
            }
        }
    }
}

/// <summary>One tenant of <see cref="TenantHubs"/>: its hub, key and the ids of what it published.</summary>
internal sealed record TenantHub(string Name, string Organization, string TenantId, bool WrongKey, bool RecordsNameTenant)
{
    public string Hub => Name + "-xdr";

    public string Key { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string Variable => "DC_TENANT_" + Name.ToUpperInvariant();

    public string Source => Name + "/eventhub";

    public EventHubEmulator? Emulator { get; set; }

    public HashSet<string> Published { get; } = new(StringComparer.Ordinal);

    /// <summary>The record as this tenant's Defender would stream it: its own tenantId, or none at all.</summary>
    public string Rewrite(string record)
    {
        var node = JsonNode.Parse(record)!.AsObject();
        node.Remove("tenantId");
        if (RecordsNameTenant)
        {
            node["tenantId"] = TenantId;
        }

        return node.ToJsonString();
    }
}
