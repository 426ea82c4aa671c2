namespace DefenderConnector.Emulator.EventHubs;

/// <summary>The outcome of checking a SAS token: on success the expiry, otherwise a status and description.</summary>
internal readonly record struct SasTokenCheck(bool Succeeded, int StatusCode, string Description, DateTimeOffset Expiry)
{
    public static SasTokenCheck Success(DateTimeOffset expiry) => new(true, 202, "Accepted", expiry);

    public static SasTokenCheck Unauthorized(string description) => new(false, 401, description, default);
}
