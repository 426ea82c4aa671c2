namespace DefenderConnector.Host.Plugins;

/// <summary>The plugin could not be found or loaded; the message says what to fix.</summary>
internal sealed class PluginLoadException(string message, Exception? inner = null) : Exception(message, inner);
