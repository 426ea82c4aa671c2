using Amqp;
using Amqp.Listener;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>What one client connection has proven: CBS authorizations (audience path → expiry) or a SASL PLAIN login.</summary>
internal sealed class ConnectionState(Connection connection)
{
    readonly Dictionary<string, DateTimeOffset> authorizations = new(StringComparer.Ordinal);
    readonly List<(ListenerLink Link, string Name, string? Address)> replyLinks = new();

    public Connection Connection { get; } = connection;

    /// <summary>True when SASL PLAIN succeeded with a policy name and key (checked during SASL).</summary>
    public bool HasPlainLogin =>
        this.Connection is ListenerConnection { Principal.Identity.AuthenticationType: "PLAIN" };

    /// <summary>Records a put-token; a renewal for the same audience replaces the earlier expiry.</summary>
    public void Authorize(string audiencePath, DateTimeOffset expiry)
    {
        lock (this.authorizations) { this.authorizations[audiencePath] = expiry; }
    }

    /// <summary>True while an unexpired authorization covers the (lowercased) entity path.</summary>
    public bool IsAuthorized(string entityPath, DateTimeOffset now)
    {
        if (this.HasPlainLogin) { return true; }

        lock (this.authorizations)
        {
            foreach (var (path, expiry) in this.authorizations)
            {
                if (expiry > now && SasTokenValidator.Covers(path, entityPath)) { return true; }
            }
        }

        return false;
    }

    public void AddReplyLink(ListenerLink link, string name, string? address)
    {
        lock (this.replyLinks) { this.replyLinks.Add((link, name, address)); }
    }

    public void RemoveReplyLink(ListenerLink link)
    {
        lock (this.replyLinks) { this.replyLinks.RemoveAll(r => r.Link == link); }
    }

    /// <summary>The newest reply link whose name or target address is <paramref name="replyTo"/>.</summary>
    public ListenerLink? FindReplyLink(string replyTo)
    {
        lock (this.replyLinks)
        {
            for (int i = this.replyLinks.Count - 1; i >= 0; i--)
            {
                var (link, name, address) = this.replyLinks[i];
                if (address == replyTo || name == replyTo) { return link; }
            }

            return null;
        }
    }

    public void ExpireAll()
    {
        lock (this.authorizations)
        {
            foreach (var path in this.authorizations.Keys.ToList())
            {
                this.authorizations[path] = DateTimeOffset.MinValue;
            }
        }
    }
}
