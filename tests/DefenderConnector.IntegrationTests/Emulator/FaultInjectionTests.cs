using Amqp;
using Amqp.Framing;

namespace DefenderConnector.IntegrationTests.Emulator;

public sealed class FaultInjectionTests
{
    [Theory]
    [InlineData("amqp:link:detach-forced")]
    [InlineData("com.microsoft:server-busy")]
    [InlineData("com.microsoft:timeout")]
    public async Task DetachReceiversOfOnePartitionUsesTheCondition(string condition)
    {
        await using var scope = await EmulatorScope.StartAsync();
        var target = scope.Client.OpenReceiver(TestEmulator.ConsumerPath("1"));
        var bystander = scope.Client.OpenReceiver(TestEmulator.ConsumerPath("2"));
        Assert.True(await target.Accepted());
        Assert.True(await bystander.Accepted());

        scope.Emulator.DetachReceivers(condition, "1");

        Assert.Equal(condition, (await target.Refusal()).Condition.ToString());
        scope.Emulator.Publish("2", "after"u8.ToArray());
        Assert.Equal("after", TestReceiver.Body((await bystander.ReceiveAsync(1))[0]));
    }

    [Fact]
    public async Task FailNextAttachesRefusesThatManyAttaches()
    {
        await using var scope = await EmulatorScope.StartAsync();
        scope.Emulator.FailNextAttaches(2, "com.microsoft:server-busy");

        var first = await scope.Client.OpenReceiver(TestEmulator.ConsumerPath("0")).Refusal();
        var second = await scope.Client.OpenReceiver(TestEmulator.ConsumerPath("0")).Refusal();
        var third = scope.Client.OpenReceiver(TestEmulator.ConsumerPath("0"));

        Assert.Equal("com.microsoft:server-busy", first.Condition.ToString());
        Assert.Equal("com.microsoft:server-busy", second.Condition.ToString());
        Assert.True(await third.Accepted());
    }

    [Fact]
    public async Task DropConnectionsClosesWithConnectionForced()
    {
        await using var scope = await EmulatorScope.StartAsync();
        var closed = new TaskCompletionSource<Error?>(TaskCreationOptions.RunContinuationsAsynchronously);
        scope.Client.Connection.AddClosedCallback((_, error) => closed.TrySetResult(error));

        scope.Emulator.DropConnections();

        var error = await closed.Task.WaitAsync(EmulatorTestClient.Wait);
        Assert.Equal("amqp:connection:forced", error?.Condition.ToString());
    }

    [Fact]
    public async Task DropConnectionsAbruptlyClosesTheSocket()
    {
        await using var scope = await EmulatorScope.StartAsync();
        var closed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        scope.Client.Connection.AddClosedCallback((_, _) => closed.TrySetResult(true));

        scope.Emulator.DropConnections(abortSockets: true);

        Assert.True(await closed.Task.WaitAsync(EmulatorTestClient.Wait));
        Assert.True(scope.Client.Connection.IsClosed);
    }
}
