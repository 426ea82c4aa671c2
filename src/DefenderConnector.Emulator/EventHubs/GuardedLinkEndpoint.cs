using Amqp;
using Amqp.Framing;
using Amqp.Listener;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>A client link on an event hub entity, kept only while its connection stays authorized for the path.</summary>
internal abstract class GuardedLinkEndpoint(ListenerLink link, ConnectionState connection, EntityAddress address, LinkTracker tracker)
    : LinkEndpoint
{
    int detached;

    public ListenerLink Link { get; } = link;

    public ConnectionState Connection { get; } = connection;

    public EntityAddress Address { get; } = address;

    protected bool IsDetached => Volatile.Read(ref this.detached) != 0;

    /// <summary>Detaches the link with an error; safe from any thread and more than once.</summary>
    public void Detach(Error error)
    {
        if (Interlocked.Exchange(ref this.detached, 1) != 0) { return; }

        tracker.Remove(this);
        this.OnDetaching();
        try
        {
            this.Link.Close(TimeSpan.Zero, error);
        }
        catch (AmqpException)
        {
            // The link or its connection is already closing.
        }
        catch (ObjectDisposedException)
        {
            // The transport is gone.
        }
        catch (InvalidOperationException)
        {
            // The link is already past the point where it can be closed.
        }
    }

    public override void OnLinkClosed(ListenerLink link, Error error)
    {
        Interlocked.Exchange(ref this.detached, 1);
        tracker.Remove(this);
        this.OnDetaching();
    }

    /// <summary>Releases what the endpoint registered (receiver slots, log listeners); may run twice.</summary>
    protected abstract void OnDetaching();
}
