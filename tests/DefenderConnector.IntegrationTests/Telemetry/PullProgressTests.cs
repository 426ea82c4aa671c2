using DefenderConnector.Host.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace DefenderConnector.IntegrationTests.Telemetry;

/// <summary>Progress of a long pull from the plugin's measurements: the line's content, and plain periodic lines when not in a terminal (fake clock).</summary>
public sealed class PullProgressTests
{
    [Fact]
    public async Task Shows_events_megabytes_rate_partitions_against_their_tails_and_time_left()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var output = new StringWriter();
        await using (var progress = new PullProgress(TextWriter.Synchronized(output), interactive: false, clock))
        {
            using var metrics = new HostMetrics();
            metrics.AddObserver(progress);
            metrics.Record("eventhub.partition_tail", 999, new("source", "eventhub"), new("partition", "0"));
            metrics.Record("eventhub.partition_tail", 1999, new("source", "eventhub"), new("partition", "1"));
            metrics.Record("eventhub.partition_position", 499, new("source", "eventhub"), new("partition", "0"));
            metrics.Record("eventhub.partition_position", 999, new("source", "eventhub"), new("partition", "1"));
            metrics.Add("connector.messages_read", 1500, new("source", "eventhub"), new("partition", "0"));
            metrics.Add("connector.events_sent", 15000, new("source", "eventhub"), new("partition", "0"));
            metrics.Add("connector.bytes_sent", 25_000_000, new("source", "eventhub"), new("partition", "0"));

            clock.Advance(PullProgress.PlainInterval);

            // 1500 messages in 10 s; 1500 wait (500 + 1000): 10 s left.
            const string Expected = "15000 events, 25.0 MB, 1500 events/s | p0 499/999 | p1 999/1999 | 00:00:10 left";
            Assert.Equal(Expected, progress.Line());
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (!output.ToString().Contains("progress: " + Expected, StringComparison.Ordinal))
            {
                await Task.Delay(20, deadline.Token);
            }
        }

        Assert.DoesNotContain("\u001b", output.ToString(), StringComparison.Ordinal);
    }
}
