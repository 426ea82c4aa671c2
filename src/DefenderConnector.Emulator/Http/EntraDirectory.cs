using System.Collections.Concurrent;

namespace DefenderConnector.Emulator.Http;

/// <summary>The tenants and app registrations the token endpoint knows, and the tokens it issued.</summary>
public sealed class EntraDirectory
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, EntraApp>> _tenants = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);

    /// <summary>Registers an app in a tenant (creating the tenant) and returns it for further setup.</summary>
    public EntraApp AddApp(string tenantId, string clientId)
    {
        var apps = _tenants.GetOrAdd(tenantId, _ => new(StringComparer.OrdinalIgnoreCase));
        return apps.GetOrAdd(clientId, id => new EntraApp(id));
    }

    /// <summary>Tokens issued so far (how tests see that a fresh token was fetched).</summary>
    public int TokensIssued => _tokens.Count;

    internal bool HasTenant(string tenantId) => _tenants.ContainsKey(tenantId);

    internal EntraApp? Find(string tenantId, string clientId) =>
        _tenants.TryGetValue(tenantId, out var apps) && apps.TryGetValue(clientId, out var app) ? app : null;

    internal string Issue(string tenantId, EntraApp app, string scope, DateTimeOffset expires)
    {
        var token = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        _tokens[token] = new IssuedToken(tenantId, app, scope, expires);
        return token;
    }

    internal IssuedToken? Resolve(string? authorization, DateTimeOffset now)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return null;
        }

        return _tokens.TryGetValue(authorization[7..], out var token) && token.Expires > now ? token : null;
    }
}
