using Xunit.Abstractions;

namespace DefenderConnector.IntegrationTests.Outputs;

/// <summary>The RELP output against a real rsyslog imrelp started by each test.</summary>
public sealed class RelpOutputTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AReceiverKilledMidPullAndRestartedLosesNoEvent()
    {
        await using var bed = await OutputTestbed.StartAsync(partitions: 4, messagesPerPartition: 250);
        using var receiver = new RsyslogReceiver(bed.Folder, ReceiverMode.Relp);
        await receiver.StartAsync();
        var settings = bed.WriteSettings("relp.json", $$"""
            { "type": "relp", "format": "ocsf", "relp": { "host": "127.0.0.1", "port": {{receiver.Port}}, "maxRetries": 12, "retryDelay": 0.2, "retryMaxDelay": 2 } }
            """, batchMessages: 2);

        var (exit, stdout, stderr) = await bed.RunAsync("test-connectivity", "--config", settings);
        output.WriteLine(stdout + stderr);
        Assert.True(exit == 0, $"test-connectivity failed ({exit}): {stdout}{stderr}");
        Assert.Contains("[ok  ] session", stdout, StringComparison.Ordinal);

        using (var pull = bed.Start("pull", "--config", settings))
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (receiver.CountPayloads() < 2_000 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }

            receiver.Kill();
            var atKill = receiver.CountPayloads();
            output.WriteLine($"Killed rsyslog with {atKill} of {bed.Total} events written.");
            Assert.InRange(atKill, 2_000, bed.Total - 1);
            await Task.Delay(500);
            await receiver.StartAsync();

            exit = await pull.WaitForExitAsync(TimeSpan.FromMinutes(4));
            output.WriteLine(pull.StandardOutput + pull.StandardError);
            Assert.True(exit == 0, $"The pull did not ride out the receiver's restart ({exit}): {pull.StandardOutput}{pull.StandardError}");
        }

        var received = await SyslogOutputTests.WaitForAsync(receiver, bed.Total);
        var uids = received.Select(OutputTestbed.Uid).ToList();
        var distinct = uids.ToHashSet(StringComparer.Ordinal);
        output.WriteLine($"{distinct.Count} distinct events, {uids.Count - distinct.Count} received twice.");
        Assert.True(bed.ExpectedUids().SetEquals(distinct), "Some events never reached the receiver.");

        // A second pull finds nothing new: the checkpoint moved with the acknowledgements.
        (exit, stdout, stderr) = await bed.RunAsync("pull", "--config", settings);
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("0 events from 0 messages", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryEventReachesRsyslogOverRelpWithTlsByteForByte()
    {
        await using var bed = await OutputTestbed.StartAsync(partitions: 2, messagesPerPartition: 30);
        var pki = new TestPki(bed.Folder, "siem");
        using var receiver = new RsyslogReceiver(bed.Folder, ReceiverMode.RelpTls, pki);
        await receiver.StartAsync();
        var password = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));
        pki.IssueClientPfx(Path.Combine(bed.Folder, "client.pfx"), password);
        await File.WriteAllTextAsync(Path.Combine(bed.Folder, "client.pass"), password + "\n");
        var settings = bed.WriteSettings("relp-tls.json", $$"""
            { "type": "relp", "format": "ocsf", "relp": { "host": "127.0.0.1", "port": {{receiver.Port}}, "tls": true, "caFile": "{{pki.CaFile}}",
              "clientCertificate": "client.pfx", "clientCertificatePassword": "file:client.pass" } }
            """, state: "relp-state.db");
        var file = bed.WriteSettings("file.json", """{ "path": "events.jsonl" }""", state: "file-state.db");

        var (exit, stdout, stderr) = await bed.RunAsync("test-connectivity", "--config", settings);
        output.WriteLine(stdout + stderr);
        Assert.True(exit == 0, $"test-connectivity failed ({exit}): {stdout}{stderr}");
        Assert.Contains("[ok  ] tls", stdout, StringComparison.Ordinal);
        Assert.Contains("[ok  ] session", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(password, stdout + stderr, StringComparison.Ordinal);

        (exit, stdout, stderr) = await bed.RunAsync("pull", "--config", settings);
        output.WriteLine(stdout + stderr);
        Assert.True(exit == 0, $"pull over RELP/TLS failed ({exit}): {stdout}{stderr}");
        Assert.Contains($"Events delivered to the relp output tls://127.0.0.1:{receiver.Port}", stdout, StringComparison.Ordinal);
        (exit, stdout, stderr) = await bed.RunAsync("pull", "--config", file);
        Assert.True(exit == 0, $"pull to the file failed ({exit}): {stdout}{stderr}");

        var received = await SyslogOutputTests.WaitForAsync(receiver, bed.Total);
        var written = await File.ReadAllLinesAsync(Path.Combine(bed.Folder, "events.jsonl"));
        Assert.Contains(written, line => line.Length > 2048);
        Assert.Equal(written.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ANonRelpPortIsDiagnosedWithExitCode3()
    {
        await using var bed = await OutputTestbed.StartAsync(partitions: 1, messagesPerPartition: 1);
        using var receiver = new RsyslogReceiver(bed.Folder, ReceiverMode.Tcp);
        await receiver.StartAsync();
        var settings = bed.WriteSettings("relp.json", $$"""
            { "type": "relp", "relp": { "host": "127.0.0.1", "port": {{receiver.Port}}, "ackTimeout": 2 } }
            """);

        var (exit, stdout, stderr) = await bed.RunAsync("test-connectivity", "--config", settings);
        output.WriteLine(stdout + stderr);
        Assert.Equal(3, exit);
        Assert.Contains("[FAIL] session", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }
}
