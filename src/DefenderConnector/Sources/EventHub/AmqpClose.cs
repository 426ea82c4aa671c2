using Amqp;

namespace DefenderConnector.Sources.EventHub;

/// <summary>Closes AMQP objects without waiting for the peer, tolerating objects the peer or a dropped connection closed first.</summary>
internal static class AmqpClose
{
    public static void Quietly(IAmqpObject? amqpObject)
    {
        if (amqpObject is null || amqpObject.IsClosed)
        {
            return;
        }

        try
        {
            // A zero timeout sends the close frame and returns at once.
            amqpObject.Close(TimeSpan.Zero, null);
        }
        catch (Exception e) when (e is AmqpException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            // Already closing or closed: nothing left to release.
        }
    }
}
