namespace DefenderConnector.Host.Outputs.Http;

/// <summary>
/// Packs events into requests of at most a byte budget, in order. An event that alone exceeds the budget goes
/// into <c>TooLarge</c> (the output dead-letters it) instead of a request the receiver would refuse.
/// </summary>
internal static class RequestPacker
{
    /// <param name="pending">Indexes of the events still to deliver, in batch order.</param>
    /// <param name="cost">The bytes event <c>i</c> adds to a request body (its envelope and separator included).</param>
    /// <param name="overhead">Bytes every request body has besides its events (an array's brackets).</param>
    /// <param name="maxBytes">The largest request body.</param>
    public static (List<List<int>> Requests, List<int> TooLarge) Pack(IReadOnlyList<int> pending, Func<int, int> cost, int overhead, int maxBytes)
    {
        var requests = new List<List<int>>();
        var tooLarge = new List<int>();
        List<int>? current = null;
        var size = overhead;
        foreach (var index in pending)
        {
            var bytes = cost(index);
            if (overhead + bytes > maxBytes)
            {
                tooLarge.Add(index);
                continue;
            }

            if (current is null || size + bytes > maxBytes)
            {
                current = [];
                requests.Add(current);
                size = overhead;
            }

            current.Add(index);
            size += bytes;
        }

        return (requests, tooLarge);
    }
}
