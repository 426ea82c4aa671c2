using DefenderConnector.Emulator.Http;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// Checks an Entra bearer token put on <c>$cbs</c> (type <c>jwt</c>) the way the service does, each failure
/// with the service's own status description: signature (InvalidSignature), issuer (InvalidIssuer), audience
/// (InvalidAudience), lifetime (ExpiredToken). The token is accepted whatever roles its app holds; the rights
/// come from the app's role assignments ("Azure Event Hubs Data Receiver" → Listen, "… Data Sender" → Send,
/// "… Data Owner" → both) and a link that needs a missing right is refused at attach, as the service does.
/// </summary>
internal sealed class EntraTokenValidator(EntraDirectory directory, TimeProvider time, string clientHost)
{
    static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public TokenGrant Validate(string token)
    {
        var check = directory.ValidateAccessToken(token.Trim());
        switch (check.Failure)
        {
            case AccessTokenFailure.Signature:
                return TokenGrant.Unauthorized("InvalidSignature: The token has an invalid signature.");
            case AccessTokenFailure.Issuer:
                return TokenGrant.Unauthorized("InvalidIssuer: Token issuer is invalid.");
        }

        if (!this.IsOwnAudience(check.Audience))
        {
            return TokenGrant.Unauthorized("InvalidAudience: The authorization header contains a token with a wrong audience.");
        }

        var now = time.GetUtcNow();
        if (check.Expires <= now)
        {
            return TokenGrant.Unauthorized($"ExpiredToken: The token is expired. Expiration time: '{check.Expires.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z'.");
        }

        if (check.NotBefore > now + ClockSkew)
        {
            return TokenGrant.Unauthorized($"InvalidToken: The token is not yet valid. Valid from: '{check.NotBefore.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z'.");
        }

        return TokenGrant.Success(check.Expires, RightsOf(check.App!.Roles));
    }

    static AccessRights RightsOf(IReadOnlyCollection<string> roles)
    {
        var rights = AccessRights.None;
        foreach (string role in roles)
        {
            if (string.Equals(role, EventHubConstants.DataOwnerRole, StringComparison.OrdinalIgnoreCase)) { rights |= AccessRights.All; }
            else if (string.Equals(role, EventHubConstants.DataReceiverRole, StringComparison.OrdinalIgnoreCase)) { rights |= AccessRights.Listen; }
            else if (string.Equals(role, EventHubConstants.DataSenderRole, StringComparison.OrdinalIgnoreCase)) { rights |= AccessRights.Send; }
        }

        return rights;
    }

    // Event Hubs accepts its resource audiences and the namespace's own URI.
    bool IsOwnAudience(string audience)
    {
        string value = audience.TrimEnd('/');
        return string.Equals(value, EventHubConstants.EntraAudience, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(value, EventHubConstants.ServiceBusAudience, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(value, "https://" + clientHost, StringComparison.OrdinalIgnoreCase);
    }
}
