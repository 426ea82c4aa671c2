namespace DefenderConnector.Abstractions;

/// <summary>A configured source and how often the host should pull it.</summary>
/// <param name="Name">The source name, for example <c>eventhub</c> or <c>graph</c>.</param>
/// <param name="DisplayName">A human-readable description, never containing a secret.</param>
/// <param name="PullInterval">Time between pulls; <see cref="TimeSpan.Zero"/> means continuous.</param>
public sealed record SourceDescriptor(string Name, string DisplayName, TimeSpan PullInterval);
