namespace DefenderConnector.Emulator.Http;

/// <summary>Why an access token was not accepted by <see cref="EntraDirectory.ValidateAccessToken"/>.</summary>
internal enum AccessTokenFailure
{
    None,
    Signature,
    Issuer,
}
