namespace DefenderConnector.Emulator.Http;

/// <summary>Per-route queues of scripted faults; each matching request consumes the first matching fault.</summary>
public sealed class FaultScript
{
    private readonly object _gate = new();
    private readonly Dictionary<EmulatedRoute, List<ScriptedFault>> _queues = [];

    /// <summary>Queues <paramref name="faults"/> for <paramref name="route"/>, in order.</summary>
    public void Enqueue(EmulatedRoute route, params ScriptedFault[] faults)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue(route, out var queue))
            {
                _queues[route] = queue = [];
            }

            queue.AddRange(faults);
        }
    }

    /// <summary>Queues the same fault <paramref name="times"/> times.</summary>
    public void Repeat(EmulatedRoute route, ScriptedFault fault, int times) => Enqueue(route, Enumerable.Repeat(fault, times).ToArray());

    /// <summary>Faults still queued for a route.</summary>
    public int Pending(EmulatedRoute route)
    {
        lock (_gate)
        {
            return _queues.TryGetValue(route, out var queue) ? queue.Count : 0;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _queues.Clear();
        }
    }

    internal ScriptedFault? Take(EmulatedRoute route, string query)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue(route, out var queue))
            {
                return null;
            }

            var index = queue.FindIndex(f => f.QueryContains is null || query.Contains(f.QueryContains, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                return null;
            }

            var fault = queue[index];
            queue.RemoveAt(index);
            return fault;
        }
    }
}
