namespace DefenderConnector.Emulator.Http;

/// <summary>A HEC token as Splunk configures it: enabled, indexer acknowledgement, the indexes it may write to.</summary>
public sealed class HecToken(string value, bool useAck, IReadOnlyCollection<string>? indexes)
{
    public string Value { get; } = value;

    public bool UseAck { get; } = useAck;

    /// <summary>Null: any index (the token's default when the event names none).</summary>
    public IReadOnlyCollection<string>? Indexes { get; } = indexes;

    public bool Enabled { get; set; } = true;
}
