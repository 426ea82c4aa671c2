using System.Security.Cryptography;
using System.Text.Json;
using DefenderConnector.Emulator.Http;
using DefenderConnector.IntegrationTests.Graph;
using Xunit.Abstractions;

namespace DefenderConnector.IntegrationTests.Outputs.Http;

/// <summary>The Sentinel (Logs Ingestion API) output against the emulator's Logs Ingestion and Entra stand-ins over HTTPS.</summary>
public sealed class SentinelOutputTests(ITestOutputHelper output)
{
    private const string Rule = "dcr-0123456789abcdef0123456789abcdef";
    private const string Stream = "Custom-DefenderOcsf_CL";

    private sealed record App(string Tenant, string ClientId, string Secret);

    private static App Register(HttpReceiver receiver, bool publisher = true)
    {
        var app = new App(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)));
        var entra = receiver.Directory.AddApp(app.Tenant, app.ClientId).AddSecret(app.Secret, DateTimeOffset.UtcNow.AddYears(1));
        if (publisher)
        {
            entra.Grant(LogsIngestionStandIn.PublisherRole);
        }

        receiver.Siem.LogsIngestion.AddRule(Rule, Stream);
        return app;
    }

    private static string Settings(HttpReceiver receiver, App app, string extra = "") => $$"""
        { "type": "sentinel", "format": "ocsf", "sentinel": { "endpoint": "{{receiver.Url}}", "dcrImmutableId": "{{Rule}}", "streamName": "{{Stream}}",
          "tenantId": "{{app.Tenant}}", "clientId": "{{app.ClientId}}", "clientSecret": "env:DC_SENTINEL_SECRET",
          "authorityHost": "{{receiver.Url}}", "caFile": "{{receiver.Pki.CaFile}}"{{extra}} } }
        """;

    [Fact]
    public async Task EveryEventReachesTheStreamByteForByte()
    {
        await using var bed = await OutputTestbed.StartAsync(partitions: 2, messagesPerPartition: 50);
        await using var receiver = await HttpReceiver.StartAsync(bed.Folder);
        var app = Register(receiver);
        var json = Settings(receiver, app, """, "maxRequestBytes": 40000""");
        var environment = bed.Environment.With("DC_SENTINEL_SECRET", app.Secret);

        var probe = await HttpOutputScenarios.ConnectsAsync(bed, json, environment, app.Secret, output);
        Assert.Contains("[ok  ] entra", probe, StringComparison.Ordinal);
        Assert.Empty(receiver.Siem.LogsIngestion.Records);
        await HttpOutputScenarios.DeliversEveryEventByteForByteAsync(bed, json, environment, () => receiver.Siem.LogsIngestion.Records.Select(r => r.Json).ToList(), "sentinel", output);
        Assert.True(receiver.Emulator.Requests.Count(EmulatedRoute.LogsIngestion, 204) > 10, "The batches were not split by maxRequestBytes.");
    }

    [Fact]
    public async Task AReceiverStoppedMidPullAndRestartedLosesNoEvent()
    {
        await using var bed = await OutputTestbed.StartAsync(partitions: 4, messagesPerPartition: 250);
        await using var receiver = await HttpReceiver.StartAsync(bed.Folder);
        var app = Register(receiver);
        var json = Settings(receiver, app, """, "maxRetries": 12, "retryDelay": 0.2, "retryMaxDelay": 2""");
        await HttpOutputScenarios.SurvivesAReceiverRestartAsync(bed, receiver, json, bed.Environment.With("DC_SENTINEL_SECRET", app.Secret), () => receiver.Siem.LogsIngestion.Records.Select(r => r.Json).ToList(), output);
    }

    [Fact]
    public async Task AWrongSecretIsDiagnosedWithExitCode3AndTheSecretStaysOut()
    {
        await using var bed = await OutputTestbed.StartAsync(partitions: 1, messagesPerPartition: 2);
        await using var receiver = await HttpReceiver.StartAsync(bed.Folder);
        var app = Register(receiver);
        var wrong = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
        await HttpOutputScenarios.DiagnosesAsync(bed, Settings(receiver, app, """, "maxRetries": 0"""), bed.Environment.With("DC_SENTINEL_SECRET", wrong), wrong, "entra", "AADSTS7000215", output);
        Assert.Empty(receiver.Siem.LogsIngestion.Records);
    }

    [Fact]
    public async Task AnAppWithoutThePublisherRoleIsDiagnosedWithExitCode3()
    {
        await using var bed = await OutputTestbed.StartAsync(partitions: 1, messagesPerPartition: 2);
        await using var receiver = await HttpReceiver.StartAsync(bed.Folder);
        var app = Register(receiver, publisher: false);
        await HttpOutputScenarios.DiagnosesAsync(bed, Settings(receiver, app, """, "maxRetries": 0"""), bed.Environment.With("DC_SENTINEL_SECRET", app.Secret), app.Secret, "auth", "Monitoring Metrics Publisher", output);
        Assert.Empty(receiver.Siem.LogsIngestion.Records);
    }

    [Fact]
    public async Task AnAppSigningInWithACertificateDelivers()
    {
        var folder = Directory.CreateTempSubdirectory("dc-sentinel-").FullName;
        await using var receiver = await HttpReceiver.StartAsync(folder);
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        receiver.Pki.IssueClientPfx(Path.Combine(folder, "app.pfx"), password);
        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(folder, "app.pfx"), password);
        var tenant = Guid.NewGuid().ToString();
        var client = Guid.NewGuid().ToString();
        receiver.Directory.AddApp(tenant, client).AddCertificate(certificate).Grant(LogsIngestionStandIn.PublisherRole);
        receiver.Siem.LogsIngestion.AddRule(Rule, Stream);
        var json = $$"""
            { "type": "sentinel", "sentinel": { "endpoint": "{{receiver.Url}}", "dcrImmutableId": "{{Rule}}", "streamName": "{{Stream}}", "tenantId": "{{tenant}}", "clientId": "{{client}}",
              "clientCertificate": "app.pfx", "clientCertificatePassword": "env:DC_PFX_PASSWORD", "authorityHost": "{{receiver.Url}}", "caFile": "{{receiver.Pki.CaFile}}" } }
            """;
        await using (var sentinel = HttpReceiver.CreateOutput(folder, json, TimeProvider.System, new() { ["DC_PFX_PASSWORD"] = password }))
        {
            var report = await sentinel.ProbeAsync(CancellationToken.None);
            Assert.True(report.Succeeded, report.Diagnosis);
            Assert.Contains(report.Hops, h => h.Name == "entra" && h.Detail.Contains("certificate", StringComparison.Ordinal));
            await sentinel.WriteAsync(HecOutputTests.Batch("a", "b"), CancellationToken.None);
        }

        Assert.Equal(2, receiver.Siem.LogsIngestion.Records.Count);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ThrottlingWaitsForRetryAfterAndAnEventOverOneCallIsDeadLetteredAndCounted()
    {
        var folder = Directory.CreateTempSubdirectory("dc-sentinel-").FullName;
        await using var receiver = await HttpReceiver.StartAsync(folder);
        var app = Register(receiver);
        receiver.Emulator.Faults.Enqueue(EmulatedRoute.LogsIngestion, new ScriptedFault(429, RetryAfterSeconds: 11));
        var time = new AutoAdvancingTimeProvider(DateTimeOffset.UtcNow);
        var huge = new string('x', 1_100_000);
        await using (var sentinel = HttpReceiver.CreateOutput(folder, Settings(receiver, app, """, "retryDelay": 1, "retryMaxDelay": 60"""), time, new() { ["DC_SENTINEL_SECRET"] = app.Secret }))
        {
            await sentinel.WriteAsync(HecOutputTests.Batch("a", huge, "b"), CancellationToken.None);
            Assert.Equal(1, sentinel.DeadLettered);
        }

        Assert.Equal([TimeSpan.FromSeconds(11)], time.Delays);
        Assert.Equal(["\"a\"", "\"b\""], receiver.Siem.LogsIngestion.Records.Select(r => JsonDocument.Parse(r.Json).RootElement.GetProperty("id").GetRawText()).Order());
        var letter = JsonDocument.Parse(File.ReadAllLines(Path.Combine(folder, "out", "output-dead-letters.jsonl")).Single()).RootElement;
        Assert.Equal("too_large", letter.GetProperty("reason").GetString());
        Assert.Contains("1 MB", letter.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }
}
