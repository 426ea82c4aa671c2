using DefenderConnector.Emulator.EventHubs;
using DefenderConnector.IntegrationTests.Emulator;
using DefenderConnector.IntegrationTests.Support;

namespace DefenderConnector.IntegrationTests.EventHub;

/// <summary>
/// AMQP over WebSockets through Debian's tinyproxy with Basic authentication, as on a network where only
/// an authenticating proxy leaves. The reference host runs as a real process whose system trust
/// (SSL_CERT_FILE) holds the gateway's test certificate.
/// </summary>
public sealed class EventHubProxyTests
{
    [Fact]
    public async Task A_pull_and_test_connectivity_go_through_the_authenticating_proxy()
    {
        await using var scene = await Scene.StartAsync();
        await using var proxy = await HttpProxy.StartAsync();
        var settings = await scene.SettingsAsync(proxy, proxy.Password);

        var (probeExit, probeOut, probeErr) = await HostProcess.RunAsync(["test-connectivity", "--config", settings], scene.Environment, TimeSpan.FromMinutes(2), scene.Folder);
        var (pullExit, pullOut, pullErr) = await HostProcess.RunAsync(["pull", "--config", settings], scene.Environment, TimeSpan.FromMinutes(2), scene.Folder);

        Assert.True(probeExit == 0, $"test-connectivity failed ({probeExit}).\n{probeOut}\n{probeErr}");
        Assert.True(pullExit == 0, $"The pull failed ({pullExit}).\n{pullOut}\n{pullErr}");
        Assert.True(scene.Bridge.Accepted >= 2);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(scene.Folder, "events.jsonl")).Length);
        Assert.DoesNotContain(proxy.Password, probeOut + probeErr + pullOut + pullErr, StringComparison.Ordinal);
        Assert.DoesNotContain(scene.Key, probeOut + probeErr + pullOut + pullErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_proxy_password_is_diagnosed_as_such_without_printing_it()
    {
        await using var scene = await Scene.StartAsync();
        await using var proxy = await HttpProxy.StartAsync();
        var wrong = "not-" + proxy.Password;
        var settings = await scene.SettingsAsync(proxy, wrong);

        var (exit, stdout, stderr) = await HostProcess.RunAsync(["test-connectivity", "--config", settings], scene.Environment, TimeSpan.FromMinutes(2), scene.Folder);

        var output = stdout + stderr;
        Assert.Equal(3, exit);
        Assert.Contains("ProxyAuthenticationFailed", output, StringComparison.Ordinal);
        Assert.Contains("[FAIL] proxy", output, StringComparison.Ordinal);
        Assert.Contains("eventHub.proxy.password", output, StringComparison.Ordinal);
        Assert.Equal(0, scene.Bridge.Accepted);
        Assert.DoesNotContain(wrong, output, StringComparison.Ordinal);
        Assert.DoesNotContain(proxy.Password, output, StringComparison.Ordinal);
    }

    private sealed class Scene : IAsyncDisposable
    {
        private readonly EventHubEmulator _emulator;
        private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _certificate;

        private Scene(EventHubEmulator emulator, string key, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, WebSocketBridge bridge, string folder)
        {
            _emulator = emulator;
            _certificate = certificate;
            Key = key;
            Bridge = bridge;
            Folder = folder;
            Environment = new Dictionary<string, string> { ["DC_PROXY_TEST_KEY"] = key, ["SSL_CERT_FILE"] = Path.Combine(folder, "trust.pem") };
        }

        public string Key { get; }

        public WebSocketBridge Bridge { get; }

        public string Folder { get; }

        public Dictionary<string, string> Environment { get; }

        public static async Task<Scene> StartAsync()
        {
            var (emulator, key) = await TestEmulator.StartAsync();
            var certificate = EmulatorCertificate.Create("localhost");
            var bridge = await WebSocketBridge.StartAsync(certificate, emulator.Port);
            emulator.Publish("1", DefenderRecords.Envelope(1, 2));
            var folder = Directory.CreateTempSubdirectory("dc-ehproxy-").FullName;
            EmulatorCertificate.WritePublicPem(certificate, Path.Combine(folder, "trust.pem"));
            return new Scene(emulator, key, certificate, bridge, folder);
        }

        public async Task<string> SettingsAsync(HttpProxy proxy, string password)
        {
            await File.WriteAllTextAsync(Path.Combine(Folder, "proxy-password"), password);
            var settings = Path.Combine(Folder, "settings.json");
            await File.WriteAllTextAsync(settings, $$"""
                {
                  "eventHub": { "namespace": "localhost", "port": {{Bridge.Port}}, "transport": "websockets", "hubName": "{{TestEmulator.Hub}}",
                                "sasPolicyName": "{{TestEmulator.Policy}}", "sasKey": "env:DC_PROXY_TEST_KEY", "operationTimeout": "20s", "maxRetries": 0,
                                "proxy": { "url": "{{proxy.Url}}", "username": "{{proxy.UserName}}", "password": "file:proxy-password" } },
                  "output": { "path": "events.jsonl" },
                  "state": { "path": "state.db" }
                }
                """);
            return settings;
        }

        public async ValueTask DisposeAsync()
        {
            await Bridge.DisposeAsync();
            await _emulator.DisposeAsync();
            _certificate.Dispose();
            Directory.Delete(Folder, recursive: true);
        }
    }
}
