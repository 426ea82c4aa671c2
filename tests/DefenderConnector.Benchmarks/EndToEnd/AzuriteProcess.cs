using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace DefenderConnector.Benchmarks.EndToEnd;

/// <summary>
/// Azurite's Blob service (the npm package in <c>.tools</c>) in its own process on a free port of 127.0.0.1,
/// in memory, telemetry off, with one account whose key is generated here (<c>AZURITE_ACCOUNTS</c>), so the
/// Blob checkpoint store of <c>e2e --store blob</c> has a real Storage endpoint on this machine.
/// </summary>
internal sealed partial class AzuriteProcess : IDisposable
{
    private const string Account = "dcbench";
    private readonly Process _process;
    private readonly string _workspace;

    private AzuriteProcess(Process process, string workspace, int port, string key)
    {
        _process = process;
        _workspace = workspace;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={key};BlobEndpoint=http://127.0.0.1:{port}/{Account};";
    }

    /// <summary>Holds the generated key: pass it to children through the environment only.</summary>
    public string ConnectionString { get; }

    public static async Task<AzuriteProcess> StartAsync(string toolsDirectory)
    {
        var launcher = Path.Combine(toolsDirectory, "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(launcher))
        {
            throw new InvalidOperationException($"Azurite is not installed ({Path.Combine(".tools", "node_modules", ".bin", "azurite-blob")} is missing); ./test.sh installs it.");
        }

        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var workspace = Directory.CreateTempSubdirectory("dc-bench-azurite-").FullName;
        var info = new ProcessStartInfo(launcher) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workspace };
        foreach (var argument in new[] { "--blobHost", "127.0.0.1", "--blobPort", "0", "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--loose" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["AZURITE_ACCOUNTS"] = $"{Account}:{key}";
        var process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (ListeningLine().Match(line) is { Success: true } match)
                {
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                    return new AzuriteProcess(process, workspace, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), key);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Not listening within a minute: reported below.
        }

        process.Kill(entireProcessTree: true);
        var error = await process.StandardError.ReadToEndAsync(CancellationToken.None);
        process.Dispose();
        Directory.Delete(workspace, recursive: true);
        throw new InvalidOperationException("Azurite did not start listening: " + error);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_workspace, recursive: true);
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();
}
