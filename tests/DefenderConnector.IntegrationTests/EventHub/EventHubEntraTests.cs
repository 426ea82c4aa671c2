using DefenderConnector.Emulator.EventHubs;
using DefenderConnector.IntegrationTests.Emulator;
using DefenderConnector.IntegrationTests.Support;

namespace DefenderConnector.IntegrationTests.EventHub;

/// <summary>
/// Entra ID sign-in end to end: the reference host, as a real process, configured with eventHub.entra
/// (client secret or certificate) signs in at the loopback Entra token stand-in over HTTPS and reads from
/// the TLS emulator on a non-default port, whose $cbs checks the token's signature, audience, expiry and
/// the "Azure Event Hubs Data Receiver" role. test-connectivity and pull are run as a user would.
/// </summary>
public sealed class EventHubEntraTests
{
    private const string SecretVariable = "DC_ENTRA_TEST_SECRET";

    [Fact]
    public async Task A_client_secret_with_the_receiver_role_passes_test_connectivity_and_pulls()
    {
        await using var scene = await Scene.StartAsync(grantRole: true);
        var settings = await scene.SettingsAsync(SecretSignIn(scene));

        var (probeExit, probeOut, probeErr) = await scene.RunAsync("test-connectivity", settings);
        var (pullExit, pullOut, pullErr) = await scene.RunAsync("pull", settings);

        Assert.True(probeExit == 0, $"test-connectivity failed ({probeExit}).\n{probeOut}\n{probeErr}");
        Has(probeOut, "[ok  ] authentication");
        Assert.True(pullExit == 0, $"The pull failed ({pullExit}).\n{pullOut}\n{pullErr}");
        Assert.Equal(2, scene.DeliveredEvents());
        Assert.DoesNotContain(scene.Entra.Secret, probeOut + probeErr + pullOut + pullErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_certificate_with_the_receiver_role_passes_test_connectivity_and_pulls()
    {
        await using var scene = await Scene.StartAsync(grantRole: true);
        scene.Entra.WriteCertificatePem(Path.Combine(scene.Folder, "app.pem"));
        var settings = await scene.SettingsAsync($$"""
            "method": "certificate", "tenantId": "{{scene.Entra.TenantId}}", "clientId": "{{scene.Entra.ClientId}}",
            "certificatePath": "app.pem", "authorityHost": "{{scene.Entra.AuthorityHost}}"
            """);

        var (probeExit, probeOut, probeErr) = await scene.RunAsync("test-connectivity", settings);
        var (pullExit, pullOut, pullErr) = await scene.RunAsync("pull", settings);

        Assert.True(probeExit == 0, $"test-connectivity failed ({probeExit}).\n{probeOut}\n{probeErr}");
        Assert.True(pullExit == 0, $"The pull failed ({pullExit}).\n{pullOut}\n{pullErr}");
        Assert.Equal(2, scene.DeliveredEvents());
    }

    [Fact]
    public async Task A_wrong_client_secret_is_diagnosed_as_an_Entra_sign_in_failure_without_printing_either_secret()
    {
        await using var scene = await Scene.StartAsync(grantRole: true);
        var wrong = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(30));
        var settings = await scene.SettingsAsync(SecretSignIn(scene), secret: wrong);

        var (probeExit, probeOut, probeErr) = await scene.RunAsync("test-connectivity", settings, wrong);
        var (pullExit, pullOut, pullErr) = await scene.RunAsync("pull", settings, wrong);

        var output = probeOut + probeErr + pullOut + pullErr;
        Assert.Equal(3, probeExit);
        Has(probeOut, "[FAIL] authentication");
        Has(probeOut, "Unauthorized");
        Has(probeOut, "AADSTS7000215");
        Has(probeOut, "eventHub.entra");
        Assert.Equal(4, pullExit);
        Has(pullOut + pullErr, "Unauthorized");
        Assert.Equal(0, scene.DeliveredEvents());
        Assert.DoesNotContain(wrong, output, StringComparison.Ordinal);
        Assert.DoesNotContain(scene.Entra.Secret, output, StringComparison.Ordinal);
        Assert.DoesNotContain(" at DefenderConnector", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_identity_without_the_receiver_role_is_told_which_role_it_lacks()
    {
        await using var scene = await Scene.StartAsync(grantRole: false);
        var settings = await scene.SettingsAsync(SecretSignIn(scene));

        var (probeExit, probeOut, probeErr) = await scene.RunAsync("test-connectivity", settings);
        var (pullExit, pullOut, pullErr) = await scene.RunAsync("pull", settings);

        Assert.Equal(3, probeExit);
        Has(probeOut, "Unauthorized");
        Has(probeOut, "'Listen' claim(s) are required");
        Has(probeOut, "Azure Event Hubs Data Receiver");
        Assert.Equal(4, pullExit);
        Has(pullOut + pullErr, "Azure Event Hubs Data Receiver");
        Assert.Equal(0, scene.DeliveredEvents());
        Assert.DoesNotContain(scene.Entra.Secret, probeOut + probeErr + pullOut + pullErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_that_arrives_already_expired_is_reported_as_expired_with_the_clock_to_check()
    {
        await using var scene = await Scene.StartAsync(grantRole: true);
        scene.Entra.ShiftTokenClock(TimeSpan.FromHours(-2));
        var settings = await scene.SettingsAsync(SecretSignIn(scene));

        var (probeExit, probeOut, probeErr) = await scene.RunAsync("test-connectivity", settings);
        var (pullExit, pullOut, pullErr) = await scene.RunAsync("pull", settings);

        Assert.Equal(3, probeExit);
        Has(probeOut, "ExpiredToken");
        Has(probeOut, "clock");
        Assert.Equal(4, pullExit);
        Has(pullOut + pullErr, "ExpiredToken");
        Assert.Equal(0, scene.DeliveredEvents());
        Assert.DoesNotContain(scene.Entra.Secret, probeOut + probeErr + pullOut + pullErr, StringComparison.Ordinal);
    }

    /// <summary>Asserts that the output holds the text, showing the whole output when it does not.</summary>
    private static void Has(string output, string expected) =>
        Assert.True(output.Contains(expected, StringComparison.Ordinal), $"'{expected}' not found in:\n{output}");

    private static string SecretSignIn(Scene scene) => $$"""
        "tenantId": "{{scene.Entra.TenantId}}", "clientId": "{{scene.Entra.ClientId}}", "clientSecret": "env:{{SecretVariable}}",
        "authorityHost": "{{scene.Entra.AuthorityHost}}"
        """;

    private sealed class Scene : IAsyncDisposable
    {
        private readonly EventHubEmulator _emulator;

        private Scene(EntraSignIn entra, EventHubEmulator emulator, string folder)
        {
            Entra = entra;
            _emulator = emulator;
            Folder = folder;
        }

        public EntraSignIn Entra { get; }

        public string Folder { get; }

        public static async Task<Scene> StartAsync(bool grantRole)
        {
            var entra = await EntraSignIn.StartAsync();
            if (grantRole)
            {
                entra.GrantReceiver();
            }

            var (emulator, _) = await TestEmulator.StartAsync(o =>
            {
                o.UseTls = true;
                o.Certificate = EmulatorCertificate.Create("localhost");
                o.EntraDirectory = entra.Directory;
            });
            emulator.Publish("1", DefenderRecords.Envelope(1, 2));
            var folder = Directory.CreateTempSubdirectory("dc-ehentra-").FullName;

            // One trust bundle for both TLS endpoints the connector meets: the emulator and the token stand-in.
            var standIn = Path.Combine(folder, "stand-in.pem");
            entra.WriteTrustedCertificatePem(standIn);
            await File.WriteAllTextAsync(Path.Combine(folder, "trust.pem"), EmulatorCertificate.ExportPublicPem(emulator.Certificate!) + "\n" + await File.ReadAllTextAsync(standIn));
            return new Scene(entra, emulator, folder);
        }

        public async Task<string> SettingsAsync(string entra, string? secret = null)
        {
            var settings = Path.Combine(Folder, "settings.json");
            await File.WriteAllTextAsync(settings, $$"""
                {
                  "eventHub": { "namespace": "localhost", "port": {{_emulator.Port}}, "transport": "amqps", "hubName": "{{TestEmulator.Hub}}",
                                "trustedCertificate": "trust.pem", "operationTimeout": "20s", "maxRetries": 0,
                                "entra": { {{entra}} } },
                  "output": { "path": "events.jsonl" },
                  "state": { "path": "state.db" }
                }
                """);
            return settings;
        }

        public Task<(int ExitCode, string Output, string Error)> RunAsync(string command, string settings, string? secret = null) =>
            HostProcess.RunAsync([command, "--config", settings], new Dictionary<string, string> { [SecretVariable] = secret ?? Entra.Secret }, TimeSpan.FromMinutes(2), Folder);

        public int DeliveredEvents()
        {
            var path = Path.Combine(Folder, "events.jsonl");
            return File.Exists(path) ? File.ReadAllLines(path).Count(l => l.Length > 0) : 0;
        }

        public async ValueTask DisposeAsync()
        {
            await _emulator.DisposeAsync();
            await Entra.DisposeAsync();
            Directory.Delete(Folder, recursive: true);
        }
    }
}
