using Amqp;
using Amqp.Framing;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// All attached entity links. A periodic sweep detaches links whose connection's CBS authorization has
/// expired without a renewing put-token, with <c>amqp:unauthorized-access</c>, as the service does.
/// </summary>
internal sealed class LinkTracker(TimeProvider time)
{
    readonly HashSet<GuardedLinkEndpoint> links = new();

    public void Add(GuardedLinkEndpoint link)
    {
        lock (this.links) { this.links.Add(link); }
    }

    public void Remove(GuardedLinkEndpoint link)
    {
        lock (this.links) { this.links.Remove(link); }
    }

    public IReadOnlyList<GuardedLinkEndpoint> Snapshot()
    {
        lock (this.links) { return this.links.ToList(); }
    }

    public void DetachExpired()
    {
        var now = time.GetUtcNow();
        foreach (var link in this.Snapshot())
        {
            if (!link.Connection.IsAuthorized(link.Address.AuthorizationPath, now))
            {
                link.Detach(new Error(ErrorCode.UnauthorizedAccess)
                {
                    Description = $"The token authorizing '{link.Address.Path}' has expired and was not renewed.",
                });
            }
        }
    }
}
