using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DefenderConnector.Emulator.Http;

/// <summary>Entra's v2 token endpoint for the client credentials grant, secret or certificate assertion.</summary>
internal sealed class TokenEndpoint(EntraDirectory directory, Func<DateTimeOffset> clock, Func<string> authority)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(60);

    public async Task<(int Status, string Body)> HandleAsync(string tenant, HttpRequest request)
    {
        var now = clock();
        var form = await request.ReadFormAsync().ConfigureAwait(false);
        var clientId = form["client_id"].ToString();
        var scope = form["scope"].ToString();
        if (form["grant_type"] != "client_credentials")
        {
            return AadError.Create(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.", authority(), now);
        }

        if (!directory.HasTenant(tenant))
        {
            return AadError.Create(400, "invalid_request", 90002, $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.", authority(), now);
        }

        var app = directory.Find(tenant, clientId);
        if (app is null)
        {
            return AadError.Create(400, "unauthorized_client", 700016, $"Application with identifier '{clientId}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.", authority(), now);
        }

        var secret = form["client_secret"].ToString();
        var assertion = form["client_assertion"].ToString();
        if (secret.Length > 0)
        {
            var (known, expired) = app.CheckSecret(secret, now);
            if (!known)
            {
                return AadError.Create(401, "invalid_client", 7000215, $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'.", authority(), now);
            }

            if (expired)
            {
                return AadError.Create(401, "invalid_client", 7000222, $"The provided client secret keys for app '{clientId}' are expired. Visit the Azure portal to create new keys for your app.", authority(), now);
            }
        }
        else if (assertion.Length > 0)
        {
            var audience = $"{authority()}/{tenant}/oauth2/v2.0/token";
            switch (ClientAssertionValidator.Validate(assertion, app, audience, now))
            {
                case AssertionVerdict.UnknownCertificate:
                    return AadError.Create(401, "invalid_client", 700027, "Client assertion failed signature validation.", authority(), now);
                case AssertionVerdict.BadAudience:
                    return AadError.Create(401, "invalid_client", 700021, "Client assertion application identifier or audience does not match.", authority(), now);
                case AssertionVerdict.Expired:
                    return AadError.Create(401, "invalid_client", 700024, "Client assertion is not within its valid time range.", authority(), now);
                case AssertionVerdict.Malformed:
                    return AadError.Create(400, "invalid_request", 50027, "JWT token is invalid or malformed.", authority(), now);
            }
        }
        else
        {
            return AadError.Create(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", authority(), now);
        }

        var token = directory.Issue(tenant, app, scope, now, now + Lifetime);
        var body = new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)Lifetime.TotalSeconds,
            ["ext_expires_in"] = (int)Lifetime.TotalSeconds,
            ["access_token"] = token,
        };
        return (200, body.ToJsonString());
    }
}
