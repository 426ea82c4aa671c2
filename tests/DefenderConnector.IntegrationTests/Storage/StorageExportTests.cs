using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DefenderConnector.Abstractions;
using DefenderConnector.IntegrationTests.Graph;
using DefenderConnector.IntegrationTests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace DefenderConnector.IntegrationTests.Storage;

/// <summary>
/// The Azure Storage export source against Azurite over real sockets: blobs that grow between pulls (a
/// line cut in half at a pull boundary), restarts, finished blobs leaving the working set, table filters,
/// dead letters and sign-in failures.
/// </summary>
public sealed class StorageExportTests(ITestOutputHelper output) : IAsyncLifetime
{
    private Azurite _azurite = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync();
        _folder = Directory.CreateTempSubdirectory("dc-storage-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task GrowingBlobsAreDeliveredExactlyOnceAcrossPullsAndRestarts()
    {
        var export = new StorageExport(_azurite);
        var records = StorageExport.SampleRecords();
        var now = DateTimeOffset.UtcNow;
        var current = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var old = current.AddHours(-3);
        var device = records["DeviceProcessEvents"];
        var email = records["EmailEvents"];

        // An hour that ended long ago, and the current hour, whose last line is only half written.
        await export.AppendLinesAsync("DeviceProcessEvents", old, device);
        await export.AppendLinesAsync("DeviceProcessEvents", current, device.Take(3));
        await export.AppendLinesAsync("EmailEvents", current, email);
        var cut = Encoding.UTF8.GetBytes(device[3] + "\n");
        var cutAt = export.LengthOf("DeviceProcessEvents", current);
        export.ExpectLineAt("DeviceProcessEvents", current, cutAt);
        await export.AppendAsync("DeviceProcessEvents", current, cut[..(cut.Length / 2)]);

        var sink = new CollectingSink();
        var connector = Create(sink);
        var first = await PullAsync(connector);
        Assert.Null(first.Error);
        Assert.Equal(device.Count + 3 + email.Count, first.EventsDelivered);
        Assert.Contains(first.Facts, f => f.Key == "unfinished lines");

        // The writer finishes the line and appends more.
        await export.AppendAsync("DeviceProcessEvents", current, cut[(cut.Length / 2)..]);
        await export.AppendLinesAsync("DeviceProcessEvents", current, device.Skip(4));
        var second = await PullAsync(connector);
        Assert.Null(second.Error);
        Assert.Equal(device.Count - 3, second.EventsDelivered);
        await connector.DisposeAsync();

        // A new process: nothing is delivered again, the old hour is no longer read, new lines are.
        connector = Create(sink);
        var third = await PullAsync(connector);
        Assert.Equal(0, third.EventsDelivered);
        Assert.Contains(third.Facts, f => f.Key == "blobs" && f.Value.Contains("1 finished earlier", StringComparison.Ordinal));
        await export.AppendLinesAsync("EmailEvents", current, email.Take(2));
        var fourth = await PullAsync(connector);
        Assert.Equal(2, fourth.EventsDelivered);
        await connector.DisposeAsync();

        var uids = sink.Uids;
        Assert.Equal(uids.Count, uids.Distinct().Count());
        Assert.True(export.ExpectedUids.SetEquals(uids), "The delivered ids are not exactly the ids of the written lines.");
        Assert.Empty(sink.InvalidEvents);
        output.WriteLine($"{uids.Count} events, each once; pulls delivered {first.EventsDelivered}, {second.EventsDelivered}, {third.EventsDelivered}, {fourth.EventsDelivered}.");
    }

    [Fact]
    public async Task AFinishedBlobsLastLineWithoutABreakIsDeliveredAndARetiredBlobThatGrowsIsTakenBack()
    {
        var export = new StorageExport(_azurite);
        var records = StorageExport.SampleRecords()["DeviceLogonEvents"];
        var hour = DateTimeOffset.UtcNow.AddHours(-4);
        hour = new DateTimeOffset(hour.Year, hour.Month, hour.Day, hour.Hour, 0, 0, TimeSpan.Zero);
        await export.AppendLinesAsync("DeviceLogonEvents", hour, records.Skip(1));
        export.ExpectLineAt("DeviceLogonEvents", hour, export.LengthOf("DeviceLogonEvents", hour));
        await export.AppendAsync("DeviceLogonEvents", hour, Encoding.UTF8.GetBytes(records[0]));

        var sink = new CollectingSink();
        await using var connector = Create(sink);
        var first = await PullAsync(connector);
        Assert.Equal(records.Count, first.EventsDelivered);
        var written = (await new Azure.Storage.Blobs.BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient(StorageExport.Container("DeviceLogonEvents"))
            .GetBlobClient(StorageExport.BlobName(hour)).GetPropertiesAsync()).Value.LastModified;
        var idle = await PullAsync(connector);
        Assert.Equal(0, idle.EventsDelivered);
        Assert.Contains(idle.Facts, f => f.Key == "blobs" && f.Value.Contains("1 finished earlier", StringComparison.Ordinal));

        // Listings show whole seconds: the late append must come in a later second than the retired change to be told apart.
        while (DateTimeOffset.UtcNow < written.AddSeconds(1.2))
        {
            await Task.Delay(100);
        }

        await export.AppendAsync("DeviceLogonEvents", hour, Encoding.UTF8.GetBytes("\n"));
        await export.AppendLinesAsync("DeviceLogonEvents", hour, records.Take(2));
        var late = await PullAsync(connector);
        Assert.Equal(2, late.EventsDelivered);
        Assert.True(export.ExpectedUids.SetEquals(sink.Uids), "The delivered ids are not exactly the ids of the written lines.");
        Assert.Equal(sink.Uids.Count, sink.Uids.Distinct().Count());
    }

    [Fact]
    public async Task ExcludedTablesAreNotReadAndBadLinesAreDeadLettered()
    {
        var export = new StorageExport(_azurite);
        var records = StorageExport.SampleRecords();
        var hour = DateTimeOffset.UtcNow.AddHours(-5);
        hour = new DateTimeOffset(hour.Year, hour.Month, hour.Day, hour.Hour, 0, 0, TimeSpan.Zero);
        await export.AppendLinesAsync("DeviceNetworkEvents", hour, records["DeviceNetworkEvents"], expected: false);
        await export.AppendLinesAsync("DeviceFileEvents", hour, records["DeviceFileEvents"]);
        await export.AppendLinesAsync("DeviceFileEvents", hour, ["this is not JSON", "[1,2]"], expected: false);
        await export.AppendLinesAsync("DeviceFileEvents", hour, records["DeviceFileEvents"].Take(1));

        var sink = new CollectingSink();
        await using var connector = Create(sink, storage => storage["tables"] = new JsonObject { ["exclude"] = new JsonArray("DeviceNetworkEvents") });
        var summary = await PullAsync(connector);
        Assert.Null(summary.Error);
        Assert.True(export.ExpectedUids.SetEquals(sink.Uids));
        Assert.Equal(2, summary.DeadLettered);
        Assert.Equal(1, summary.DeadLettersByReason["RecordMalformed"]);
        Assert.Equal(1, summary.DeadLettersByReason["RecordNotObject"]);
        Assert.Contains(summary.Facts, f => f.Key == "containers not read (table filter)" && f.Value == StorageExport.Container("DeviceNetworkEvents"));
    }

    [Fact]
    public async Task AWrongKeyIsOneLineNamingTheSettingAndNeverTheKey()
    {
        var export = new StorageExport(_azurite);
        await export.AppendLinesAsync("DeviceInfo", DateTimeOffset.UtcNow, StorageExport.SampleRecords()["DeviceInfo"]);
        var wrong = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));
        var sink = new CollectingSink();
        await using var connector = Create(sink, storage => storage["connectionString"] = _azurite.ConnectionString.Replace(_azurite.Key, wrong, StringComparison.Ordinal));
        var summary = await PullAsync(connector);
        // Azure answers a wrong account key with 403 AuthenticationFailed, Azurite with 403 AuthorizationFailure: both name the setting.
        Assert.Matches("^(AuthenticationFailed|Forbidden): Azure Storage: list containers: 403", summary.Error);
        Assert.Contains("storage.connectionString", summary.Error);
        Assert.DoesNotContain(wrong, summary.Error);
        var report = await connector.TestConnectivityAsync("storage", EventHub.TestTimeouts.Token());
        Assert.False(report.Succeeded);
        Assert.Contains(report.Outcome, new[] { "AuthenticationFailed", "Forbidden" });
    }

    private IConnector Create(CollectingSink sink, Action<JsonObject>? configure = null, string? secret = null)
    {
        var storage = new JsonObject { ["connectionString"] = "env:DC_STORAGE", ["operationTimeout"] = "30s", ["readBytes"] = 65536 };
        configure?.Invoke(storage);
        var root = new JsonObject { ["storage"] = storage, ["state"] = new JsonObject { ["path"] = "state/connector.db" }, ["output"] = new JsonObject { ["maxBatchEvents"] = 7 } };
        var settings = new ConnectorSettings(root.ToJsonString(), _folder, name => name == "DC_STORAGE" ? secret ?? _azurite.ConnectionString : null);
        return new DefenderConnectorPlugin().Create(settings, new ConnectorContext(sink, NullLoggerFactory.Instance, TimeProvider.System));
    }

    [Fact]
    public async Task ASasTokenWithReadAndListReadsTheExport()
    {
        var export = new StorageExport(_azurite);
        var records = StorageExport.SampleRecords()["DeviceInfo"];
        await export.AppendLinesAsync("DeviceInfo", DateTimeOffset.UtcNow, records);
        var sas = new Azure.Storage.Sas.AccountSasBuilder(
            Azure.Storage.Sas.AccountSasPermissions.Read | Azure.Storage.Sas.AccountSasPermissions.List, DateTimeOffset.UtcNow.AddHours(1),
            Azure.Storage.Sas.AccountSasServices.Blobs, Azure.Storage.Sas.AccountSasResourceTypes.All) { Protocol = Azure.Storage.Sas.SasProtocol.HttpsAndHttp }
            .ToSasQueryParameters(new Azure.Storage.StorageSharedKeyCredential(Azurite.Account, _azurite.Key)).ToString();
        var sink = new CollectingSink();
        await using var connector = Create(sink, storage =>
        {
            storage.Remove("connectionString");
            storage["accountUrl"] = _azurite.BlobEndpoint;
            storage["sasToken"] = "env:DC_STORAGE";
        }, sas);

        var summary = await PullAsync(connector);

        Assert.Null(summary.Error);
        Assert.Equal(records.Count, summary.EventsDelivered);
        Assert.True(export.ExpectedUids.SetEquals(sink.Uids));
    }

    [Fact]
    public async Task EntraSignsInOverHttpsAndAWrongSecretNamesTheSetting()
    {
        await using var azurite = await Azurite.StartAsync(https: true);
        await using var entra = await EntraSignIn.StartAsync();
        var export = new StorageExport(azurite);
        var records = StorageExport.SampleRecords()["DeviceInfo"];
        await export.AppendLinesAsync("DeviceInfo", DateTimeOffset.UtcNow, records);
        var standIn = Path.Combine(_folder, "stand-in.pem");
        entra.WriteTrustedCertificatePem(standIn);
        await File.WriteAllTextAsync(Path.Combine(_folder, "trust.pem"), DefenderConnector.Emulator.Http.EmulatorCertificate.ToPem(azurite.Certificate!) + "\n" + await File.ReadAllTextAsync(standIn));
        void SignIn(JsonObject storage)
        {
            storage.Remove("connectionString");
            storage["accountUrl"] = azurite.BlobEndpoint;
            storage["trustedCertificate"] = "trust.pem";
            storage["entra"] = new JsonObject
            {
                ["tenantId"] = entra.TenantId, ["clientId"] = entra.ClientId, ["clientSecret"] = "env:DC_STORAGE", ["authorityHost"] = entra.AuthorityHost.ToString(),
            };
        }

        var sink = new CollectingSink();
        await using (var connector = Create(sink, SignIn, entra.Secret))
        {
            var summary = await PullAsync(connector);
            Assert.Null(summary.Error);
            Assert.Equal(records.Count, summary.EventsDelivered);
        }

        var wrong = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(30));
        await using (var connector = Create(new CollectingSink(), SignIn, wrong))
        {
            var summary = await PullAsync(connector);
            Assert.NotNull(summary.Error);
            Assert.Contains("storage.entra", summary.Error);
            Assert.DoesNotContain(wrong, summary.Error);
            Assert.DoesNotContain(entra.Secret, summary.Error);
        }
    }

    private static Task<PullSummary> PullAsync(IConnector connector) => connector.PullAsync("storage", EventHub.TestTimeouts.Token());
}
