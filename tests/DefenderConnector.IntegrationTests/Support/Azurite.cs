using System.Diagnostics;
using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DefenderConnector.Emulator.Http;
using DefenderConnector.IntegrationTests.Conformance;

namespace DefenderConnector.IntegrationTests.Support;

/// <summary>
/// Azurite's Blob service (from npm, installed into .tools by test.sh) on a free loopback port, kept in
/// memory, with an account whose key is generated for this run (AZURITE_ACCOUNTS) and its telemetry off.
/// With <c>https</c> it serves TLS with a certificate generated for the run and accepts Entra bearer tokens
/// (<c>--oauth basic</c>: Azurite checks a token's issuer, audience and lifetime, not its signature or roles).
/// </summary>
internal sealed partial class Azurite : IAsyncDisposable
{
    public const string Account = "dcstore";
    private readonly Process _process;
    private readonly string _workspace;

    private Azurite(Process process, int port, string key, string workspace, X509Certificate2? certificate)
    {
        _process = process;
        Port = port;
        Key = key;
        _workspace = workspace;
        Certificate = certificate;
    }

    public int Port { get; }

    /// <summary>The account key, generated for this run.</summary>
    public string Key { get; }

    /// <summary>The TLS certificate when started with <c>https</c>, for a trust file (its public part only).</summary>
    public X509Certificate2? Certificate { get; }

    public string BlobEndpoint => $"{(Certificate is null ? "http" : "https")}://127.0.0.1:{Port}/{Account}";

    public string ConnectionString => $"DefaultEndpointsProtocol={(Certificate is null ? "http" : "https")};AccountName={Account};AccountKey={Key};BlobEndpoint={BlobEndpoint};";

    public static async Task<Azurite> StartAsync(bool https = false)
    {
        var tools = NodeScriptRunner.ToolsDirectory();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var workspace = Directory.CreateTempSubdirectory("dc-azurite-").FullName;
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("NODE_BINARY") ?? "node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workspace,
        };
        foreach (var argument in new[]
        {
            Path.Combine(tools, "node_modules", "azurite", "dist", "src", "blob", "main.js"),
            "--blobHost", "127.0.0.1", "--blobPort", "0", "--inMemoryPersistence",
            "--skipApiVersionCheck", "--loose", "--disableTelemetry",
        })
        {
            info.ArgumentList.Add(argument);
        }

        var certificate = https ? EmulatorCertificate.Create() : null;
        if (certificate is not null)
        {
            using var rsa = certificate.GetRSAPrivateKey()!;
            await File.WriteAllTextAsync(Path.Combine(workspace, "cert.pem"), certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(Path.Combine(workspace, "key.pem"), rsa.ExportPkcs8PrivateKeyPem());
            foreach (var argument in new[] { "--cert", Path.Combine(workspace, "cert.pem"), "--key", Path.Combine(workspace, "key.pem"), "--oauth", "basic" })
            {
                info.ArgumentList.Add(argument);
            }
        }

        info.Environment["AZURITE_ACCOUNTS"] = $"{Account}:{key}";
        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start Azurite.");
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                // End of output also comes when a test stops Azurite, while standard error may still be appending.
                string text;
                lock (log)
                {
                    text = log.ToString();
                }

                listening.TrySetException(new InvalidOperationException($"Azurite exited before listening: {text}"));
                return;
            }

            lock (log)
            {
                log.AppendLine(e.Data);
            }

            if (ListeningLine().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var port = await listening.Task.WaitAsync(TimeSpan.FromMinutes(1));
            return new Azurite(process, port, key, workspace, certificate);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public BlobContainerClient Container(string name) => new(ConnectionString, name, ClientOptions());

    /// <summary>Options for the test's own Blob clients: few retries, and over HTTPS trust in exactly this run's certificate.</summary>
    public BlobClientOptions ClientOptions()
    {
        var options = new BlobClientOptions { Retry = { MaxRetries = 2 } };
        if (Certificate is { } trusted)
        {
            // The test's own client trusts exactly the certificate generated for this run.
            options.Transport = new HttpClientTransport(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented is not null && presented.RawData.AsSpan().SequenceEqual(trusted.RawData),
            });
        }

        return options;
    }

    /// <summary>Owner id per partition, from the ownership blobs of <paramref name="stream"/> (<c>namespace/hub/consumergroup</c>).</summary>
    public async Task<Dictionary<string, string>> OwnersAsync(string container, string stream)
    {
        var prefix = stream.ToLowerInvariant() + "/ownership/";
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var client = Container(container);
        if (!await client.ExistsAsync())
        {
            return owners;
        }

        await foreach (var blob in client.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix, default))
        {
            owners[blob.Name[prefix.Length..]] = blob.Metadata.TryGetValue("ownerid", out var owner) ? owner : string.Empty;
        }

        return owners;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Certificate?.Dispose();
        Directory.Delete(_workspace, recursive: true);
    }

    [GeneratedRegex(@"listens on https?://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();
}
