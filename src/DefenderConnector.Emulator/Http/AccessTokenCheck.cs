namespace DefenderConnector.Emulator.Http;

/// <summary>The outcome of checking an access token's signature and issuer, with the claims a resource checks next.</summary>
internal sealed record AccessTokenCheck(AccessTokenFailure Failure, EntraApp? App, string Audience, DateTimeOffset NotBefore, DateTimeOffset Expires)
{
    public static AccessTokenCheck Fail(AccessTokenFailure failure) => new(failure, null, string.Empty, default, default);
}
