using Amqp;
using Amqp.Listener;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>What one client connection has proven: CBS authorizations (audience path → expiry) or a SASL PLAIN login.</summary>
internal sealed class ConnectionState(Connection connection)
{
    readonly Dictionary<string, DateTimeOffset> authorizations = new(StringComparer.Ordinal);

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
