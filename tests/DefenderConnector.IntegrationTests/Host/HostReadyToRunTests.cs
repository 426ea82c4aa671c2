using System.Reflection.PortableExecutable;
using DefenderConnector.IntegrationTests.Support;

namespace DefenderConnector.IntegrationTests.Host;

/// <summary>
/// A Release build of the host and the plugin carries ReadyToRun code (src/ReadyToRun.targets), so a
/// `pull` process starts from native code instead of JIT-compiling the host, the plugin and the Event Hubs
/// SDK first (about 0.9 CPU seconds of every cold pull). Losing it silently would bring that cost back.
/// </summary>
public sealed class HostReadyToRunTests
{
    [Theory]
    [InlineData("defender-connector.dll")]
    [InlineData("System.CommandLine.dll")]
    [InlineData("plugins/DefenderConnector/DefenderConnector.dll")]
    [InlineData("plugins/DefenderConnector/Azure.Messaging.EventHubs.dll")]
    [InlineData("plugins/DefenderConnector/Microsoft.Azure.Amqp.dll")]
    public void Release_build_output_is_compiled_ahead_of_time(string file)
    {
        var path = Path.Combine(RepoPaths.HostOutput, file);
        if (RepoPaths.Configuration != "Release")
        {
            // Debug builds stay IL only (fast edit-build cycles); the shipped build is Release.
            return;
        }

        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        // A ReadyToRun image has a managed native header (the READYTORUN_HEADER) in its CLI header.
        var header = pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory;
        Assert.True(header is { Size: > 0 }, $"{file} in {RepoPaths.HostOutput} carries no ReadyToRun code.");
    }
}
