namespace DefenderConnector.Sources.Graph;

/// <summary>One object of an API page: its raw JSON and the identity used for the cursor and de-duplication.</summary>
/// <param name="Id">The object's id, or null when it has none (it is then dead-lettered).</param>
/// <param name="LastUpdate">Its last update time, or null when missing or unreadable.</param>
/// <param name="Json">The object exactly as the API sent it (plus spliced alerts in degraded expand mode).</param>
internal sealed record ApiItem(string? Id, DateTimeOffset? LastUpdate, ReadOnlyMemory<byte> Json);
