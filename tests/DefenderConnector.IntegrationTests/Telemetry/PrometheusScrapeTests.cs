using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using DefenderConnector.Abstractions;
using DefenderConnector.Host;
using DefenderConnector.Host.Telemetry;
using DefenderConnector.IntegrationTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DefenderConnector.IntegrationTests.Telemetry;

/// <summary>
/// A pull from the emulator through the real plugin and the file output, with the Prometheus endpoint on
/// loopback: scraped over HTTP while the pull runs and after it, the counters and the lag match what was
/// published and delivered.
/// </summary>
public sealed class PrometheusScrapeTests
{
    private const int Partitions = 2;
    private const int MessagesPerPartition = 400;
    private const int RecordsPerMessage = 5;

    [Fact]
    public async Task Scrapes_during_and_after_a_pull_show_what_was_read_delivered_and_the_lag()
    {
        await using var backlog = await EventHubBacklog.StartAsync("metrics", Partitions, MessagesPerPartition, RecordsPerMessage, "t-metrics");
        var folder = Directory.CreateTempSubdirectory("dc-metrics-").FullName;
        try
        {
            var port = FreePort();
            var settingsPath = Path.Combine(folder, "settings.json");
            var environment = await backlog.WriteSettingsAsync(settingsPath, "DC_METRICS_KEY", "\"batchMessages\": 20");
            var json = (await File.ReadAllTextAsync(settingsPath)).TrimEnd().TrimEnd('}') + $$""", "telemetry": { "prometheus": { "listen": "127.0.0.1:{{port}}" } } }""";
            await File.WriteAllTextAsync(settingsPath, json);
            var settings = ConnectorSettings.FromFile(settingsPath, name => environment.GetValueOrDefault(name));

            using var metrics = new HostMetrics();
            var runtime = ConnectorRuntime.Start(RepoPaths.PluginDirectory, settings, null, NullLoggerFactory.Instance, TimeProvider.System, metrics);
            await using (runtime)
            {
                var options = TelemetrySettingsReader.Read(settings).Options!;
                using var export = TelemetryExport.Start(options);
                Assert.NotNull(export);
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };

                // Scrape while the pull runs: each scrape sees at most what was published.
                var pull = runtime.Connector.PullAsync("eventhub", CancellationToken.None);
                var during = new List<double>();
                while (!pull.IsCompleted)
                {
                    var text = await http.GetStringAsync("metrics");
                    during.Add(Sum(text, "connector_events_sent_total"));
                }

                var summary = await pull;
                Assert.Null(summary.Error);
                Assert.Equal(backlog.Total, summary.EventsDelivered);
                Assert.NotEmpty(during);
                Assert.All(during, d => Assert.InRange(d, 0, backlog.Total));

                var after = await http.GetStringAsync("metrics");
                Assert.Equal(backlog.Total, Sum(after, "connector_events_sent_total"));
                Assert.Equal(summary.BytesDelivered, Sum(after, "connector_bytes_sent_bytes_total"));
                for (var p = 0; p < Partitions; p++)
                {
                    var partition = p.ToString(CultureInfo.InvariantCulture);
                    Assert.Equal(MessagesPerPartition, Sum(after, "connector_messages_read_total", partition));
                    Assert.Equal(MessagesPerPartition * RecordsPerMessage, Sum(after, "connector_events_sent_total", partition));
                    Assert.Equal(0, Sum(after, "eventhub_partition_lag", partition));
                    Assert.Equal(MessagesPerPartition - 1, Sum(after, "eventhub_partition_position", partition));
                    Assert.True(Sum(after, "eventhub_partition_lag_seconds", partition) >= 0);
                }

                Assert.Equal(1, Sum(after, "connector_pulls_total"));
                Assert.True(Sum(after, "output_batches_total") >= 1);
                Assert.Equal(0, Sum(after, "output_failures_total"));

                // Publish more: the next pull starts with a lag of exactly what waits, and ends at zero again.
                for (var m = 0; m < 7; m++)
                {
                    backlog.Emulator.Publish("0", System.Text.Encoding.UTF8.GetBytes("""{"records":[{"time":"2026-01-01T00:00:00Z","category":"AdvancedHunting-DeviceEvents","properties":{}}]}"""));
                }

                var second = await runtime.Connector.PullAsync("eventhub", CancellationToken.None);
                Assert.Equal(7, second.EventsDelivered);
                var last = await http.GetStringAsync("metrics");
                Assert.Equal(backlog.Total + 7, Sum(last, "connector_events_sent_total"));
                Assert.Equal(0, Sum(last, "eventhub_partition_lag", "0"));
                Assert.Equal(2, Sum(last, "connector_pulls_total"));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The sum of a metric's samples, optionally only of one partition.</summary>
    private static double Sum(string exposition, string metric, string? partition = null)
    {
        var total = 0.0;
        foreach (Match match in Regex.Matches(exposition, $@"^{Regex.Escape(metric)}\{{([^}}]*)\}} (\S+)", RegexOptions.Multiline))
        {
            if (partition is null || match.Groups[1].Value.Contains($"partition=\"{partition}\"", StringComparison.Ordinal))
            {
                total += double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
