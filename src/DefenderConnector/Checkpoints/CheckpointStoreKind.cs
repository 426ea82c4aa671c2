namespace DefenderConnector.Checkpoints;

/// <summary>Where positions, cursors, ownership and dead letters live (<c>checkpointStore.type</c>).</summary>
internal enum CheckpointStoreKind
{
    /// <summary>The embedded SQLite database at <c>state.path</c>: one instance.</summary>
    Sqlite,

    /// <summary>An Azure Storage container in the Event Hubs SDK's layout: several instances share it.</summary>
    Blob,
}
