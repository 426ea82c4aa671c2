using DefenderConnector.Abstractions;
using DefenderConnector.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace DefenderConnector.Tests.Configuration;

/// <summary>The host validates and then creates from the same settings: the plugin reads them once.</summary>
public sealed class SettingsReadOnceTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ValidateThenCreateReadsTheSettingsDocumentOnce()
    {
        var plugin = new DefenderConnectorPlugin();
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var json = $$"""
            {
              "eventHub": { "namespace": "contoso-defender", "hubName": "defender", "sasPolicyName": "listen", "sasKey": "env:DC_TEST_KEY" },
              "state": { "path": "state.db" }
            }
            """;
        var settings = new ConnectorSettings(json, _temp.Path, name => name == "DC_TEST_KEY" ? key : null);

        Assert.True(plugin.Validate(settings).IsValid);
        await using (plugin.Create(settings, new ConnectorContext(new CollectingSink(), NullLoggerFactory.Instance, TimeProvider.System)))
        {
            Assert.Equal(1, plugin.SettingsReads);
        }

        // Another document (even with the same text) is read on its own.
        Assert.True(plugin.Validate(new ConnectorSettings(json, _temp.Path, name => name == "DC_TEST_KEY" ? key : null)).IsValid);
        Assert.Equal(2, plugin.SettingsReads);
    }
}
