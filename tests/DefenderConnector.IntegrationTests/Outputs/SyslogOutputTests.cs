using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Xunit.Abstractions;

namespace DefenderConnector.IntegrationTests.Outputs;

/// <summary>The syslog output against a real rsyslog (imtcp, plain and gtls) started by each test.</summary>
public sealed class SyslogOutputTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EveryEventReachesRsyslogOverTlsByteForByte()
    {
        await using var bed = await OutputTestbed.StartAsync(partitions: 2, messagesPerPartition: 50);
        var pki = new TestPki(bed.Folder, "siem");
        using var receiver = new RsyslogReceiver(bed.Folder, ReceiverMode.Tls, pki);
        await receiver.StartAsync();

        var syslog = bed.WriteSettings("syslog.json", $$"""
            { "type": "syslog", "syslog": { "host": "127.0.0.1", "port": {{receiver.Port}}, "tls": true, "caFile": "{{pki.CaFile}}", "maxMessageBytes": 65536 } }
            """, state: "syslog-state.db");
        var file = bed.WriteSettings("file.json", """{ "path": "events.jsonl" }""", state: "file-state.db");

        var (exit, stdout, stderr) = await bed.RunAsync("pull", "--config", syslog);
        output.WriteLine(stdout + stderr);
        Assert.True(exit == 0, $"pull over syslog/TLS failed ({exit}): {stdout}{stderr}");
        Assert.Contains($"Events delivered to the syslog output tls://127.0.0.1:{receiver.Port}", stdout, StringComparison.Ordinal);
        (exit, stdout, stderr) = await bed.RunAsync("pull", "--config", file);
        Assert.True(exit == 0, $"pull to the file failed ({exit}): {stdout}{stderr}");

        var received = await WaitForAsync(receiver, bed.Total);
        var written = await File.ReadAllLinesAsync(Path.Combine(bed.Folder, "events.jsonl"));
        Assert.Equal(bed.Total, written.Length);
        Assert.Contains(written, line => line.Length > 2048);
        Assert.Equal(written.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnEventOverTheMaximumIsDeadLetteredNotTruncated()
    {
        await using var bed = await OutputTestbed.StartAsync(partitions: 1, messagesPerPartition: 20);
        using var receiver = new RsyslogReceiver(bed.Folder, ReceiverMode.Tcp);
        await receiver.StartAsync();
        var settings = bed.WriteSettings("syslog.json", $$"""
            { "type": "syslog", "deadLetterPath": "too-large.jsonl", "syslog": { "host": "127.0.0.1", "port": {{receiver.Port}}, "tls": false, "maxMessageBytes": 2048 } }
            """);

        var (exit, stdout, stderr) = await bed.RunAsync("pull", "--config", settings);
        output.WriteLine(stdout + stderr);
        Assert.True(exit == 0, $"pull failed ({exit}): {stdout}{stderr}");

        var letters = await File.ReadAllLinesAsync(Path.Combine(bed.Folder, "too-large.jsonl"));
        Assert.NotEmpty(letters);
        Assert.Contains($"{letters.Length} events too large for the syslog output were dead-lettered", stdout, StringComparison.Ordinal);
        var received = await WaitForAsync(receiver, bed.Total - letters.Length);
        Assert.All(received, line => Assert.True(line.Length < 2048));
        var uids = received.Select(OutputTestbed.Uid).ToHashSet(StringComparer.Ordinal);
        foreach (var letter in letters)
        {
            using var document = System.Text.Json.JsonDocument.Parse(letter);
            Assert.Equal("too_large", document.RootElement.GetProperty("reason").GetString());
            var uid = OutputTestbed.Uid(document.RootElement.GetProperty("event").GetString()!);
            Assert.True(uids.Add(uid), $"{uid} was both delivered and dead-lettered.");
        }

        Assert.True(bed.ExpectedUids().SetEquals(uids), "Delivered plus dead-lettered is not every event.");
    }

    [Fact]
    public async Task AnUntrustedCertificateIsDiagnosedWithExitCode3AndTheSecretStaysOut()
    {
        await using var bed = await OutputTestbed.StartAsync(partitions: 1, messagesPerPartition: 2);
        var pki = new TestPki(bed.Folder, "siem");
        var other = new TestPki(bed.Folder, "other");
        using var receiver = new RsyslogReceiver(bed.Folder, ReceiverMode.Tls, pki);
        await receiver.StartAsync();
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        using (var client = CreateClientCertificate())
        {
            await File.WriteAllBytesAsync(Path.Combine(bed.Folder, "client.pfx"), client.Export(X509ContentType.Pkcs12, password));
        }

        var settings = bed.WriteSettings("syslog.json", $$"""
            { "type": "syslog", "syslog": { "host": "127.0.0.1", "port": {{receiver.Port}}, "caFile": "{{other.CaFile}}",
              "clientCertificate": "client.pfx", "clientCertificatePassword": "env:DC_SYSLOG_CERT_PASSWORD", "maxRetries": 0 } }
            """);
        var environment = bed.Environment;
        environment["DC_SYSLOG_CERT_PASSWORD"] = password;

        var (exit, stdout, stderr) = await Support.HostProcess.RunAsync(["test-connectivity", "--config", settings], environment, TimeSpan.FromMinutes(3), bed.Folder);
        output.WriteLine(stdout + stderr);
        Assert.Equal(3, exit);
        Assert.Contains("Source output syslog: Failed", stdout, StringComparison.Ordinal);
        Assert.Contains("does not chain to a CA in", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(password, stdout + stderr, StringComparison.Ordinal);

        (exit, stdout, stderr) = await Support.HostProcess.RunAsync(["pull", "--config", settings], environment, TimeSpan.FromMinutes(3), bed.Folder);
        output.WriteLine(stdout + stderr);
        Assert.Equal(4, exit);
        Assert.Contains($"syslog output tls://127.0.0.1:{receiver.Port}: TLS refused", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(password, stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        Assert.Equal(0, receiver.CountPayloads());
    }

    [Fact]
    public async Task AReceiverThatIsDownGetsEverythingOnceItIsBackAndNothingIsCheckpointedMeanwhile()
    {
        await using var bed = await OutputTestbed.StartAsync(partitions: 2, messagesPerPartition: 30);
        var pki = new TestPki(bed.Folder, "siem");
        using var receiver = new RsyslogReceiver(bed.Folder, ReceiverMode.Tls, pki);
        var settings = bed.WriteSettings("syslog.json", $$"""
            { "type": "syslog", "syslog": { "host": "127.0.0.1", "port": {{receiver.Port}}, "caFile": "{{pki.CaFile}}", "maxRetries": 2, "retryDelay": 0.1 } }
            """);

        var (exit, stdout, stderr) = await bed.RunAsync("pull", "--config", settings);
        output.WriteLine(stdout + stderr);
        Assert.Equal(4, exit);
        Assert.Contains($"syslog output tls://127.0.0.1:{receiver.Port}: connection refused", stdout, StringComparison.Ordinal);

        await receiver.StartAsync();
        (exit, stdout, stderr) = await bed.RunAsync("pull", "--config", settings);
        output.WriteLine(stdout + stderr);
        Assert.True(exit == 0, $"pull failed ({exit}): {stdout}{stderr}");
        var received = await WaitForAsync(receiver, bed.Total);
        Assert.True(bed.ExpectedUids().SetEquals(received.Select(OutputTestbed.Uid)), "Some events never reached the receiver.");
    }

    [Fact]
    public async Task AReceiverThatRequiresAClientCertificateGetsItAndOneWithoutIsDiagnosed()
    {
        await using var bed = await OutputTestbed.StartAsync(partitions: 1, messagesPerPartition: 10);
        var pki = new TestPki(bed.Folder, "siem");
        using var receiver = new RsyslogReceiver(bed.Folder, ReceiverMode.MutualTls, pki);
        await receiver.StartAsync();
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        pki.IssueClientPfx(Path.Combine(bed.Folder, "client.pfx"), password);
        await File.WriteAllTextAsync(Path.Combine(bed.Folder, "client.pass"), password + "\n");
        var without = bed.WriteSettings("without.json", $$"""
            { "type": "syslog", "syslog": { "host": "127.0.0.1", "port": {{receiver.Port}}, "caFile": "{{pki.CaFile}}", "maxRetries": 0 } }
            """);
        var with = bed.WriteSettings("with.json", $$"""
            { "type": "syslog", "syslog": { "host": "127.0.0.1", "port": {{receiver.Port}}, "caFile": "{{pki.CaFile}}",
              "clientCertificate": "client.pfx", "clientCertificatePassword": "file:client.pass" } }
            """);

        var (exit, stdout, stderr) = await bed.RunAsync("test-connectivity", "--config", without);
        output.WriteLine(stdout + stderr);
        Assert.Equal(3, exit);
        Assert.Contains("[FAIL] tls", stdout, StringComparison.Ordinal);

        (exit, stdout, stderr) = await bed.RunAsync("test-connectivity", "--config", with);
        output.WriteLine(stdout + stderr);
        Assert.True(exit == 0, $"test-connectivity with the client certificate failed ({exit}): {stdout}{stderr}");
        Assert.Contains("client certificate presented", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(password, stdout + stderr, StringComparison.Ordinal);

        (exit, stdout, stderr) = await bed.RunAsync("pull", "--config", with);
        Assert.True(exit == 0, $"pull failed ({exit}): {stdout}{stderr}");
        var received = await WaitForAsync(receiver, bed.Total);
        Assert.True(bed.ExpectedUids().SetEquals(received.Select(OutputTestbed.Uid)), "Some events never reached the receiver.");
    }

    internal static X509Certificate2 CreateClientCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=defender-connector test client", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    /// <summary>Waits until rsyslog has written at least <paramref name="count"/> lines (its file is written by its own threads).</summary>
    internal static async Task<List<string>> WaitForAsync(RsyslogReceiver receiver, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (receiver.CountPayloads() < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return receiver.ReadPayloads();
    }
}
