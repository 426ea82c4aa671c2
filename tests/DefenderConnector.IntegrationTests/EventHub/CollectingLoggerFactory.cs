using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.IntegrationTests.EventHub;

/// <summary>Keeps every formatted log line (with exceptions), so tests can look for secrets and for named events.</summary>
internal sealed class CollectingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<(EventId Id, string Text)> _lines = new();
    private readonly ConcurrentDictionary<int, (int Count, TaskCompletionSource Reached, int Wanted)> _waits = new();

    public IEnumerable<string> Lines => _lines.Select(l => l.Text);

    public int Count(int eventId) => _lines.Count(l => l.Id.Id == eventId);

    /// <summary>Completes once <paramref name="count"/> lines with <paramref name="eventId"/> were logged.</summary>
    public Task WhenLogged(int eventId, int count)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waits[eventId] = (0, reached, count);
        if (Count(eventId) >= count)
        {
            reached.TrySetResult();
        }

        return reached.Task;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private void Add(EventId id, string text)
    {
        _lines.Enqueue((id, text));
        if (_waits.TryGetValue(id.Id, out var wait) && Count(id.Id) >= wait.Wanted)
        {
            wait.Reached.TrySetResult();
        }
    }

    private sealed class Logger(CollectingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add(eventId, $"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
