using System.Text.Json;
using DefenderConnector.IntegrationTests.Support;

namespace DefenderConnector.IntegrationTests.Host;

/// <summary>
/// The reference host ships runtime settings the measured memory and CPU figures depend on (see the Event Hub
/// source README, "The large-object threshold", and the host's project file). Dropping one of them silently
/// brings back peaks over 256 MiB on backlogs of 1 MB messages or extra start-up CPU on every pull.
/// </summary>
public sealed class HostRuntimeSettingsTests
{
    private static JsonElement ConfigProperties()
    {
        string path = Path.Combine(RepoPaths.HostOutput, "defender-connector.runtimeconfig.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Fact]
    public void A_one_megabyte_event_hub_message_body_stays_below_the_large_object_threshold()
    {
        const int LargestEventHubsMessage = 1024 * 1024;
        long threshold = ConfigProperties().GetProperty("System.GC.LOHThreshold").GetInt64();
        Assert.True(threshold > LargestEventHubsMessage, $"System.GC.LOHThreshold is {threshold}; a 1 MB body would land on the large-object heap.");
    }

    [Fact]
    public void Tiered_pgo_stays_off_for_short_pull_processes()
    {
        Assert.False(ConfigProperties().GetProperty("System.Runtime.TieredPGO").GetBoolean());
    }
}
