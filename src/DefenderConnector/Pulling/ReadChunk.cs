namespace DefenderConnector.Pulling;

/// <summary>What a reader handed over in one read: Streaming API messages, or API objects. Owned and reused by the reader.</summary>
internal sealed class ReadChunk
{
    public List<SourceMessage> Messages { get; } = [];

    public List<ReadObject> Objects { get; } = [];

    /// <summary>Items in the chunk; positions (<see cref="IStreamReader.PositionAfter"/>) index them.</summary>
    public int Count => Messages.Count + Objects.Count;

    public void Clear()
    {
        Messages.Clear();
        Objects.Clear();
    }
}
