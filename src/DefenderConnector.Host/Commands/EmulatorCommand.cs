using System.CommandLine;
using DefenderConnector.Emulator.EventHubs;

namespace DefenderConnector.Host.Commands;

/// <summary><c>emulator</c>: runs the local Event Hubs emulator (AMQP 1.0, plain or TLS) until Ctrl+C.</summary>
internal static class EmulatorCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port", "-p") { Description = "Port to listen on (0 picks a free one).", DefaultValueFactory = _ => 5672 };
        var host = new Option<string>("--host") { Description = "Loopback address to listen on (a 127.x.y.z of its own lets a client that always dials 5671 reach it).", DefaultValueFactory = _ => "127.0.0.1" };
        var hub = new Option<string>("--hub") { Description = "Event hub name.", DefaultValueFactory = _ => "defender" };
        var partitions = new Option<int>("--partitions") { Description = "Partition count.", DefaultValueFactory = _ => 4 };
        var policies = new Option<string[]>("--policy")
        {
            Description = "A SAS policy as name=key; repeat for several. Give the key as env:NAME to keep it off the command line.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var groups = new Option<string[]>("--consumer-group") { Description = "An extra consumer group ($Default always exists); repeat for several." };
        var load = new Option<FileInfo?>("--load") { Description = "A JSON-lines file of Defender records (or whole {\"records\":[...]} messages) to publish at start." };
        var perMessage = new Option<int>("--records-per-message") { Description = "Records packed into each message by --load.", DefaultValueFactory = _ => 10 };
        var tls = new Option<bool>("--tls") { Description = "Serve AMQP over TLS with a generated self-signed certificate; its public part is written to ./emulator-cert.pem." };
        var webSockets = new Option<bool>("--websockets") { Description = "Also serve AMQP over secure WebSockets (wss://localhost:<port>/$servicebus/websocket, as the service does on 443) with the same certificate." };
        var webSocketPort = new Option<int>("--websocket-port") { Description = "The WebSocket (HTTPS) port for --websockets; 0 picks a free one.", DefaultValueFactory = _ => 0 };
        var siem = new Option<string?>("--siem") { Description = "Also serve the SIEM receivers' stand-ins (Splunk HEC, Elasticsearch _bulk, Logs Ingestion and its Entra token endpoint) over HTTPS on loopback; the value is their one secret (HEC token, API key, client secret), as env:NAME." };
        var siemPort = new Option<int>("--siem-port") { Description = "The stand-ins' HTTPS port for --siem; 0 picks a free one.", DefaultValueFactory = _ => 0 };
        var command = new Command("emulator", "Run the local Event Hubs emulator: a real AMQP 1.0 server with SAS checks, $management, partition receivers, owner levels and producers. Stops on Ctrl+C.")
        {
            port, host, hub, partitions, policies, groups, load, perMessage, tls, webSockets, webSocketPort, siem, siemPort,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.GuardAsync(async () =>
        {
            var options = new EventHubEmulatorOptions
            {
                Host = result.GetRequiredValue(host),
                Port = result.GetValue(port),
                HubName = result.GetRequiredValue(hub),
                PartitionCount = result.GetValue(partitions),
                UseTls = result.GetValue(tls),
                UseWebSockets = result.GetValue(webSockets),
                WebSocketPort = result.GetValue(webSocketPort),
                LoadFile = result.GetValue(load)?.FullName,
                RecordsPerMessage = result.GetValue(perMessage),
            };
            foreach (var policy in result.GetRequiredValue(policies))
            {
                var eq = policy.IndexOf('=');
                if (eq <= 0 || eq == policy.Length - 1)
                {
                    await Console.Error.WriteLineAsync($"--policy must be name=key (or name=env:NAME), found '{(eq > 0 ? policy[..eq] + "=..." : policy)}'.").ConfigureAwait(false);
                    return ExitCodes.InvalidSettings;
                }

                var key = policy[(eq + 1)..];
                if (key.StartsWith("env:", StringComparison.Ordinal))
                {
                    key = Environment.GetEnvironmentVariable(key[4..]) ?? string.Empty;
                    if (key.Length == 0)
                    {
                        await Console.Error.WriteLineAsync($"--policy {policy[..eq]}: the environment variable is not set.").ConfigureAwait(false);
                        return ExitCodes.InvalidSettings;
                    }
                }

                options.Policies[policy[..eq]] = key;
            }

            foreach (var group in result.GetValue(groups) ?? [])
            {
                options.ConsumerGroups.Add(group);
            }

            await using var emulator = new EventHubEmulator(options);
            await emulator.StartAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"Event Hubs emulator listening on {(options.UseTls ? "amqps" : "amqp")}://{options.Host}:{emulator.Port}, hub '{emulator.HubName}' with {emulator.PartitionIds.Count} partitions.");
            if (options.UseWebSockets)
            {
                Console.WriteLine($"AMQP over WebSockets on wss://localhost:{emulator.WebSocketPort}/$servicebus/websocket (subprotocol AMQPWSB10 or amqp).");
            }

            if (emulator.Certificate is not null)
            {
                var pem = Path.GetFullPath("emulator-cert.pem");
                EmulatorCertificate.WritePublicPem(emulator.Certificate, pem);
                Console.WriteLine($"TLS certificate (trust it with eventHub.trustedCertificate): {pem}");
            }

            foreach (var name in options.Policies.Keys)
            {
                Console.WriteLine($"Connection string for policy '{name}': Endpoint=sb://{emulator.ClientHost}:{emulator.Port};SharedAccessKeyName={name};SharedAccessKey=<the key you gave>;EntityPath={emulator.HubName}{(options.UseTls ? string.Empty : ";UseDevelopmentEmulator=true")}");
            }

            Emulator.Http.DefenderApiEmulator? standIns = null;
            if (result.GetValue(siem) is { } reference)
            {
                var secret = reference.StartsWith("env:", StringComparison.Ordinal) ? Environment.GetEnvironmentVariable(reference[4..]) : null;
                if (string.IsNullOrEmpty(secret))
                {
                    await Console.Error.WriteLineAsync("--siem must be env:NAME naming a set environment variable (the stand-ins' secret).").ConfigureAwait(false);
                    return ExitCodes.InvalidSettings;
                }

                standIns = await EmulatorSiem.StartAsync(result.GetValue(siemPort), secret, Path.GetFullPath("siem-standin-cert.pem"), cancellationToken).ConfigureAwait(false);
            }

            await using var stopStandIns = new AsyncDisposer(standIns);
            Console.WriteLine("Press Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
