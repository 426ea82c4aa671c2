namespace DefenderConnector.Balancing;

/// <summary>How fast an instance below its fair share claims partitions (as the Azure SDK processors' option of the same name).</summary>
internal enum LoadBalancingStrategy
{
    /// <summary>Claims every partition it needs in one cycle: balanced soonest, more contention at start.</summary>
    Greedy,

    /// <summary>Claims one partition per cycle: fewer conflicting claims when instances start together.</summary>
    Balanced,
}
