using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using DefenderConnector.IntegrationTests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace DefenderConnector.IntegrationTests.Host;

/// <summary>
/// <c>run</c> as systemd runs it: the host tells the service manager it is ready (<c>READY=1</c> on
/// <c>NOTIFY_SOCKET</c>), logs in journald's format, and on SIGTERM says it is stopping, ends the batch in
/// flight and exits 0, with every event up to each partition's checkpoint delivered.
/// </summary>
public sealed class ServiceHostTests(ITestOutputHelper output)
{
    private const int Partitions = 2;
    private const int MessagesPerPartition = 1500;
    private const int RecordsPerMessage = 10;
    private const int BatchMessages = 2;
    private const string Hub = "service";

    [Fact]
    public async Task Run_under_systemd_notifies_ready_and_stops_on_SIGTERM_with_checkpoints_matching_delivery()
    {
        await using var backlog = await EventHubBacklog.StartAsync(Hub, Partitions, MessagesPerPartition, RecordsPerMessage, "t-svc");
        var folder = Directory.CreateTempSubdirectory("dc-service-").FullName;
        try
        {
            var settings = Path.Combine(folder, "settings.json");
            var events = Path.Combine(folder, "events.jsonl");
            var environment = await backlog.WriteSettingsAsync(settings, "DC_SVC_KEY", $"\"batchMessages\": {BatchMessages}");
            var socketPath = Path.Combine(folder, "notify.sock");
            using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            notify.Bind(new UnixDomainSocketEndPoint(socketPath));
            environment["NOTIFY_SOCKET"] = socketPath;
            var received = new StringBuilder();
            var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _ = Task.Run(async () =>
            {
                var buffer = new byte[4096];
                while (true)
                {
                    int n;
                    try
                    {
                        n = await notify.ReceiveAsync(buffer, SocketFlags.None);
                    }
                    catch (Exception e) when (e is SocketException or ObjectDisposedException)
                    {
                        return;
                    }

                    var text = Encoding.UTF8.GetString(buffer, 0, n);
                    lock (received)
                    {
                        received.AppendLine(text);
                    }

                    if (text.Contains("READY=1", StringComparison.Ordinal))
                    {
                        ready.TrySetResult();
                    }

                    if (text.Contains("STOPPING=1", StringComparison.Ordinal))
                    {
                        stopping.TrySetResult();
                    }
                }
            });

            using (var run = HostProcess.StartAsSystemdService(["run", "--config", settings], environment, folder))
            {
                await ready.Task.WaitAsync(TimeSpan.FromMinutes(2));
                using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
                {
                    while (EventHubBacklog.CountLines(events) < 1000)
                    {
                        await Task.Delay(10, timeout.Token);
                    }
                }

                using (var term = System.Diagnostics.Process.Start("kill", ["-TERM", run.Id.ToString(CultureInfo.InvariantCulture)]))
                {
                    await term.WaitForExitAsync();
                }

                var exit = await run.WaitForExitAsync(TimeSpan.FromMinutes(2));
                output.WriteLine($"exit {exit}\n{run.StandardOutput}\n{run.StandardError}");
                Assert.Equal(0, exit);
                await stopping.Task.WaitAsync(TimeSpan.FromSeconds(30));
                Assert.Contains("Pull of eventhub: Cancelled", run.StandardOutput, StringComparison.Ordinal);

                // journald's format: each log line starts with its syslog priority, <6> for information.
                Assert.Contains("<6>", run.StandardError, StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
            }

            var delivered = new HashSet<string>(StringComparer.Ordinal);
            foreach (var line in await File.ReadAllLinesAsync(events))
            {
                using var document = JsonDocument.Parse(line);
                delivered.Add(document.RootElement.GetProperty("metadata").GetProperty("uid").GetString()!);
            }

            Assert.True(delivered.Count < backlog.Total, "The pull finished before SIGTERM arrived; nothing was tested.");
            var checkpoints = ReadCheckpoints(Path.Combine(folder, "state.db"));
            var covered = 0;
            for (var p = 0; p < Partitions; p++)
            {
                var partition = p.ToString(CultureInfo.InvariantCulture);
                var checkpoint = checkpoints.GetValueOrDefault(partition, -1);
                var beyond = 0;
                for (var seq = 0; seq < MessagesPerPartition; seq++)
                {
                    for (var r = 0; r < RecordsPerMessage; r++)
                    {
                        var uid = Mapping.EventUid.ForEventHubRecord("127.0.0.1", Hub, partition, seq, r);
                        if (seq <= checkpoint)
                        {
                            // Nothing lost: every event up to the checkpoint reached the output.
                            Assert.Contains(uid, delivered);
                            covered++;
                        }
                        else if (delivered.Contains(uid))
                        {
                            beyond++;
                        }
                    }
                }

                // At most the one batch in flight was written without its checkpoint (read again next time).
                Assert.InRange(beyond, 0, BatchMessages * RecordsPerMessage);
            }

            Assert.True(covered > 0, "No checkpoint was committed before SIGTERM.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Dictionary<string, long> ReadCheckpoints(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT partition, sequence_number FROM checkpoints;";
        using var reader = command.ExecuteReader();
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            result[reader.GetString(0)] = reader.GetInt64(1);
        }

        return result;
    }
}
