namespace DefenderConnector.Abstractions;

/// <summary>What a re-drive did.</summary>
/// <param name="Delivered">Dead letters that mapped and were delivered, now marked done.</param>
/// <param name="Events">Events delivered for them.</param>
/// <param name="StillFailing">Dead letters that still do not map, each with its id and the reason now.</param>
/// <param name="Skipped">Ids not found, already done, or of a kind that cannot be re-driven, each with why.</param>
public sealed record RedriveSummary(int Delivered, long Events, IReadOnlyList<KeyValuePair<long, string>> StillFailing, IReadOnlyList<KeyValuePair<long, string>> Skipped);
