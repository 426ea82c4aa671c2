namespace DefenderConnector.Sources.EventHub;

/// <summary>How one partition's read in a <see cref="BalancedPull"/> ended.</summary>
internal enum PartitionReadEnd
{
    /// <summary>Read to the tail it had when the read started (or the budget was spent).</summary>
    Finished,

    /// <summary>Stopped because the balancer no longer lists the partition as this instance's.</summary>
    Moved,

    /// <summary>Another receiver took the link (<c>amqp:link:stolen</c>) while the balancer still listed the partition.</summary>
    Taken,
}
