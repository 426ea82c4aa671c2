using Amqp;
using Amqp.Listener;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>What one client connection has proven: CBS authorizations (audience path → expiry) or a SASL PLAIN login.</summary>
internal sealed class ConnectionState(Connection connection)
{
    readonly Dictionary<string, (DateTimeOffset Expiry, AccessRights Rights)> authorizations = new(StringComparer.Ordinal);
    readonly List<(ListenerLink Link, string Name, string? Address, string Node)> replyLinks = new();

    public Connection Connection { get; } = connection;

    /// <summary>True when SASL PLAIN succeeded with a policy name and key (checked during SASL).</summary>
    public bool HasPlainLogin =>
        this.Connection is ListenerConnection { Principal.Identity.AuthenticationType: "PLAIN" };

    /// <summary>Records a put-token; a renewal for the same audience replaces the earlier expiry and rights.</summary>
    public void Authorize(string audiencePath, DateTimeOffset expiry, AccessRights rights = AccessRights.All)
    {
        lock (this.authorizations) { this.authorizations[audiencePath] = (expiry, rights); }
    }

    /// <summary>True while an unexpired authorization covers the (lowercased) entity path, whatever its rights.</summary>
    public bool IsAuthorized(string entityPath, DateTimeOffset now) => this.RightsFor(entityPath, now) is not null;

    /// <summary>The rights of the unexpired authorizations covering the entity path; null when none does.</summary>
    public AccessRights? RightsFor(string entityPath, DateTimeOffset now)
    {
        if (this.HasPlainLogin) { return AccessRights.All; }

        AccessRights? rights = null;
        lock (this.authorizations)
        {
            foreach (var (path, (expiry, granted)) in this.authorizations)
            {
                if (expiry > now && SasTokenValidator.Covers(path, entityPath)) { rights = (rights ?? AccessRights.None) | granted; }
            }
        }

        return rights;
    }

    /// <param name="link">The client's receiving link.</param>
    /// <param name="name">The link name (rhea replies to it).</param>
    /// <param name="address">The link's target address (azure-amqp and AMQPNetLite reply to it).</param>
    /// <param name="node">The node it receives from ($cbs or $management).</param>
    public void AddReplyLink(ListenerLink link, string name, string? address, string node)
    {
        lock (this.replyLinks) { this.replyLinks.Add((link, name, address, node)); }
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
                var (link, name, address, _) = this.replyLinks[i];
                if (address == replyTo || name == replyTo) { return link; }
            }

            return null;
        }
    }

    /// <summary>
    /// For a request without reply-to: the newest receiving link on <paramref name="node"/> in the request's
    /// session, else the newest on the connection.
    /// </summary>
    public ListenerLink? FindReplyLink(string node, Session session)
    {
        lock (this.replyLinks)
        {
            ListenerLink? fallback = null;
            for (int i = this.replyLinks.Count - 1; i >= 0; i--)
            {
                var (link, _, _, linkNode) = this.replyLinks[i];
                if (!string.Equals(linkNode, node, StringComparison.OrdinalIgnoreCase)) { continue; }

                if (link.Session == session) { return link; }

                fallback ??= link;
            }

            return fallback;
        }
    }

    public void ExpireAll()
    {
        lock (this.authorizations)
        {
            foreach (var path in this.authorizations.Keys.ToList())
            {
                this.authorizations[path] = (DateTimeOffset.MinValue, this.authorizations[path].Rights);
            }
        }
    }
}
