using System.CommandLine;
using DefenderConnector.Host.Health;
using DefenderConnector.Host.Scheduling;
using DefenderConnector.Host.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DefenderConnector.Host.Commands;

/// <summary>
/// <c>run</c>: pulls each source on its schedule under the generic host until Ctrl+C or SIGTERM. Under systemd
/// it reports readiness (<c>READY=1</c>) and stopping, and logs in journald's format; metrics and health
/// endpoints start when the <c>telemetry</c> section asks for them.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var plugin = CommonOptions.Plugin();
        var output = CommonOptions.Output();
        var verbose = CommonOptions.Verbose();
        var logFormat = new Option<LogFormat?>("--log-format")
        {
            Description = "simple (one line per entry; the default, journald's format under systemd) or json (one JSON object per line).",
        };
        var command = new Command("run", "Pull every configured source on its schedule (eventHub.pullInterval, default 5 minutes; 0 = continuous) until Ctrl+C or SIGTERM. Pulls of one source never overlap.")
        {
            config,
            plugin,
            output,
            verbose,
            logFormat,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.GuardAsync(async () =>
        {
            var settings = CommandRunner.ReadSettings(result.GetRequiredValue(config));
            var format = result.GetValue(logFormat) ?? (SystemdService.IsRunningUnder() ? LogFormat.Systemd : LogFormat.Simple);
            var isVerbose = result.GetValue(verbose);
            using var loggerFactory = Logging.Create(isVerbose, format);
            using var metrics = new HostMetrics();
            var runtime = ConnectorRuntime.Start(result.GetValue(plugin)?.FullName, settings, result.GetValue(output)?.FullName, loggerFactory, TimeProvider.System, metrics);
            await using (runtime.ConfigureAwait(false))
            {
                // Validated with the plugin's settings by ConnectorRuntime.Start.
                var telemetry = TelemetrySettingsReader.Read(settings).Options ?? TelemetryOptions.Off;
                var health = new HealthMonitor(telemetry.Thresholds, TimeProvider.System);
                metrics.AddObserver(health);
                using var export = TelemetryExport.Start(telemetry);
                var endpoint = telemetry.Health is { } listen ? await HealthEndpoint.StartAsync(listen, health, cancellationToken).ConfigureAwait(false) : null;
                try
                {
                    foreach (var source in runtime.Connector.Sources)
                    {
                        Console.WriteLine($"Scheduling {source.Name} every {(source.PullInterval == TimeSpan.Zero ? "moment (continuous)" : source.PullInterval.ToString())}: {source.DisplayName}");
                    }

                    Console.WriteLine($"Events go to the {runtime.Output.Kind} output {runtime.Output.Destination}. Press Ctrl+C to stop.");
                    if (telemetry.Prometheus is { } prometheus)
                    {
                        Console.WriteLine($"Metrics: http://{prometheus}/metrics");
                    }

                    if (endpoint is not null)
                    {
                        Console.WriteLine($"Health: {endpoint.Address}health/live, {endpoint.Address}health/ready, {endpoint.Address}health");
                    }

                    var totals = new RunTotals();
                    var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
                    Logging.Configure(builder.Logging, isVerbose, format);
                    SystemdService.AddLifetime(builder.Services);
                    builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = HostCli.StopGracePeriod);
                    builder.Services.AddHostedService(_ => new ConnectorService(runtime.Connector, health, totals.Add));
                    using var host = builder.Build();
                    await host.RunAsync(cancellationToken).ConfigureAwait(false);
                    Console.WriteLine(totals.Describe(runtime.Output));
                    return ExitCodes.Success;
                }
                finally
                {
                    if (endpoint is not null)
                    {
                        await endpoint.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }
        }, result.GetValue(verbose)));
        return command;
    }
}
