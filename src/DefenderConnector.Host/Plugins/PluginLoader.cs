using DefenderConnector.Abstractions;

namespace DefenderConnector.Host.Plugins;

/// <summary>Loads a connector plugin from a folder holding its <c>manifest.json</c> and build output.</summary>
internal static class PluginLoader
{
    public const string ManifestFileName = "manifest.json";

    /// <summary>The folder the host looks in when none is given: <c>plugins/DefenderConnector</c> beside the host.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "plugins", "DefenderConnector");

    public static LoadedPlugin Load(string? directory = null)
    {
        directory = Path.GetFullPath(directory ?? DefaultDirectory);
        var manifestPath = Path.Combine(directory, ManifestFileName);
        if (!File.Exists(manifestPath))
        {
            throw new PluginLoadException($"No plugin manifest at {manifestPath}. Build the solution, or pass --plugin <folder with manifest.json>.");
        }

        var manifest = PluginManifest.Read(manifestPath);
        var assemblyPath = Path.Combine(directory, manifest.EntryAssembly);
        if (!File.Exists(assemblyPath))
        {
            throw new PluginLoadException($"The manifest names {manifest.EntryAssembly}, which is not in {directory}.");
        }

        var context = new PluginLoadContext(assemblyPath);
        var assembly = context.LoadFromAssemblyPath(assemblyPath);
        var type = assembly.GetType(manifest.EntryType, throwOnError: false)
            ?? throw new PluginLoadException($"The plugin assembly {manifest.EntryAssembly} has no type {manifest.EntryType}.");
        if (!typeof(IConnectorPlugin).IsAssignableFrom(type))
        {
            throw new PluginLoadException(
                $"{manifest.EntryType} does not implement the host's {nameof(IConnectorPlugin)}; the plugin was built against another contract version or ships its own copy of DefenderConnector.Abstractions.");
        }

        var plugin = (IConnectorPlugin)(Activator.CreateInstance(type)
            ?? throw new PluginLoadException($"{manifest.EntryType} could not be created."));
        return new LoadedPlugin(manifest, directory, context, plugin);
    }
}
