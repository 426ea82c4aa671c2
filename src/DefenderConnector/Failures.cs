namespace DefenderConnector;

/// <summary>Which exceptions one message or record may cost (and be dead-lettered for) without stopping a pull.</summary>
internal static class Failures
{
    /// <summary>
    /// True for a failure of reading or mapping one input; false for cancellation and for conditions of the
    /// process (out of memory), which must end the pull without committing anything.
    /// </summary>
    public static bool IsRecoverable(Exception e) => e is not (OperationCanceledException or OutOfMemoryException or InsufficientExecutionStackException);
}
