using Azure.Messaging.EventHubs;
using DefenderConnector.Pulling;
using DefenderConnector.Sources.EventHub;

namespace DefenderConnector.Tests.Sources.EventHub;

/// <summary>
/// How the SDK reader reports a fault it cannot name: on a link that has already read, a lost connection worth
/// reopening from the checkpoint; before any read, the unknown failure it is (not retried as a connection problem).
/// </summary>
public sealed class SdkPartitionReaderFailureTests : IAsyncDisposable
{
    // Every receive below is a scripted receiver's.
    private readonly SdkEventHubTransport _transport = UnopenedTransport.Create();

    private SdkPartitionReader Reader(Exception failure, params IEnumerable<EventData>[] batches) =>
        new(new ScriptedReceiver(failure, batches), "0", _transport, new ReceiveBudget(EventHubConstants.DefaultBatchBytes));

    [Fact]
    public async Task An_unclassified_fault_on_a_link_that_has_read_is_a_transient_lost_connection()
    {
        // What the SDK raised while it was recovering links under a receive.
        await using var reader = Reader(new NullReferenceException("Object reference not set to an instance of an object."), ScriptedReceiver.Events(0, 2), []);
        var into = new List<SourceMessage>();

        Assert.Equal(2, await reader.ReceiveAsync(into, 10, TimeSpan.FromSeconds(1), CancellationToken.None));
        var failure = await Assert.ThrowsAsync<ConnectorException>(() => reader.ReceiveAsync(into, 10, TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Equal(EventHubFailureReason.ConnectionLost, failure.EventHubReason);
        Assert.True(failure.IsTransient);
    }

    [Fact]
    public async Task An_unclassified_fault_before_the_first_read_stays_unknown_and_is_not_a_lost_connection()
    {
        await using var reader = Reader(new NullReferenceException("Object reference not set to an instance of an object."));

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => reader.ReceiveAsync([], 10, TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Equal(EventHubFailureReason.Unknown, failure.EventHubReason);
    }

    public async ValueTask DisposeAsync() => await _transport.DisposeAsync();
}
