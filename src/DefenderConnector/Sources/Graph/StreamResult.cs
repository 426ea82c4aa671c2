namespace DefenderConnector.Sources.Graph;

/// <summary>What one stream walk did.</summary>
internal sealed class StreamResult(string name)
{
    public string Name { get; } = name;

    public int Pages { get; set; }

    public long Emitted { get; set; }

    public long Duplicates { get; set; }

    public DateTimeOffset Watermark { get; set; }

    /// <summary>Update times shared by more objects than <c>$skip</c> can reach; the walk moved past them.</summary>
    public List<DateTimeOffset> TieOverflows { get; } = [];
}
