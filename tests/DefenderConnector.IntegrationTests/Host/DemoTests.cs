using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DefenderConnector.IntegrationTests.Support;
using DefenderConnector.Tests.Ocsf;

namespace DefenderConnector.IntegrationTests.Host;

/// <summary>The demo a new user runs first: it works with nothing set up, and what it writes is valid, properly classed OCSF.</summary>
public sealed partial class DemoTests
{
    [Fact]
    public async Task TheDemoPullsTheSamplesIntoValidOcsfEventsOfTheirOwnClasses()
    {
        var folder = Directory.CreateTempSubdirectory("dc-demo-").FullName;
        try
        {
            var (exit, output, error) = await HostProcess.RunAsync(["demo", "--output-dir", folder]);

            Assert.True(exit == 0, output + error);
            Assert.Contains("Pull of eventhub: CaughtUp; 101 events from 23 messages, 2 dead letters", output);
            Assert.Contains("Pull of graph: CaughtUp; 7 events from 7 messages, 0 dead letters", output);
            Assert.Contains("--- Incident Finding (Graph incidents) ---", output);
            Assert.Contains("--- Detection Finding (Graph alerts) ---", output);
            Assert.Contains("(Event Hub stream) ---", output);
            Assert.Matches(EventsLine(), output);
            var lines = await File.ReadAllLinesAsync(Path.Combine(folder, "events.jsonl"));
            Assert.Equal(108, lines.Length);

            var apiClasses = new List<string>();
            var baseEvents = new List<string>();
            foreach (var line in lines)
            {
                var errors = OcsfValidator.Shared.Validate(Encoding.UTF8.GetBytes(line));
                Assert.True(errors.Count == 0, string.Join("; ", errors) + "\n" + line);
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.GetProperty("metadata").GetProperty("log_name").GetString() is "Incidents" or "Alerts")
                {
                    apiClasses.Add(document.RootElement.GetProperty("class_name").GetString()!);
                }

                if (document.RootElement.GetProperty("class_uid").GetInt32() == 0)
                {
                    baseEvents.Add(document.RootElement.GetProperty("metadata").GetProperty("log_name").GetString()!);
                }
            }

            // The sample incidents and alerts from the Graph stand-in sit beside the stream events.
            Assert.Equal(3, apiClasses.Count(c => c == "Incident Finding"));
            Assert.Equal(4, apiClasses.Count(c => c == "Detection Finding"));

            // Only the table no mapper knows falls back to Base Event.
            Assert.Equal(["DeviceTvmSoftwareInventory"], baseEvents);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [GeneratedRegex(@"Events written to .*events\.jsonl")]
    private static partial Regex EventsLine();
}
