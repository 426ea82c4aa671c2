using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using DefenderConnector.Emulator.Http;
using DefenderConnector.IntegrationTests.Support;

namespace DefenderConnector.IntegrationTests.ScaleOut;

/// <summary>
/// The Blob checkpoint store's other two ways to sign in, on Azurite: a SAS (<c>accountUrl</c> +
/// <c>sasToken</c>) and Entra ID (<c>accountUrl</c> + <c>entra</c>, bearer tokens from the loopback Entra
/// stand-in, Azurite over HTTPS). Each passes test-connectivity and pulls the backlog with checkpoints
/// and ownership in the store; a SAS that cannot write is told apart; no secret is printed.
/// </summary>
public sealed class CheckpointStoreSignInTests
{
    private const string SecretVariable = "DC_STORE_SECRET";

    [Fact]
    public async Task ASasTokenSignsInPullsAndKeepsCheckpointsInTheStore()
    {
        await using var azurite = await Azurite.StartAsync();
        await using var backlog = await EventHubBacklog.StartAsync("sas", 2, 20, 5, "t-sas");
        await azurite.Container(SharedStoreSettings.Container).CreateIfNotExistsAsync();
        var sas = AccountSas(azurite, AccountSasPermissions.All);
        using var folder = new TempFolder("dc-storesas-");
        var settings = await WriteSettingsAsync(folder.Path, backlog, $"\"accountUrl\": \"{azurite.BlobEndpoint}\", \"sasToken\": \"env:{SecretVariable}\"");
        var environment = new Dictionary<string, string> { [SecretVariable] = sas, [SharedStoreSettings.EventHubKeyVariable] = backlog.Key };

        var probe = await HostProcess.RunAsync(["test-connectivity", "--config", settings], environment, TimeSpan.FromMinutes(2), folder.Path);
        var pull = await HostProcess.RunAsync(["pull", "--config", settings], environment, TimeSpan.FromMinutes(2), folder.Path);

        Assert.True(probe.ExitCode == 0, $"test-connectivity failed ({probe.ExitCode}).\n{probe.Output}\n{probe.Error}");
        Assert.True(pull.ExitCode == 0, $"The pull failed ({pull.ExitCode}).\n{pull.Output}\n{pull.Error}");
        Assert.Equal(backlog.Total, EventHubBacklog.CountLines(Path.Combine(folder.Path, "events.jsonl")));
        Assert.Equal(["0", "1"], (await azurite.OwnersAsync(SharedStoreSettings.Container, SharedStoreSettings.Stream(backlog))).Keys.Order());
        Assert.Equal(2, await CheckpointCountAsync(azurite, backlog));
        Assert.DoesNotContain(Signature(sas), probe.Output + probe.Error + pull.Output + pull.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASasThatCannotWriteFailsTheCheckpointStoreHopWithoutPrintingIt()
    {
        await using var azurite = await Azurite.StartAsync();
        await using var backlog = await EventHubBacklog.StartAsync("sasro", 2, 2, 1, "t-sasro");
        await azurite.Container(SharedStoreSettings.Container).CreateIfNotExistsAsync();
        var sas = AccountSas(azurite, AccountSasPermissions.Read | AccountSasPermissions.List);
        using var folder = new TempFolder("dc-storesasro-");
        var settings = await WriteSettingsAsync(folder.Path, backlog, $"\"accountUrl\": \"{azurite.BlobEndpoint}\", \"sasToken\": \"env:{SecretVariable}\"");
        var environment = new Dictionary<string, string> { [SecretVariable] = sas, [SharedStoreSettings.EventHubKeyVariable] = backlog.Key };

        var probe = await HostProcess.RunAsync(["test-connectivity", "--config", settings], environment, TimeSpan.FromMinutes(2), folder.Path);

        Assert.NotEqual(0, probe.ExitCode);
        Assert.Contains("checkpoint store", probe.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("(?i)authoriz|permission|403", probe.Output);
        Assert.DoesNotContain(Signature(sas), probe.Output + probe.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EntraSignsInOverHttpsPullsAndKeepsCheckpointsInTheStore()
    {
        await using var azurite = await Azurite.StartAsync(https: true);
        await using var entra = await EntraSignIn.StartAsync();
        await using var backlog = await EventHubBacklog.StartAsync("entra", 2, 20, 5, "t-storeentra");
        using var folder = new TempFolder("dc-storeentra-");
        await azurite.Container(SharedStoreSettings.Container).CreateIfNotExistsAsync();

        // One trust file (checkpointStore.trustedCertificate) for the two TLS endpoints met here: Azurite and the token stand-in.
        var standIn = Path.Combine(folder.Path, "stand-in.pem");
        entra.WriteTrustedCertificatePem(standIn);
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "trust.pem"), EmulatorCertificate.ToPem(azurite.Certificate!) + "\n" + await File.ReadAllTextAsync(standIn));
        var signIn = $$"""
            "accountUrl": "{{azurite.BlobEndpoint}}", "trustedCertificate": "trust.pem",
            "entra": { "tenantId": "{{entra.TenantId}}", "clientId": "{{entra.ClientId}}", "clientSecret": "env:{{SecretVariable}}", "authorityHost": "{{entra.AuthorityHost}}" }
            """;
        var settings = await WriteSettingsAsync(folder.Path, backlog, signIn);
        var environment = new Dictionary<string, string> { [SecretVariable] = entra.Secret, [SharedStoreSettings.EventHubKeyVariable] = backlog.Key };

        var probe = await HostProcess.RunAsync(["test-connectivity", "--config", settings], environment, TimeSpan.FromMinutes(2), folder.Path);
        var pull = await HostProcess.RunAsync(["pull", "--config", settings], environment, TimeSpan.FromMinutes(2), folder.Path);

        Assert.True(probe.ExitCode == 0, $"test-connectivity failed ({probe.ExitCode}).\n{probe.Output}\n{probe.Error}");
        Assert.True(pull.ExitCode == 0, $"The pull failed ({pull.ExitCode}).\n{pull.Output}\n{pull.Error}");
        Assert.Equal(backlog.Total, EventHubBacklog.CountLines(Path.Combine(folder.Path, "events.jsonl")));
        Assert.Equal(2, await CheckpointCountAsync(azurite, backlog));
        Assert.DoesNotContain(entra.Secret, probe.Output + probe.Error + pull.Output + pull.Error, StringComparison.Ordinal);

        // A wrong secret is a sign-in failure of the checkpoint store, in one line naming the setting.
        var wrong = await HostProcess.RunAsync(["pull", "--config", settings], new Dictionary<string, string>(environment) { [SecretVariable] = "not-the-secret" }, TimeSpan.FromMinutes(2), folder.Path);
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("checkpointStore.entra", wrong.Output + wrong.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unexpected error", wrong.Output + wrong.Error, StringComparison.Ordinal);
    }

    private static string AccountSas(Azurite azurite, AccountSasPermissions permissions)
    {
        var builder = new AccountSasBuilder(permissions, DateTimeOffset.UtcNow.AddHours(1), AccountSasServices.Blobs, AccountSasResourceTypes.All) { Protocol = SasProtocol.HttpsAndHttp };
        return builder.ToSasQueryParameters(new StorageSharedKeyCredential(Azurite.Account, azurite.Key)).ToString();
    }

    private static string Signature(string sas) => Uri.UnescapeDataString(sas.Split('&').Single(p => p.StartsWith("sig=", StringComparison.Ordinal))[4..]);

    private static async Task<int> CheckpointCountAsync(Azurite azurite, EventHubBacklog backlog)
    {
        var prefix = SharedStoreSettings.Stream(backlog).ToLowerInvariant() + "/checkpoint/";
        var count = 0;
        await foreach (var blob in azurite.Container(SharedStoreSettings.Container).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, default))
        {
            count++;
        }

        return count;
    }

    private static async Task<string> WriteSettingsAsync(string folder, EventHubBacklog backlog, string signIn)
    {
        var path = Path.Combine(folder, "settings.json");
        await File.WriteAllTextAsync(path, $$"""
            {
              "eventHub": { "namespace": "127.0.0.1", "port": {{backlog.Emulator.Port}}, "transport": "amqp", "hubName": "{{backlog.Hub}}",
                            "sasPolicyName": "listen", "sasKey": "env:{{SharedStoreSettings.EventHubKeyVariable}}" },
              "checkpointStore": { "type": "blob", {{signIn}}, "container": "{{SharedStoreSettings.Container}}" },
              "output": { "path": "events.jsonl" },
              "state": { "path": "state.db" }
            }
            """);
        return path;
    }

    private sealed class TempFolder(string prefix) : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
