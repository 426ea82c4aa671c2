using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DefenderConnector.Abstractions;
using DefenderConnector.Emulator.Http;

namespace DefenderConnector.IntegrationTests.Graph;

/// <summary>
/// The HTTPS stand-ins plus a settings folder, a state database, a fake clock and a collecting sink.
/// Every testbed has its own tenant and app ids, so the process-wide request budgets never mix tests.
/// Secrets are generated here and passed through env: references; nothing secret is on disk.
/// </summary>
internal sealed class GraphTestbed : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);

    private GraphTestbed(DefenderApiEmulator emulator, string directory)
    {
        Emulator = emulator;
        Directory = directory;
        TenantId = Guid.NewGuid().ToString();
        ClientId = Guid.NewGuid().ToString();
        Secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
        App = emulator.Directory.AddApp(TenantId, ClientId).AddSecret(Secret, DateTimeOffset.UtcNow.AddYears(1));
        emulator.Data.TenantId = TenantId;
        emulator.WriteCertificatePem(Path.Combine(directory, "emulator.pem"));
    }

    public DefenderApiEmulator Emulator { get; }

    public string Directory { get; }

    public string TenantId { get; }

    public string ClientId { get; }

    public string Secret { get; }

    public EntraApp App { get; }

    public AutoAdvancingTimeProvider Clock { get; } = new(Start);

    public CollectingSink Sink { get; } = new();

    public CapturingLoggerFactory Logs { get; } = new();

    /// <summary>Environment seen by the settings reader (for env: references).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public static Task<GraphTestbed> StartAsync() => StartAsync(null);

    /// <summary>A testbed whose stand-in serves <paramref name="certificate"/> (e.g. one issued by a test CA).</summary>
    public static async Task<GraphTestbed> StartAsync(System.Security.Cryptography.X509Certificates.X509Certificate2? certificate)
    {
        var emulator = await DefenderApiEmulator.StartAsync(certificate);
        var directory = Path.Combine(Path.GetTempPath(), "dc-graph-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var testbed = new GraphTestbed(emulator, directory);
        testbed.Environment["GRAPH_SECRET"] = testbed.Secret;
        return testbed;
    }

    public GraphTestbed GrantGraphRoles()
    {
        App.Grant("SecurityIncident.Read.All", "SecurityAlert.Read.All");
        return this;
    }

    /// <summary>The <c>graph</c> section pointed at the stand-ins; <paramref name="tweak"/> edits it.</summary>
    public JsonObject GraphSection(Action<JsonObject>? tweak = null)
    {
        var graph = new JsonObject
        {
            ["tenantId"] = TenantId,
            ["clientId"] = ClientId,
            ["clientSecret"] = "env:GRAPH_SECRET",
            ["authorityHost"] = Emulator.AuthorityHost,
            ["graphBaseUrl"] = Emulator.GraphBaseUrl,
            ["m365dBaseUrl"] = Emulator.M365dBaseUrl,
            ["mdeBaseUrl"] = Emulator.MdeBaseUrl,
            ["siemBaseUrl"] = Emulator.SiemBaseUrl,
            ["trustedCertificate"] = "emulator.pem",
            ["maxRetries"] = 2,
        };
        tweak?.Invoke(graph);
        return graph;
    }

    public ConnectorSettings Settings(Action<JsonObject>? tweak = null)
    {
        var root = new JsonObject
        {
            ["graph"] = GraphSection(tweak),
            ["state"] = new JsonObject { ["path"] = "state/connector.db" },
        };
        return new ConnectorSettings(root.ToJsonString(), Directory, name => Environment.GetValueOrDefault(name));
    }

    public IConnector CreateConnector(Action<JsonObject>? tweak = null, IConnectorMetrics? metrics = null) =>
        new DefenderConnectorPlugin().Create(Settings(tweak), new ConnectorContext(Sink, Logs, Clock, metrics));

    /// <summary>Everything a test could print or hand to a user, to search for secrets.</summary>
    public static string Render(ConnectivityReport report) =>
        $"{report.Outcome} {report.Diagnosis} {string.Join(" ", report.Hops.Select(h => $"{h.Name}:{h.Verdict}:{h.Detail}"))} {string.Join(" ", report.Facts.Select(f => $"{f.Key}={f.Value}"))}";

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Assert.True(Sink.InvalidEvents.Count == 0, "Events that are not valid OCSF 1.8.0: " + string.Join("\n", Sink.InvalidEvents));
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file on some platforms; the temp folder is harmless.
        }
    }
}
