namespace DefenderConnector.Mapping;

/// <summary>How mapping one record ended.</summary>
internal enum MapStatus
{
    /// <summary>Mapped to its OCSF class.</summary>
    Mapped,

    /// <summary>The table or shape is unknown: emitted as an OCSF Base Event with the original under <c>unmapped</c>.</summary>
    Unknown,

    /// <summary>The record could not be read at all; nothing was written and it goes to the dead-letter store.</summary>
    Failed,
}

/// <summary>The outcome of mapping one record.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Table">The Defender table or API resource, for counting (for example <c>DeviceProcessEvents</c>).</param>
/// <param name="ClassUid">The OCSF class written.</param>
/// <param name="Detail">Why it failed, when it did.</param>
internal readonly record struct MapResult(MapStatus Status, string Table, int ClassUid, string? Detail = null)
{
    /// <summary>
    /// Set when the record was written as a Base Event because its ActionType is not one Microsoft
    /// documents for the table: the pull summary counts these by name so a user can report them.
    /// </summary>
    public string? UndocumentedActionType { get; init; }

    public static MapResult Fail(string table, string detail) => new(MapStatus.Failed, table, 0, detail);
}
