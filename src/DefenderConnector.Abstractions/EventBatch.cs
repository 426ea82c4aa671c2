namespace DefenderConnector.Abstractions;

/// <summary>A batch of encoded events from one source.</summary>
/// <param name="Source">The source name, for example <c>eventhub</c> or <c>graph</c>.</param>
/// <param name="Format">The encoding of every event: <c>ocsf</c>, <c>cef</c> or <c>ecs</c>.</param>
/// <param name="Events">Each element is one encoded event (a JSON object or a CEF line), without a trailing newline.</param>
public sealed record EventBatch(string Source, string Format, IReadOnlyList<ReadOnlyMemory<byte>> Events);
