using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace DefenderConnector.IntegrationTests.Support;

/// <summary>
/// Azurite's Blob service (the npm package installed into <c>.tools</c> by test.sh) as a child process on a
/// free loopback port, with one account whose key is generated here. Telemetry is off: it talks to no one else.
/// </summary>
internal sealed partial class AzuriteServer : IAsyncDisposable
{
    public const string Account = "defenderexport";

    private readonly Process _process;
    private readonly string _folder;

    private AzuriteServer(Process process, string folder, int port, string key)
    {
        _process = process;
        _folder = folder;
        Port = port;
        Key = key;
    }

    public int Port { get; }

    /// <summary>The account key (generated per server).</summary>
    public string Key { get; }

    public string BlobEndpoint => $"http://127.0.0.1:{Port}/{Account}";

    public string ConnectionString => $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};BlobEndpoint={BlobEndpoint};";

    public static async Task<AzuriteServer> StartAsync()
    {
        var program = Path.Combine(RepoPaths.Root, ".tools", "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(program))
        {
            throw new InvalidOperationException($"Azurite is not installed at {program}: run ./test.sh once (it installs the npm test tools).");
        }

        var folder = Directory.CreateTempSubdirectory("dc-azurite-").FullName;
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var argument in new[] { "--blobHost", "127.0.0.1", "--blobPort", "0", "--location", folder, "--skipApiVersionCheck", "--disableTelemetry", "--loose" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["AZURITE_ACCOUNTS"] = $"{Account}:{key}";
        var process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new InvalidOperationException($"Azurite ended before it listened: {output}"));
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (ListensOn().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(90));
            return new AzuriteServer(process, folder, port, key);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex(@"listens on http://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListensOn();
}
