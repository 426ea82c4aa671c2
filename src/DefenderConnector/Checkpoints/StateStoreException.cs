namespace DefenderConnector.Checkpoints;

/// <summary>The state database could not be read or written: one line naming <c>state.path</c> and what to do.</summary>
internal sealed class StateStoreException : Exception
{
    public StateStoreException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Plain words for a SQLite or file-system failure of the database at <paramref name="path"/>.</summary>
    public static StateStoreException From(string path, Exception e)
    {
        var code = e is Microsoft.Data.Sqlite.SqliteException sqlite ? sqlite.SqliteErrorCode : 0;
        var advice = code switch
        {
            5 or 6 => "another process holds it (a second connector with the same state.path?); stop it, or give each connector its own state.path",
            8 => "it is read-only; give the connector write access to the file and its folder",
            11 or 26 => "it is damaged or not a state database; restore it from a backup, or move it away to start afresh (then set state.onMissing to \"restart\")",
            13 => "the disk is full; free space, the connector resumes from its last checkpoint",
            14 => "it cannot be opened; check that the folder exists and is writable",
            _ => "check the file, its folder and the free space",
        };
        var what = e.Message.ReplaceLineEndings(" ");
        return new StateStoreException($"state.path: the state database {path} cannot be used ({what}): {advice}.", e);
    }
}
