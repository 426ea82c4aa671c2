using System.Runtime.Loader;
using DefenderConnector.Abstractions;
using DefenderConnector.Host.Plugins;
using DefenderConnector.IntegrationTests.Support;

namespace DefenderConnector.IntegrationTests.Host;

/// <summary>The host loads the plugin the way any host would: from its folder, through its manifest, in its own load context.</summary>
public sealed class PluginLoadingTests
{
    [Fact]
    public void ThePluginIsLoadedFromItsFolderInAnIsolatedContextAndSharesOnlyTheContract()
    {
        var loaded = PluginLoader.Load(RepoPaths.PluginDirectory);

        var pluginType = loaded.Plugin.GetType();
        Assert.Equal("DefenderConnector.DefenderConnectorPlugin", pluginType.FullName);
        Assert.Same(loaded.LoadContext, AssemblyLoadContext.GetLoadContext(pluginType.Assembly));
        Assert.NotSame(AssemblyLoadContext.Default, loaded.LoadContext);
        Assert.Equal(Path.Combine(RepoPaths.PluginDirectory, "DefenderConnector.dll"), pluginType.Assembly.Location);

        // The contract type is the host's own, so the cast in the loader is meaningful.
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(typeof(IConnectorPlugin).Assembly));
        Assert.Contains(pluginType.GetInterfaces(), i => ReferenceEquals(i, typeof(IConnectorPlugin)));

        // The plugin's own dependencies resolve inside its context, from its folder.
        var sdk = loaded.LoadContext.LoadFromAssemblyName(new System.Reflection.AssemblyName("Azure.Messaging.EventHubs"));
        Assert.Same(loaded.LoadContext, AssemblyLoadContext.GetLoadContext(sdk));
        Assert.StartsWith(RepoPaths.PluginDirectory, sdk.Location, StringComparison.Ordinal);

        // One AMQP consumer: the plugin lists no hand-written client's library (AMQPNetLite serves only the emulator).
        var deps = File.ReadAllText(Path.Combine(RepoPaths.PluginDirectory, "DefenderConnector.deps.json"));
        Assert.DoesNotContain("AMQPNetLite", deps, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TheManifestDescribesWhatAHostNeeds()
    {
        var loaded = PluginLoader.Load(RepoPaths.PluginDirectory);

        Assert.Equal("defender-connector", loaded.Manifest.Id);
        Assert.Equal("DefenderConnector.dll", loaded.Manifest.EntryAssembly);
        Assert.Contains(loaded.Manifest.DataSources, s => s.Name == "eventhub" && s.DefaultInterval == "5m");
        Assert.Contains("ocsf", loaded.Manifest.OutputFormats);
        Assert.True(File.Exists(Path.Combine(loaded.Directory, loaded.Manifest.SettingsSchema!)));
    }

    [Fact]
    public void ThePluginCanBeLoadedTwiceIndependently()
    {
        var first = PluginLoader.Load(RepoPaths.PluginDirectory);
        var second = PluginLoader.Load(RepoPaths.PluginDirectory);

        Assert.NotSame(first.LoadContext, second.LoadContext);
        Assert.NotSame(first.Plugin.GetType(), second.Plugin.GetType());
        var settings = new ConnectorSettings("""{ "eventHub": { "namespace": "x" } }""", Path.GetTempPath());
        Assert.Equal(first.Plugin.Validate(settings).ToString(), second.Plugin.Validate(settings).ToString());
    }

    [Fact]
    public void AMissingManifestIsExplained()
    {
        var empty = Directory.CreateTempSubdirectory("dc-noplugin-");
        try
        {
            var error = Assert.Throws<PluginLoadException>(() => PluginLoader.Load(empty.FullName));
            Assert.Contains("No plugin manifest", error.Message);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }
}
