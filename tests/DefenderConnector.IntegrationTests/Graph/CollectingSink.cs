using System.Text;
using System.Text.Json;
using DefenderConnector.Abstractions;

namespace DefenderConnector.IntegrationTests.Graph;

/// <summary>A sink that keeps every delivered event (as text) for assertions.</summary>
internal sealed class CollectingSink : IEventSink
{
    private readonly List<string> _invalid = [];
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

    /// <summary>Validation errors of every event received that is not valid OCSF 1.8.0 (checked when the testbed is disposed).</summary>
    public IReadOnlyList<string> InvalidEvents
    {
        get
        {
            lock (_gate)
            {
                return _invalid.ToArray();
            }
        }
    }

    public ValueTask WriteAsync(EventBatch batch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _events.AddRange(batch.Events.Select(e => Encoding.UTF8.GetString(e.Span)));
            foreach (var item in batch.Events)
            {
                var errors = DefenderConnector.Tests.Ocsf.OcsfValidator.Shared.Validate(item.Span);
                if (errors.Count > 0)
                {
                    _invalid.Add($"{string.Join("; ", errors)} in {Encoding.UTF8.GetString(item.Span)}");
                }
            }
        }

        return ValueTask.CompletedTask;
    }
}
