using DefenderConnector.Abstractions;
using DefenderConnector.Host.Outputs;

namespace DefenderConnector.Host.Scheduling;

/// <summary><c>run</c>'s running totals; each pull's summary is printed as it ends.</summary>
internal sealed class RunTotals
{
    private readonly object _sync = new();
    private long _pulls;
    private long _events;
    private long _deadLetters;
    private long _failed;

    public void Add(PullSummary summary)
    {
        lock (_sync)
        {
            ConsoleReports.WriteSummary(Console.Out, summary);
            _pulls++;
            _events += summary.EventsDelivered;
            _deadLetters += summary.DeadLettered;
            _failed += summary.StopReason == "Failed" ? 1 : 0;
        }
    }

    public string Describe(IOutput output)
    {
        lock (_sync)
        {
            return $"Stopped after {_pulls} pulls ({_failed} failed): {_events} events delivered to the {output.Kind} output {output.Destination}, {_deadLetters} dead letters.";
        }
    }
}
