using Amqp.Types;

namespace DefenderConnector.IntegrationTests.Emulator;

public sealed class ManagementTests
{
    [Fact]
    public async Task HubReadReturnsPartitionIdsAsStringArray()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var client = await EmulatorTestClient.ConnectAsync(emulator);

        var reply = await client.ReadAsync("com.microsoft:eventhub", TestEmulator.Hub,
            token: SasTokens.Valid(client.Audience(TestEmulator.Hub), TestEmulator.Policy, key));

        Assert.Equal(200, EmulatorTestClient.StatusCode(reply));
        var map = Assert.IsType<Map>(reply.Body);
        Assert.Equal(TestEmulator.Hub, map["name"]);
        Assert.Equal(4, map["partition_count"]);
        Assert.Equal(["0", "1", "2", "3"], Assert.IsType<string[]>(map["partition_ids"]));
        Assert.IsType<DateTime>(map["created_at"]);
    }

    [Fact]
    public async Task PartitionReadReportsEmptyThenPublishedEvents()
    {
        var (emulator, _) = await TestEmulator.StartAsync();
        await using var __ = emulator;
        await using var client = await EmulatorTestClient.ConnectAsync(emulator);

        var empty = Assert.IsType<Map>((await client.ReadAsync("com.microsoft:partition", TestEmulator.Hub, "2")).Body);
        Assert.Equal(-1L, empty["last_enqueued_sequence_number"]);
        Assert.Equal(true, empty["is_partition_empty"]);

        emulator.Publish("2", new byte[10]);
        emulator.Publish("2", new byte[5]);
        var reply = await client.ReadAsync("com.microsoft:partition", TestEmulator.Hub, "2");

        var map = Assert.IsType<Map>(reply.Body);
        Assert.Equal("2", map["partition"]);
        Assert.Equal(0L, map["begin_sequence_number"]);
        Assert.Equal(1L, map["last_enqueued_sequence_number"]);
        Assert.Equal("10", map["last_enqueued_offset"]);
        Assert.Equal(false, map["is_partition_empty"]);
        Assert.IsType<DateTime>(map["last_enqueued_time_utc"]);
        Assert.IsType<DateTime>(map["runtime_info_retrieval_time_utc"]);
    }

    [Fact]
    public async Task UnknownHubIsNotFound()
    {
        var (emulator, _) = await TestEmulator.StartAsync();
        await using var __ = emulator;
        await using var client = await EmulatorTestClient.ConnectAsync(emulator);

        var reply = await client.ReadAsync("com.microsoft:eventhub", "nohub");

        Assert.Equal(404, EmulatorTestClient.StatusCode(reply));
        Assert.Equal("amqp:not-found", reply.ApplicationProperties["error-condition"]?.ToString());
        Assert.Equal("The messaging entity 'nohub' could not be found.", EmulatorTestClient.Description(reply));
    }

    [Fact]
    public async Task BadPartitionIsArgumentOutOfRange()
    {
        var (emulator, _) = await TestEmulator.StartAsync();
        await using var __ = emulator;
        await using var client = await EmulatorTestClient.ConnectAsync(emulator);

        var reply = await client.ReadAsync("com.microsoft:partition", TestEmulator.Hub, "9");

        Assert.Equal(400, EmulatorTestClient.StatusCode(reply));
        Assert.Equal("com.microsoft:argument-out-of-range", reply.ApplicationProperties["error-condition"]?.ToString());
    }

    [Fact]
    public async Task BadSecurityTokenIsUnauthorized()
    {
        var (emulator, _) = await TestEmulator.StartAsync();
        await using var __ = emulator;
        await using var client = await EmulatorTestClient.ConnectAsync(emulator);

        var reply = await client.ReadAsync("com.microsoft:eventhub", TestEmulator.Hub,
            token: SasTokens.Valid(client.Audience(TestEmulator.Hub), TestEmulator.Policy, SasTokens.RandomKey()));

        Assert.Equal(401, EmulatorTestClient.StatusCode(reply));
    }
}
