using Amqp;

namespace DefenderConnector.IntegrationTests.Emulator;

/// <summary>
/// Link credit as a receiver grants it: AMQP flow frames carry an absolute limit (delivery-count + link-credit),
/// and a receiver may restate or lower that limit at any time. The emulator must send exactly up to the limit:
/// never past it (receivers fail the link with transfer-limit-exceeded) and never stop short of it (a receiver
/// waiting for credit it already gave would wait for ever).
/// </summary>
public sealed class ReceiverCreditTests
{
    static void Publish(EmulatorScope scope, int count)
    {
        for (int i = 0; i < count; i++) { scope.Emulator.Publish("1", "credit"u8.ToArray()); }
    }

    static async Task<List<Message>> ReceiveAsync(TestReceiver receiver, int count)
    {
        var messages = new List<Message>();
        while (messages.Count < count)
        {
            var message = await receiver.Link.ReceiveAsync(EmulatorTestClient.Wait)
                ?? throw new TimeoutException($"Received {messages.Count} of {count} messages (link closed: {receiver.IsClosed}).");
            receiver.Link.Accept(message);
            messages.Add(message);
        }

        return messages;
    }

    [Fact]
    public async Task RestatedLimitIsNeitherExceededNorLost()
    {
        await using var scope = await EmulatorScope.StartAsync();
        Publish(scope, 3);
        var receiver = scope.Client.OpenReceiver(TestEmulator.ConsumerPath("1"));
        Assert.True(await receiver.Accepted());

        // Manual credit mode: each call adds credit and sends the new absolute limit. Limit 10 with 3 events
        // stored: 3 arrive, 7 credits stay open on the emulator's side.
        receiver.Link.SetCredit(10, autoRestore: false);
        var first = await ReceiveAsync(receiver, 3);

        // The receiver restates the same limit (delivery-count 3 + credit 7), as Microsoft's SDK does when it
        // recomputes its byte-sized credit; then the 7 open credits are used by new events.
        receiver.Link.SetCredit(0, autoRestore: false);
        Publish(scope, 7);
        var second = await ReceiveAsync(receiver, 7);

        // 30 events wait; the receiver grants 5 only. A sixth transfer fails the receiver's link.
        Publish(scope, 30);
        receiver.Link.SetCredit(5, autoRestore: false);
        var third = await ReceiveAsync(receiver, 5);

        // Drain mode states an absolute credit (15), so transfers sent past the earlier limit cannot be
        // absorbed by this grant: they exhaust it and the receiver fails the link.
        receiver.Link.SetCredit(15, CreditMode.Drain);
        var fourth = await ReceiveAsync(receiver, 15);

        // A request on the same connection: its reply follows any transfer already sent, so a transfer past the
        // receiver's limit has failed the link by the time it arrives.
        var reply = await scope.Client.ReadAsync("com.microsoft:eventhub", TestEmulator.Hub);
        Assert.Equal(200, EmulatorTestClient.StatusCode(reply));

        var all = first.Concat(second).Concat(third).Concat(fourth).Select(TestReceiver.SequenceNumber);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), all);
        Assert.False(receiver.IsClosed);
    }
}
