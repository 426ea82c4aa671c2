using System.Security.Cryptography.X509Certificates;

namespace DefenderConnector.Emulator.Http;

/// <summary>
/// An app registration: its secrets (with expiry), certificates (public part) and granted roles: Graph and
/// Defender application permissions, and Azure role assignments on the Event Hubs namespace such as
/// "Azure Event Hubs Data Receiver" (which the Event Hubs emulator looks up, as the service does).
/// </summary>
public sealed class EntraApp
{
    private readonly object _gate = new();
    private readonly List<(string Value, DateTimeOffset Expires)> _secrets = [];
    private readonly List<X509Certificate2> _certificates = [];
    private readonly HashSet<string> _roles = new(StringComparer.OrdinalIgnoreCase);

    internal EntraApp(string clientId) => ClientId = clientId;

    public string ClientId { get; }

    /// <summary>The app's service principal object id (the <c>oid</c> of its tokens).</summary>
    public string ObjectId { get; } = Guid.NewGuid().ToString();

    public EntraApp AddSecret(string value, DateTimeOffset expires)
    {
        lock (_gate)
        {
            _secrets.Add((value, expires));
        }

        return this;
    }

    /// <summary>Deletes every secret (a rotation or revocation in the portal).</summary>
    public EntraApp RemoveSecrets()
    {
        lock (_gate)
        {
            _secrets.Clear();
        }

        return this;
    }

    /// <summary>Registers a certificate's public part (what the portal's "Upload certificate" keeps).</summary>
    public EntraApp AddCertificate(X509Certificate2 certificate)
    {
        lock (_gate)
        {
            _certificates.Add(X509CertificateLoader.LoadCertificate(certificate.RawData));
        }

        return this;
    }

    public EntraApp Grant(params string[] roles)
    {
        lock (_gate)
        {
            _roles.UnionWith(roles);
        }

        return this;
    }

    public EntraApp Revoke(params string[] roles)
    {
        lock (_gate)
        {
            _roles.ExceptWith(roles);
        }

        return this;
    }

    public IReadOnlyCollection<string> Roles
    {
        get
        {
            lock (_gate)
            {
                return _roles.Order(StringComparer.Ordinal).ToArray();
            }
        }
    }

    internal (bool Known, bool Expired) CheckSecret(string value, DateTimeOffset now)
    {
        lock (_gate)
        {
            var match = _secrets.Where(s => System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(s.Value), System.Text.Encoding.UTF8.GetBytes(value))).ToList();
            return match.Count == 0 ? (false, false) : (true, match.All(s => s.Expires <= now));
        }
    }

    internal X509Certificate2[] Certificates()
    {
        lock (_gate)
        {
            return _certificates.ToArray();
        }
    }
}
