using System.Security.Cryptography.X509Certificates;
using DefenderConnector.Abstractions;
using DefenderConnector.Emulator.Http;
using DefenderConnector.Host.Outputs;
using Microsoft.Extensions.Logging.Abstractions;

namespace DefenderConnector.IntegrationTests.Outputs.Http;

/// <summary>
/// The emulator's SIEM stand-ins on Kestrel over HTTPS at 127.0.0.1, with a server certificate from a test CA
/// (so the outputs pin it with caFile), that a test can stop and start again on the same port with what the
/// receivers held, as a SIEM that goes down and comes back.
/// </summary>
internal sealed class HttpReceiver : IAsyncDisposable
{
    private readonly X509Certificate2 _certificate;
    private DefenderApiEmulator? _emulator;

    private HttpReceiver(TestPki pki, X509Certificate2 certificate, DefenderApiEmulator emulator)
    {
        Pki = pki;
        _certificate = certificate;
        _emulator = emulator;
        Port = emulator.BaseUri.Port;
        Siem = emulator.Siem;
        Directory = emulator.Directory;
    }

    public TestPki Pki { get; }

    public int Port { get; }

    public SiemStandIns Siem { get; }

    public EntraDirectory Directory { get; }

    public DefenderApiEmulator Emulator => _emulator ?? throw new InvalidOperationException("The receiver is stopped.");

    public string Url => $"https://127.0.0.1:{Port}";

    public static async Task<HttpReceiver> StartAsync(string folder)
    {
        var pki = new TestPki(folder, "siem");
        using var pem = X509Certificate2.CreateFromPemFile(pki.CertificateFile, pki.KeyFile);
        var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        return new HttpReceiver(pki, certificate, await DefenderApiEmulator.StartAsync(certificate, 0, null, null));
    }

    /// <summary>Stops listening (in-flight requests finish; new connections are refused).</summary>
    public async Task StopAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
            _emulator = null;
        }
    }

    public async Task RestartAsync() => _emulator = await DefenderApiEmulator.StartAsync(_certificate, Port, Siem, Directory);

    /// <summary>An output built in-process from an <c>output</c> section, for tests that drive it batch by batch on a fake clock.</summary>
    public static IOutput CreateOutput(string folder, string outputJson, TimeProvider time, Dictionary<string, string>? environment = null)
    {
        var settings = new ConnectorSettings($$"""{ "output": {{outputJson}} }""", folder, name => environment is not null && environment.TryGetValue(name, out var v) ? v : null);
        var (plan, problems) = OutputSettingsReader.Read(settings, null);
        Assert.True(plan is not null, string.Join("; ", problems));
        return OutputFactory.Create(plan, NullLoggerFactory.Instance, time);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _certificate.Dispose();
    }
}
