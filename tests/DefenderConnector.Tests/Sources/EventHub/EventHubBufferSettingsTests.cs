using DefenderConnector.Abstractions;
using DefenderConnector.Configuration;
using DefenderConnector.Sources.EventHub;

namespace DefenderConnector.Tests.Sources.EventHub;

/// <summary>eventHub.prefetchBytes and eventHub.batchBytes: byte bounds on a receiver's memory, validated at start-up naming the setting.</summary>
public sealed class EventHubBufferSettingsTests : IDisposable
{
    private readonly Fakes.TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void By_default_the_prefetch_cache_and_each_batch_are_bounded_in_bytes()
    {
        var (options, validation) = Read(string.Empty);

        Assert.True(validation.IsValid, validation.ToString());
        Assert.Equal(EventHubConstants.DefaultPrefetchBytes, options!.PrefetchBytes);
        Assert.Equal(EventHubConstants.DefaultBatchBytes, options.BatchBytes);
        Assert.Equal(EventHubConstants.DefaultBatchMessages, options.BatchMessages);
    }

    [Fact]
    public void Byte_bounds_can_be_set_and_prefetchBytes_0_counts_messages_instead()
    {
        var (sized, v1) = Read("""
            "prefetchBytes": 16777216, "batchBytes": 1048576
            """);
        var (counted, v2) = Read("""
            "prefetchBytes": 0, "prefetch": 50
            """);
        var (countOnly, v3) = Read("""
            "prefetch": 50
            """);

        Assert.True(v1.IsValid && v2.IsValid && v3.IsValid, $"{v1} {v2} {v3}");
        Assert.Equal(16L * 1024 * 1024, sized!.PrefetchBytes);
        Assert.Equal(1024L * 1024, sized.BatchBytes);
        Assert.Null(counted!.PrefetchBytes);
        Assert.Equal(50, counted.Prefetch);
        Assert.Null(countOnly!.PrefetchBytes);
    }

    [Theory]
    [InlineData("\"prefetchBytes\": 1000", "eventHub.prefetchBytes", "at least 65536 bytes")]
    [InlineData("\"prefetchBytes\": -1", "eventHub.prefetchBytes", "between 0 and")]
    [InlineData("\"prefetchBytes\": 2147483648", "eventHub.prefetchBytes", "between 0 and 1073741824")]
    [InlineData("\"prefetchBytes\": \"8MB\"", "eventHub.prefetchBytes", "whole number")]
    [InlineData("\"batchBytes\": 0", "eventHub.batchBytes", "at least 65536 bytes")]
    [InlineData("\"batchBytes\": 65535", "eventHub.batchBytes", "at least 65536 bytes")]
    [InlineData("\"prefetchBytes\": 8388608, \"prefetch\": 100", "eventHub.prefetchBytes", "both set")]
    public void Bad_byte_bounds_are_refused_naming_the_setting(string members, string setting, string expected)
    {
        var (options, validation) = Read(members);

        Assert.Null(options);
        var problem = Assert.Single(validation.Problems, p => p.Setting == setting);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    private (EventHubSourceOptions? Options, SettingsValidation Validation) Read(string members)
    {
        var comma = members.Length == 0 ? string.Empty : ", ";
        var json = $$"""{ "eventHub": { "namespace": "contoso-defender", "hubName": "defender", "sasPolicyName": "listen", "sasKey": "env:DC_KEY"{{comma}}{{members}} } }""";
        var (options, validation) = SettingsReader.Read(new ConnectorSettings(json, _temp.Path, n => n == "DC_KEY" ? "a-key" : null));
        return (options?.EventHub, validation);
    }
}
