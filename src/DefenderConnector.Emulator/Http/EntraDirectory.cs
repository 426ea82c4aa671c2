using System.Collections.Concurrent;

namespace DefenderConnector.Emulator.Http;

/// <summary>
/// The tenants and app registrations the token endpoint knows, and the tokens it issued. Tokens are RS256
/// JWTs signed with the directory's own key, so a resource stand-in (the Event Hubs emulator's <c>$cbs</c>)
/// can check them the way the service does (<see cref="ValidateAccessToken"/>).
/// </summary>
public sealed class EntraDirectory
{
    private readonly AccessTokenSigner _signer = new();
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

    /// <summary>The issuer Entra writes into v1 access tokens for a tenant (what resources such as Event Hubs accept).</summary>
    public static string IssuerFor(string tenantId) => $"https://sts.windows.net/{tenantId}/";

    internal string Issue(string tenantId, EntraApp app, string scope, DateTimeOffset issuedAt, DateTimeOffset expires)
    {
        // The audience is the resource of the requested scope: "https://eventhubs.azure.net/.default" → "https://eventhubs.azure.net".
        string resource = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
        if (resource.EndsWith("/.default", StringComparison.Ordinal)) { resource = resource[..^"/.default".Length]; }

        var claims = new System.Text.Json.Nodes.JsonObject
        {
            ["aud"] = resource,
            ["iss"] = IssuerFor(tenantId),
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["nbf"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["appid"] = app.ClientId,
            ["azp"] = app.ClientId,
            ["oid"] = app.ObjectId,
            ["sub"] = app.ObjectId,
            ["tid"] = tenantId,
            ["ver"] = "1.0",
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        var token = _signer.Sign(claims);
        _tokens[token] = new IssuedToken(tenantId, app, scope, expires);
        return token;
    }

    /// <summary>
    /// Checks an access token as a resource does: signed by this directory, issued by one of its tenants, and
    /// returns the claims and the app it names (whose role assignments the resource then looks up). Audience
    /// and lifetime are the caller's to check against its own clock and name.
    /// </summary>
    internal AccessTokenCheck ValidateAccessToken(string token)
    {
        var claims = _signer.Verify(token);
        if (claims is null) { return AccessTokenCheck.Fail(AccessTokenFailure.Signature); }

        string? tenant = claims["tid"]?.GetValue<string>();
        string? issuer = claims["iss"]?.GetValue<string>();
        if (tenant is null || !HasTenant(tenant) || issuer != IssuerFor(tenant))
        {
            return AccessTokenCheck.Fail(AccessTokenFailure.Issuer);
        }

        var app = Find(tenant, claims["appid"]?.GetValue<string>() ?? string.Empty);
        if (app is null) { return AccessTokenCheck.Fail(AccessTokenFailure.Issuer); }

        return new AccessTokenCheck(AccessTokenFailure.None, app,
            claims["aud"]?.GetValue<string>() ?? string.Empty,
            DateTimeOffset.FromUnixTimeSeconds(claims["nbf"]?.GetValue<long>() ?? 0),
            DateTimeOffset.FromUnixTimeSeconds(claims["exp"]?.GetValue<long>() ?? 0));
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
