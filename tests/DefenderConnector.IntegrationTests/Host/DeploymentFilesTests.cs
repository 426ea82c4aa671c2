using System.Text.Json;
using System.Text.RegularExpressions;
using DefenderConnector.Abstractions;
using DefenderConnector.Host.Telemetry;
using DefenderConnector.IntegrationTests.Support;

namespace DefenderConnector.IntegrationTests.Host;

/// <summary>
/// The systemd unit and the container recipe in <c>deploy/</c>, parsed: the documented paths, the unprivileged
/// user, the notify protocol, the volume, and a settings file that the plugin and the host accept.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private const string Program = "/opt/defender-connector";
    private const string Settings = "/etc/defender-connector/settings.json";
    private const string Data = "/var/lib/defender-connector";

    private static string Deploy => Path.Combine(RepoPaths.Root, "deploy");

    [Fact]
    public void The_systemd_unit_runs_the_host_as_a_notify_service_of_its_own_user_with_only_the_data_folder_writable()
    {
        var unit = ParseUnit(File.ReadAllLines(Path.Combine(Deploy, "defender-connector.service")));
        var service = unit["Service"];
        Assert.Equal("notify", service["Type"].Single());
        Assert.Equal("defender-connector", service["User"].Single());
        Assert.Equal("defender-connector", service["Group"].Single());
        Assert.Equal($"/usr/bin/dotnet {Program}/defender-connector.dll run --config {Settings}", service["ExecStart"].Single());
        Assert.Equal(Data, service["WorkingDirectory"].Single());
        Assert.Equal("defender-connector", service["StateDirectory"].Single());
        Assert.Equal("strict", service["ProtectSystem"].Single());
        Assert.Equal(Data, service["ReadWritePaths"].Single());
        Assert.Equal("SIGTERM", service["KillSignal"].Single());

        // Longer than the host's own grace period, so systemd never kills a batch the host is finishing.
        Assert.True(int.Parse(service["TimeoutStopSec"].Single(), System.Globalization.CultureInfo.InvariantCulture) > DefenderConnector.Host.HostCli.StopGracePeriod.TotalSeconds);
        Assert.Equal("multi-user.target", unit["Install"]["WantedBy"].Single());
    }

    [Fact]
    public void The_container_recipe_runs_as_a_fixed_non_root_user_with_state_and_output_on_a_volume()
    {
        var instructions = ParseContainerfile(File.ReadAllText(Path.Combine(Deploy, "Containerfile")));
        var runtime = instructions.SkipWhile(i => !(i.Name == "FROM" && i.Argument.Contains("RUNTIME_IMAGE", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(runtime);

        var user = runtime.Single(i => i.Name == "USER").Argument;
        Assert.Equal("10001:10001", user);
        var created = runtime.Single(i => i.Name == "RUN" && i.Argument.Contains("useradd", StringComparison.Ordinal)).Argument;
        Assert.Matches(UserAdd(), created);
        Assert.Contains("chown 10001:10001 " + Data, created, StringComparison.Ordinal);

        Assert.Equal([Data], JsonSerializer.Deserialize<string[]>(runtime.Single(i => i.Name == "VOLUME").Argument)!);
        Assert.Equal(Data, runtime.Single(i => i.Name == "WORKDIR").Argument);
        Assert.Contains($"/app {Program}", runtime.Single(i => i.Name == "COPY").Argument, StringComparison.Ordinal);
        Assert.Equal(["dotnet", $"{Program}/defender-connector.dll", "run", "--config", Settings], JsonSerializer.Deserialize<string[]>(runtime.Single(i => i.Name == "ENTRYPOINT").Argument)!);
        Assert.Contains("DOTNET_EnableDiagnostics=0", runtime.Single(i => i.Name == "ENV").Argument, StringComparison.Ordinal);
        Assert.Equal("SIGTERM", runtime.Single(i => i.Name == "STOPSIGNAL").Argument);

        // USER comes after every RUN of the runtime stage: nothing runs as root at run time.
        Assert.True(runtime.FindIndex(i => i.Name == "USER") > runtime.FindLastIndex(i => i.Name == "RUN"));
    }

    [Fact]
    public void The_documented_settings_keep_state_and_output_on_the_volume_and_are_valid()
    {
        var path = Path.Combine(Deploy, "settings.container.json");
        var settings = ConnectorSettings.FromFile(path, name => name == "DC_SAS_KEY" ? Convert.ToBase64String(new byte[32]) : null);
        using var document = JsonDocument.Parse(settings.Json);
        Assert.StartsWith(Data + "/", document.RootElement.GetProperty("state").GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.StartsWith(Data + "/", document.RootElement.GetProperty("output").GetProperty("path").GetString(), StringComparison.Ordinal);

        var validation = new DefenderConnectorPlugin().Validate(settings);
        Assert.True(validation.IsValid, validation.ToString());
        var (telemetry, problems) = TelemetrySettingsReader.Read(settings);
        Assert.Empty(problems);
        Assert.Equal(9464, telemetry!.Prometheus!.Port);
        Assert.Equal(8080, telemetry.Health!.Port);

        var readme = File.ReadAllText(Path.Combine(Deploy, "README.md"));
        foreach (var documented in new[] { Program, Settings, Data, "defender-connector", "10001", "/health/live", "/health/ready" })
        {
            Assert.Contains(documented, readme, StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, Dictionary<string, List<string>>> ParseUnit(string[] lines)
    {
        var sections = new Dictionary<string, Dictionary<string, List<string>>>(StringComparer.Ordinal);
        Dictionary<string, List<string>>? current = null;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                current = [];
                sections[line.Trim('[', ']')] = current;
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            Assert.True(current is not null && equals > 0, $"Not a unit file line: {line}");
            var key = line[..equals];
            if (!current!.TryGetValue(key, out var values))
            {
                values = [];
                current[key] = values;
            }

            values.Add(line[(equals + 1)..]);
        }

        return sections;
    }

    private static List<(string Name, string Argument)> ParseContainerfile(string text)
    {
        var joined = text.Replace("\\\n", " ", StringComparison.Ordinal);
        var result = new List<(string, string)>();
        foreach (var raw in joined.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            Assert.True(space > 0, $"Not an instruction: {line}");
            result.Add((line[..space].ToUpperInvariant(), Regex.Replace(line[(space + 1)..].Trim(), @"\s+", " ")));
        }

        return result;
    }

    [GeneratedRegex(@"useradd --system --uid 10001 --gid defender-connector .*defender-connector$")]
    private static partial Regex UserAdd();
}
