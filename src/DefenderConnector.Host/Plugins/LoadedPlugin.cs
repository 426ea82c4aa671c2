using System.Runtime.Loader;
using DefenderConnector.Abstractions;

namespace DefenderConnector.Host.Plugins;

/// <summary>A plugin loaded from its folder: its manifest, its load context and its entry instance.</summary>
internal sealed record LoadedPlugin(PluginManifest Manifest, string Directory, AssemblyLoadContext LoadContext, IConnectorPlugin Plugin);
