using DefenderConnector.Sources.EventHub;

namespace DefenderConnector.Tests.Sources.EventHub;

/// <summary>What the AMQP layer raises when the socket under it aborts is a lost connection, retried.</summary>
public sealed class AbortedTransportTests
{
    public static TheoryData<Exception> Aborts => new()
    {
        new Microsoft.Azure.Amqp.AmqpException(new Microsoft.Azure.Amqp.Framing.Error()),
        new OperationCanceledException("The operation was canceled because the connection closed."),
        new IOException("Unable to read data from the transport connection.", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionAborted)),
        new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionReset),
    };

    [Theory]
    [MemberData(nameof(Aborts))]
    public void An_aborted_transport_is_a_transient_lost_connection(Exception exception)
    {
        var failure = EventHubErrors.FromException(EventHubOperation.Receive, "Reading partition 0", exception);
        Assert.Equal(EventHubFailureReason.ConnectionLost, failure.EventHubReason);
        Assert.True(failure.IsTransient);
    }
}
