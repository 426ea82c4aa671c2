using System.Text.Json;
using DefenderConnector.Emulator.EventHubs;

namespace DefenderConnector.IntegrationTests.Emulator;

public sealed class RecordLoadingTests
{
    static string Record(int i) => $"{{\"time\":\"2026-01-01T00:00:00Z\",\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":{{\"n\":{i}}}}}";

    [Fact]
    public async Task RecordsArePackedIntoEnvelopesRoundRobin()
    {
        var (emulator, _) = await TestEmulator.StartAsync();
        await using var __ = emulator;
        var lines = Enumerable.Range(0, 25).Select(Record).Append("").Append("   ").ToList();

        int messages = emulator.LoadRecords(lines, recordsPerMessage: 10);

        Assert.Equal(3, messages);
        Assert.Equal([0L, 0, 0, -1], emulator.PartitionIds.Select(emulator.GetLastSequenceNumber));
    }

    [Fact]
    public async Task EnvelopeLinesArePublishedAsIsAndInOrder()
    {
        await using var scope = await EmulatorScope.StartAsync(configure: o => { o.PartitionCount = 1; });
        string envelope = "{\"records\":[" + Record(100) + "]}";

        int count = scope.Emulator.LoadRecords([Record(1), envelope, Record(2), Record(3)], recordsPerMessage: 2);

        Assert.Equal(3, count);
        var bodies = (await scope.Client.OpenReceiver(TestEmulator.ConsumerPath("0")).ReceiveAsync(3)).Select(TestReceiver.Body).ToList();
        Assert.Equal(envelope, bodies[1]);
        using var first = JsonDocument.Parse(bodies[0]);
        Assert.Equal(1, first.RootElement.GetProperty("records").GetArrayLength());
        using var third = JsonDocument.Parse(bodies[2]);
        Assert.Equal(2, third.RootElement.GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task MessagesCloseBeforeTheMaximumMessageSizeAndEachArrivesWhole()
    {
        await using var scope = await EmulatorScope.StartAsync(configure: o => { o.PartitionCount = 1; o.MaxMessageSize = 4096 + EventHubConstants.AnnotationAllowance; });
        var records = Enumerable.Range(0, 30).Select(i => $"{{\"n\":{i},\"pad\":\"{new string('x', 900)}\"}}").ToList();

        int messages = scope.Emulator.LoadRecords(records, recordsPerMessage: 500);

        var bodies = (await scope.Client.OpenReceiver(TestEmulator.ConsumerPath("0")).ReceiveAsync(messages)).Select(TestReceiver.Body).ToList();
        Assert.All(bodies, b => Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(b), 1, 4096));
        var numbers = bodies.SelectMany(b => JsonDocument.Parse(b).RootElement.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("n").GetInt32())).ToList();
        Assert.Equal(Enumerable.Range(0, 30), numbers);
        Assert.Equal(8, messages);
        Assert.Throws<ArgumentException>(() => scope.Emulator.LoadRecords([$"{{\"pad\":\"{new string('y', 5000)}\"}}"]));
    }

    [Fact]
    public async Task LargeBacklogStreamsCompletelyToOneReceiver()
    {
        await using var scope = await EmulatorScope.StartAsync(configure: o => { o.PartitionCount = 1; });
        int messages = scope.Emulator.LoadRecords(Enumerable.Range(0, 100_000).Select(Record), recordsPerMessage: 10);

        var received = await scope.Client.OpenReceiver(TestEmulator.ConsumerPath("0")).ReceiveAsync(messages, credit: 500);

        Assert.Equal(10_000, messages);
        Assert.Equal(messages - 1, TestReceiver.SequenceNumber(received[^1]));
    }

    [Fact]
    public async Task LoadFileOptionLoadsAtStart()
    {
        string file = Path.Combine(Path.GetTempPath(), $"records-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, 7).Select(Record));
        try
        {
            var (emulator, _) = await TestEmulator.StartAsync(o => { o.LoadFile = file; o.RecordsPerMessage = 3; o.PartitionCount = 1; });
            await using var __ = emulator;

            Assert.Equal(2, emulator.GetLastSequenceNumber("0"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void InvalidOptionsAreReportedTogether()
    {
        var options = new EventHubEmulatorOptions { Host = "10.1.2.3", PartitionCount = 0 };

        var error = Assert.Throws<ArgumentException>(() => new EventHubEmulator(options));

        Assert.Contains("Host must be a loopback address", error.Message);
        Assert.Contains("PartitionCount must be 1..1024 (was 0)", error.Message);
    }
}
