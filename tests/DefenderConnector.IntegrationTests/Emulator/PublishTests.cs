using System.Text;
using Amqp;
using Amqp.Framing;
using Amqp.Types;

namespace DefenderConnector.IntegrationTests.Emulator;

public sealed class PublishTests
{
    static async Task<Outcome> SendAsync(EmulatorScope scope, string address, Message message)
    {
        var sender = new SenderLink(new Session(scope.Client.Connection), "sender-" + Guid.NewGuid().ToString("N"), address);
        var outcome = new TaskCompletionSource<Outcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        sender.Send(message, (_, _, result, _) => outcome.TrySetResult(result), null);
        return await outcome.Task.WaitAsync(EmulatorTestClient.Wait);
    }

    static Message Event(string body, string? partitionKey = null)
    {
        var message = new Message { BodySection = new Data { Binary = Encoding.UTF8.GetBytes(body) } };
        if (partitionKey is not null)
        {
            message.MessageAnnotations = new MessageAnnotations();
            message.MessageAnnotations[new Symbol("x-opt-partition-key")] = partitionKey;
        }

        return message;
    }

    [Fact]
    public async Task SenderOnAPartitionPublishesAndReceiversGetIt()
    {
        await using var scope = await EmulatorScope.StartAsync();

        var outcome = await SendAsync(scope, "defender/Partitions/2", Event("{\"hello\":1}"));

        Assert.IsType<Accepted>(outcome);
        Assert.Equal(0, scope.Emulator.GetLastSequenceNumber("2"));
        var messages = await scope.Client.OpenReceiver(TestEmulator.ConsumerPath("2")).ReceiveAsync(1);
        Assert.Equal("{\"hello\":1}", TestReceiver.Body(messages[0]));
    }

    [Fact]
    public async Task BatchFormatIsUnpackedIntoEventsOnOnePartitionPerKey()
    {
        await using var scope = await EmulatorScope.StartAsync();
        var batch = new Message { Format = 0x80013700, BodySection = new DataList() };
        for (int i = 0; i < 3; i++)
        {
            var inner = Event($"batched-{i}", "device-7").Encode();
            ((DataList)batch.BodySection).Add(new Data { Binary = inner.Buffer.AsSpan(inner.Offset, inner.Length).ToArray() });
        }

        var outcome = await SendAsync(scope, "defender", batch);

        Assert.IsType<Accepted>(outcome);
        string partition = scope.Emulator.PartitionIds.Single(p => scope.Emulator.GetLastSequenceNumber(p) >= 0);
        Assert.Equal(2, scope.Emulator.GetLastSequenceNumber(partition));
        var messages = await scope.Client.OpenReceiver(TestEmulator.ConsumerPath(partition)).ReceiveAsync(3);
        Assert.Equal(["batched-0", "batched-1", "batched-2"], messages.Select(TestReceiver.Body));
        Assert.Equal("device-7", messages[2].MessageAnnotations[new Symbol("x-opt-partition-key")]);
    }

    [Fact]
    public async Task SenderWithoutTokenIsUnauthorized()
    {
        await using var scope = await EmulatorScope.StartAsync(authorize: false);

        var sender = new SenderLink(new Session(scope.Client.Connection), "sender", "defender");
        var closed = new TaskCompletionSource<Error?>(TaskCreationOptions.RunContinuationsAsynchronously);
        sender.AddClosedCallback((_, error) => closed.TrySetResult(error));

        var error = await closed.Task.WaitAsync(EmulatorTestClient.Wait);
        Assert.Equal("amqp:unauthorized-access", error?.Condition.ToString());
    }

    [Fact]
    public async Task InProcessPublishReachesAnAttachedReceiverUnsettled()
    {
        await using var scope = await EmulatorScope.StartAsync();
        var receiver = scope.Client.OpenReceiver(TestEmulator.ConsumerPath("0"), "amqp.annotation.x-opt-offset > '@latest'", settled: false);
        Assert.True(await receiver.Accepted());

        var publishing = Task.Run(() =>
        {
            for (int i = 0; i < 50; i++) { scope.Emulator.Publish("0", Encoding.UTF8.GetBytes($"live-{i}")); }
        });
        var messages = await receiver.ReceiveAsync(50, credit: 7);
        await publishing;

        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), messages.Select(TestReceiver.SequenceNumber));
    }
}
