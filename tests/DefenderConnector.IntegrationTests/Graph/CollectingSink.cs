using System.Text;
using System.Text.Json;
using DefenderConnector.Abstractions;

namespace DefenderConnector.IntegrationTests.Graph;

/// <summary>A sink that keeps every delivered event (as text) for assertions.</summary>
internal sealed class CollectingSink : IEventSink
{
    private readonly object _gate = new();
    private readonly List<string> _events = [];

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_gate)
            {
                return _events.ToArray();
            }
        }
    }

    /// <summary>The <c>metadata.uid</c> of every event, in delivery order.</summary>
    public IReadOnlyList<string> Uids => Events.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("metadata").GetProperty("uid").GetString()!).ToArray();

    public void Clear()
    {
        lock (_gate)
        {
            _events.Clear();
        }
    }

    public ValueTask WriteAsync(EventBatch batch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _events.AddRange(batch.Events.Select(e => Encoding.UTF8.GetString(e.Span)));
        }

        return ValueTask.CompletedTask;
    }
}
