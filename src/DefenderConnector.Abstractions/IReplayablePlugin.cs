namespace DefenderConnector.Abstractions;

/// <summary>
/// Optional capability of a plugin: map a file of saved source data offline, without settings,
/// network or checkpoints. A host checks for it with a type test on the plugin instance, so
/// <see cref="IConnectorPlugin"/> stays unchanged for hosts that do not replay.
/// </summary>
public interface IReplayablePlugin
{
    /// <summary>
    /// Reads saved source data from <paramref name="input"/> (JSON lines or one JSON document),
    /// maps every record and writes one encoded event per line to <paramref name="output"/>.
    /// Bad lines and records are reported in the summary and never stop the replay.
    /// </summary>
    /// <param name="input">The saved data; read to its end, not disposed.</param>
    /// <param name="output">Where events are written, UTF-8, one per line; flushed, not disposed.</param>
    /// <param name="format">The output format: <c>ocsf</c>, <c>cef</c> or <c>ecs</c> (any case).</param>
    /// <param name="inputName">A stable name for the input (the file name), part of every derived event id.</param>
    /// <param name="cancellationToken">Stops the replay between records.</param>
    /// <returns>What was read, written and rejected.</returns>
    /// <exception cref="ArgumentException"><paramref name="format"/> is not a supported format.</exception>
    Task<ReplaySummary> ReplayAsync(Stream input, Stream output, string format, string inputName, CancellationToken cancellationToken = default);
}
