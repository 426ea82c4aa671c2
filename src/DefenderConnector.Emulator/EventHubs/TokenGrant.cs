namespace DefenderConnector.Emulator.EventHubs;

/// <summary>The outcome of checking a bearer token: on success its expiry and rights, otherwise a 401 description.</summary>
internal readonly record struct TokenGrant(bool Succeeded, string Description, DateTimeOffset Expiry, AccessRights Rights)
{
    public static TokenGrant Success(DateTimeOffset expiry, AccessRights rights) => new(true, "Accepted", expiry, rights);

    public static TokenGrant Unauthorized(string description) => new(false, description, default, AccessRights.None);
}
