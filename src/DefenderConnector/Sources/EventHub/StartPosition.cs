namespace DefenderConnector.Sources.EventHub;

/// <summary>Where a partition without a checkpoint starts: earliest, latest, or the first event enqueued at or after a time.</summary>
internal readonly record struct StartPosition(StartPositionKind Kind, DateTimeOffset Time)
{
    public static StartPosition Earliest => new(StartPositionKind.Earliest, default);

    public static StartPosition Latest => new(StartPositionKind.Latest, default);

    public static StartPosition At(DateTimeOffset time) => new(StartPositionKind.EnqueuedTime, time);

    public override string ToString() => Kind switch
    {
        StartPositionKind.Earliest => "earliest",
        StartPositionKind.Latest => "latest",
        _ => Time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
    };
}

internal enum StartPositionKind
{
    Earliest,
    Latest,
    EnqueuedTime,
}
