using DefenderConnector.Emulator.EventHubs;

namespace DefenderConnector.IntegrationTests.Emulator;

/// <summary>
/// The credit ledger fed the differences AMQPNetLite's listener reports. Each case replays what the listener
/// computes: difference = receiver's limit - (delivery-count + listener credit), listener credit reset to 0 when
/// the difference is not positive and decremented (wrapping) per send.
/// </summary>
public sealed class SenderCreditTests
{
    /// <summary>The listener's side, as AMQPNetLite 2.5 keeps it.</summary>
    sealed class Listener
    {
        public uint DeliveryCount;
        public uint Credit;

        public int Flow(uint receiverLimit)
        {
            int delta = unchecked((int)(receiverLimit - (this.DeliveryCount + this.Credit)));
            this.Credit = delta <= 0 ? 0 : this.Credit + (uint)delta;
            return delta;
        }

        public void Send(int count)
        {
            this.DeliveryCount += (uint)count;
            this.Credit -= (uint)count;
        }
    }

    static void Flow(SenderCredit ledger, Listener listener, uint limit)
    {
        int delta = listener.Flow(limit);
        ledger.OnFlow(delta, () => listener.Credit);
    }

    static void Send(SenderCredit ledger, Listener listener, int count)
    {
        listener.Send(count);
        ledger.Sent(count);
    }

    [Fact]
    public void RestatedLimitDoesNotInflateTheNextGrant()
    {
        var ledger = new SenderCredit();
        var listener = new Listener();

        Flow(ledger, listener, 10);
        Send(ledger, listener, 3);
        Flow(ledger, listener, 10); // the same limit restated: the listener reports 0 and resets its credit
        Assert.Equal(7, ledger.Available);
        Send(ledger, listener, 7);
        Flow(ledger, listener, 15); // the listener reports 12 here

        Assert.Equal(5, ledger.Available);
    }

    [Fact]
    public void LoweredLimitLeavesOnlyTheNewLimit()
    {
        var ledger = new SenderCredit();
        var listener = new Listener();

        Flow(ledger, listener, 10);
        Send(ledger, listener, 2);
        Flow(ledger, listener, 5);
        Assert.Equal(3, ledger.Available);
        Send(ledger, listener, 3);
        Flow(ledger, listener, 12);

        Assert.Equal(7, ledger.Available);
    }

    [Fact]
    public void LimitLoweredBelowWhatWasSentWaitsForTheReceiverToCatchUp()
    {
        var ledger = new SenderCredit();
        var listener = new Listener();

        Flow(ledger, listener, 10);
        Send(ledger, listener, 8);
        Flow(ledger, listener, 6); // 8 were already in flight
        Assert.Equal(-2, ledger.Available);
        Flow(ledger, listener, 9);

        Assert.Equal(1, ledger.Available);
    }

    [Fact]
    public void SendsBetweenTheListenersFlowAndTheLedgersAreCounted()
    {
        var ledger = new SenderCredit();
        var listener = new Listener();

        Flow(ledger, listener, 10);
        Send(ledger, listener, 3);

        // The listener applies a restated limit, then 2 sends happen before the ledger sees that flow.
        int delta = listener.Flow(10);
        Send(ledger, listener, 2);
        ledger.OnFlow(delta, () => listener.Credit);
        Assert.Equal(5, ledger.Available);
        Send(ledger, listener, 5);
        Flow(ledger, listener, 14);

        Assert.Equal(4, ledger.Available);
    }

    [Fact]
    public void ManyRestatementsNeverLetTheSenderPassTheReceiversLimit()
    {
        var ledger = new SenderCredit();
        var listener = new Listener();
        var random = new Random(8);
        uint receiverLimit = 0;
        for (int step = 0; step < 10_000; step++)
        {
            // The receiver keeps its limit, lowers it a little, or raises it, as byte-sized credit does.
            receiverLimit = (uint)Math.Max((int)listener.DeliveryCount, (int)receiverLimit + random.Next(-3, 6));
            Flow(ledger, listener, receiverLimit);
            int send = random.Next(0, Math.Max(0, ledger.Available) + 1);
            Send(ledger, listener, send);

            Assert.True(listener.DeliveryCount <= receiverLimit, $"sent {listener.DeliveryCount} past limit {receiverLimit} at step {step}");
            Assert.Equal((int)(receiverLimit - listener.DeliveryCount), ledger.Available);
        }
    }

    [Fact]
    public void CompletedDrainLeavesNoCredit()
    {
        var ledger = new SenderCredit();
        var listener = new Listener();

        Flow(ledger, listener, 10);
        Send(ledger, listener, 4);
        ledger.Drained();

        Assert.Equal(0, ledger.Available);
    }
}
