using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DefenderConnector.Emulator.Http;

namespace DefenderConnector.Host.Commands;

/// <summary>
/// The demo's Graph side: the HTTPS stand-in for Entra and Graph Security, an app registration with a
/// secret generated for this run, and the bundled sample incidents and alerts moved into the last hour.
/// </summary>
internal sealed class DemoGraphStandIn : IAsyncDisposable
{
    public const string SecretVariable = "DEFENDER_DEMO_GRAPH_SECRET";

    private DemoGraphStandIn(DefenderApiEmulator emulator, string tenantId, string clientId, string secret, int incidents, int alerts)
    {
        Emulator = emulator;
        TenantId = tenantId;
        ClientId = clientId;
        Secret = secret;
        Incidents = incidents;
        Alerts = alerts;
    }

    public DefenderApiEmulator Emulator { get; }

    public string TenantId { get; }

    public string ClientId { get; }

    /// <summary>Handed to the plugin through an env: reference only; never written.</summary>
    public string Secret { get; }

    public int Incidents { get; }

    public int Alerts { get; }

    public static async Task<DemoGraphStandIn> StartAsync(string samplesPath, string certificatePath, CancellationToken cancellationToken)
    {
        var samples = JsonNode.Parse(await File.ReadAllTextAsync(samplesPath, cancellationToken).ConfigureAwait(false))!.AsObject();
        var emulator = await DefenderApiEmulator.StartAsync(cancellationToken).ConfigureAwait(false);
        var tenantId = Guid.NewGuid().ToString();
        var clientId = Guid.NewGuid().ToString();
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
        emulator.Directory.AddApp(tenantId, clientId).AddSecret(secret, DateTimeOffset.UtcNow.AddDays(1)).Grant("SecurityIncident.Read.All", "SecurityAlert.Read.All");
        emulator.Data.TenantId = tenantId;
        emulator.WriteCertificatePem(certificatePath);

        var incidents = samples["incidents"]!.AsArray().Select(n => n!.AsObject()).ToList();
        var alerts = samples["alerts"]!.AsArray().Select(n => n!.AsObject()).ToList();
        var now = DateTimeOffset.UtcNow;
        var step = 0;
        foreach (var item in incidents.Concat(alerts))
        {
            // Spread over the last hour so the first pull (24 h look-back) finds every object.
            var updated = now.AddMinutes(-50 + (step++ * 5));
            item["tenantId"] = tenantId;
            item["createdDateTime"] = Stamp(updated.AddMinutes(-20));
            item["lastUpdateDateTime"] = Stamp(updated);
        }

        incidents.ForEach(emulator.Data.UpsertGraphIncident);
        alerts.ForEach(emulator.Data.UpsertGraphAlert);
        return new DemoGraphStandIn(emulator, tenantId, clientId, secret, incidents.Count, alerts.Count);
    }

    /// <summary>The <c>graph</c> settings section pointed at the stand-in; the secret is an env: reference.</summary>
    public JsonObject Settings(string certificateFile) => new()
    {
        ["tenantId"] = TenantId,
        ["clientId"] = ClientId,
        ["clientSecret"] = $"env:{SecretVariable}",
        ["authorityHost"] = Emulator.AuthorityHost,
        ["graphBaseUrl"] = Emulator.GraphBaseUrl,
        ["trustedCertificate"] = certificateFile,
        ["mode"] = "graph",
    };

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
