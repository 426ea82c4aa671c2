namespace DefenderConnector.Emulator.Http;

/// <summary>A token the stand-in issued.</summary>
internal sealed record IssuedToken(string TenantId, EntraApp App, string Scope, DateTimeOffset Expires);
