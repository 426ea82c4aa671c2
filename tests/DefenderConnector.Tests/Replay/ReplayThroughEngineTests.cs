using System.Text;
using System.Text.Json;
using DefenderConnector.Configuration;
using DefenderConnector.Replay;
using static DefenderConnector.Tests.Replay.ReplaySamples;

namespace DefenderConnector.Tests.Replay;

/// <summary>Replay goes through the pull engine's reads, sink batches and dead-letter commits: long files keep their order and lines.</summary>
public sealed class ReplayThroughEngineTests
{
    [Fact]
    public async Task A_file_longer_than_one_read_and_one_sink_batch_keeps_input_order_and_dead_letter_lines()
    {
        // Bodies (messages to the engine) and single records (objects) alternate in runs, so reads switch kind
        // and the file spans several reads and several output.maxBatchEvents-sized sink batches.
        var lines = ConnectorOptions.DefaultMaxBatchEvents + 700;
        var input = new StringBuilder();
        var expected = new List<string>();
        var dead = new List<long>();
        for (var line = 1; line <= lines; line++)
        {
            if (line % 301 == 0)
            {
                input.Append("not json ").Append(line).Append('\n');
                dead.Add(line);
            }
            else if (line / 97 % 2 == 0)
            {
                input.Append(Body("DeviceProcessEvents", "DeviceFileEvents")).Append('\n');
                expected.Add(ReplayUid.ForFileRecord("export.jsonl", line, 0));
                expected.Add(ReplayUid.ForFileRecord("export.jsonl", line, 1));
            }
            else
            {
                input.Append(Record("DeviceInfo")).Append('\n');
                expected.Add(ReplayUid.ForFileRecord("export.jsonl", line, 0));
            }
        }

        var (summary, written) = await ReplayRunner.RunAsync(input.ToString());

        Assert.Equal(expected.Count, summary.EventsWritten);
        Assert.Equal(expected, written.Select(Uid));
        Assert.Equal(dead, summary.DeadLetters.Select(d => d.Line));
        Assert.All(summary.DeadLetters, d => Assert.Equal(("NotJson", (int?)null), (d.Reason, d.RecordIndex)));
        Assert.Equal(expected.Count, summary.EventsByTable.Values.Sum());
        Assert.Equal(expected.Count, summary.EventsByClass.Values.Sum());
    }

    private static string Uid(string ocsfLine)
    {
        using var document = JsonDocument.Parse(ocsfLine);
        return document.RootElement.GetProperty("metadata").GetProperty("uid").GetString()!;
    }
}
