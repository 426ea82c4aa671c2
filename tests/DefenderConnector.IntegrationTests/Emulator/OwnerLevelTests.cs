namespace DefenderConnector.IntegrationTests.Emulator;

public sealed class OwnerLevelTests
{
    [Fact]
    public async Task HigherEpochDisconnectsTheCurrentReceiverWithLinkStolen()
    {
        await using var scope = await EmulatorScope.StartAsync();
        var first = scope.Client.OpenReceiver(TestEmulator.ConsumerPath("0"), epoch: 1, receiverName: "first");
        Assert.True(await first.Accepted());

        var second = scope.Client.OpenReceiver(TestEmulator.ConsumerPath("0"), epoch: 2, receiverName: "second");

        Assert.True(await second.Accepted());
        var error = await first.Refusal();
        Assert.Equal("amqp:link:stolen", error.Condition.ToString());
        Assert.Contains("higher epoch of '2'", error.Description);
        Assert.False(second.IsClosed);
    }

    [Fact]
    public async Task LowerEpochIsRefusedWithLinkStolen()
    {
        await using var scope = await EmulatorScope.StartAsync();
        var owner = scope.Client.OpenReceiver(TestEmulator.ConsumerPath("0"), epoch: 5);
        Assert.True(await owner.Accepted());

        var error = await scope.Client.OpenReceiver(TestEmulator.ConsumerPath("0"), epoch: 3).Refusal();

        Assert.Equal("amqp:link:stolen", error.Condition.ToString());
        Assert.False(owner.IsClosed);
    }

    [Fact]
    public async Task NonEpochReceiverIsRefusedWhileAnEpochReceiverExists()
    {
        await using var scope = await EmulatorScope.StartAsync();
        var owner = scope.Client.OpenReceiver(TestEmulator.ConsumerPath("0"), epoch: 0);
        Assert.True(await owner.Accepted());

        var error = await scope.Client.OpenReceiver(TestEmulator.ConsumerPath("0")).Refusal();

        Assert.Equal("amqp:link:stolen", error.Condition.ToString());
        Assert.Contains("non-epoch receiver is not allowed", error.Description);
    }

    [Fact]
    public async Task SixthNonEpochReaderIsRefusedWithTheReceiverList()
    {
        await using var scope = await EmulatorScope.StartAsync();
        for (int i = 0; i < 5; i++)
        {
            var reader = scope.Client.OpenReceiver(TestEmulator.ConsumerPath("3"), receiverName: i == 0 ? null : $"reader-{i}");
            Assert.True(await reader.Accepted());
        }

        var error = await scope.Client.OpenReceiver(TestEmulator.ConsumerPath("3"), receiverName: "reader-6").Refusal();

        Assert.Equal("amqp:resource-limit-exceeded", error.Condition.ToString());
        Assert.Contains("which is 5. List of connected receivers - nil, reader-1, reader-2, reader-3, reader-4", error.Description);
        Assert.Equal(5, scope.Emulator.ActiveReceiverCount);

        // The limit is per consumer group and partition.
        Assert.True(await scope.Client.OpenReceiver(TestEmulator.ConsumerPath("3", "archive")).Accepted());
        Assert.True(await scope.Client.OpenReceiver(TestEmulator.ConsumerPath("2")).Accepted());
    }

    [Fact]
    public async Task ClosedReceiversFreeTheirSlot()
    {
        await using var scope = await EmulatorScope.StartAsync();
        var receiver = scope.Client.OpenReceiver(TestEmulator.ConsumerPath("0"), epoch: 7);
        Assert.True(await receiver.Accepted());
        Assert.Equal(1, scope.Emulator.ActiveReceiverCount);

        await receiver.Link.CloseAsync();
        await TestEmulator.WaitForNoReceiversAsync(scope.Emulator);

        Assert.Equal(0, scope.Emulator.ActiveReceiverCount);
        Assert.True(await scope.Client.OpenReceiver(TestEmulator.ConsumerPath("0")).Accepted());
    }
}
