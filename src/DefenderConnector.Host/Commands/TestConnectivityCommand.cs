using System.CommandLine;

namespace DefenderConnector.Host.Commands;

/// <summary><c>test-connectivity</c>: checks every hop to each configured source; moves no checkpoint.</summary>
internal static class TestConnectivityCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var plugin = CommonOptions.Plugin();
        var source = CommonOptions.Source();
        var verbose = CommonOptions.Verbose();
        var command = new Command("test-connectivity", "Check DNS, TCP, TLS, authentication, authorization and the configured entities of each source, then the configured output (TCP, TLS, session), hop by hop. Exit 0 when every tested source and the output are usable (with or without events yet), 3 otherwise.")
        {
            config,
            plugin,
            source,
            verbose,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.GuardAsync(async () =>
        {
            var settings = CommandRunner.ReadSettings(result.GetRequiredValue(config));
            using var loggerFactory = Logging.Create(result.GetValue(verbose));
            // A file output is probed on a throw-away file, so test-connectivity never creates the real one.
            var fileOutput = Outputs.OutputSettingsReader.Read(settings, null).Plan is null or { Kind: Outputs.OutputKind.File };
            var probeFile = fileOutput ? Path.Combine(Path.GetTempPath(), $"defender-connector-probe-{Guid.NewGuid():N}.jsonl") : null;
            var runtime = ConnectorRuntime.Start(result.GetValue(plugin)?.FullName, settings, probeFile, loggerFactory, TimeProvider.System);
            await using (runtime.ConfigureAwait(false))
            {
                var failed = false;
                foreach (var descriptor in Selected(runtime, result.GetValue(source)))
                {
                    var report = await runtime.Connector.TestConnectivityAsync(descriptor, cancellationToken).ConfigureAwait(false);
                    ConsoleReports.WriteConnectivity(Console.Out, report);
                    failed |= !report.Succeeded;
                }

                if (runtime.Output is Outputs.FileOutput probed)
                {
                    File.Delete(probed.Destination);
                }
                else
                {
                    var report = await runtime.Output.ProbeAsync(cancellationToken).ConfigureAwait(false);
                    ConsoleReports.WriteConnectivity(Console.Out, report);
                    failed |= !report.Succeeded;
                }

                return failed ? ExitCodes.ConnectivityFailed : ExitCodes.Success;
            }
        }, result.GetValue(verbose)));
        return command;
    }

    internal static IEnumerable<string> Selected(ConnectorRuntime runtime, string? source)
    {
        if (source is null)
        {
            return runtime.Connector.Sources.Select(s => s.Name);
        }

        if (runtime.Connector.Sources.FirstOrDefault(s => string.Equals(s.Name, source, StringComparison.OrdinalIgnoreCase)) is { } match)
        {
            return [match.Name];
        }

        // A tenant's name selects all its sources (<tenant>/<kind>).
        var tenant = runtime.Connector.Sources.Where(s => s.Name.StartsWith(source + "/", StringComparison.OrdinalIgnoreCase)).Select(s => s.Name).ToArray();
        return tenant.Length > 0
            ? tenant
            : throw new DefenderConnector.Abstractions.ConnectorSettingsException(new DefenderConnector.Abstractions.SettingsValidation(
                [new("--source", $"'{source}' is not configured; configured sources: {string.Join(", ", runtime.Connector.Sources.Select(s => s.Name))}.")]));
    }
}
