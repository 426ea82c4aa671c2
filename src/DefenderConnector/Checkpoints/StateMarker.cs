namespace DefenderConnector.Checkpoints;

/// <summary>
/// Tells a state database that was lost apart from one never created. Beside the database
/// (<c>state.path</c> + <c>.marker</c>) a small file is written once the first position is committed;
/// a database that is missing while its marker exists was deleted (or its volume not mounted), and
/// the connector refuses to start over from <c>initialPosition</c>, which would silently deliver the
/// whole retained hub again, unless <c>state.onMissing</c> is <c>restart</c>. Deleting the marker
/// together with the database is the deliberate way to start afresh.
/// </summary>
internal static class StateMarker
{
    public static string PathFor(string statePath) => statePath + ".marker";

    /// <summary>True when the database is missing but the marker says positions were committed to it.</summary>
    public static bool DatabaseLost(string statePath) => !File.Exists(statePath) && File.Exists(PathFor(statePath));

    public static void Write(string statePath, TimeProvider time)
    {
        var marker = PathFor(statePath);
        if (!File.Exists(marker))
        {
            File.WriteAllText(marker, $"DefenderConnector state database {Path.GetFileName(statePath)} holds positions since {time.GetUtcNow():O}. Delete this file only together with the database, to start afresh.\n");
        }
    }
}
