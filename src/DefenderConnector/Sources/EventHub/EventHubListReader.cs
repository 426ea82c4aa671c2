using System.Text.Json;
using System.Text.RegularExpressions;
using DefenderConnector.Configuration;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// Reads <c>eventHubs</c>: a list of hubs (any namespaces), each an object with the <c>eventHub</c> settings plus a
/// unique <c>name</c>, such as one hub per table when Defender streams each table to a hub of its own.
/// </summary>
internal static partial class EventHubListReader
{
    /// <returns>Null when the setting is absent.</returns>
    public static IReadOnlyList<KeyValuePair<string, EventHubSourceOptions>>? Read(JsonElement root, string baseDirectory, Func<string, string?> environment, SettingsProblems problems) =>
        Read(root, string.Empty, baseDirectory, environment, problems);

    /// <param name="parent">The object holding <c>eventHubs</c>: the settings root, or a tenant of <c>tenants</c>.</param>
    /// <param name="prefix">The parent's path with its trailing dot (<c>tenants[0].</c>), empty at the root.</param>
    /// <returns>Null when the setting is absent.</returns>
    public static IReadOnlyList<KeyValuePair<string, EventHubSourceOptions>>? Read(JsonElement parent, string prefix, string baseDirectory, Func<string, string?> environment, SettingsProblems problems)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty("eventHubs", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            problems.Add(prefix + "eventHubs", "must be a list of one or more hubs, each { \"name\": \"...\", \"namespace\": \"...\", \"hubName\": \"...\", ... } with the settings of eventHub.");
            return null;
        }

        var hubs = new List<KeyValuePair<string, EventHubSourceOptions>>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var streams = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = $"{prefix}eventHubs[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add(path, "must be an object with the settings of one hub.");
                continue;
            }

            var node = new SettingsNode(item, path, problems);
            var name = node.String("name");
            if (name is null || !NamePattern().IsMatch(name))
            {
                problems.Add(node.Name("name"), "is required: a short name for this hub in summaries and logs (letters, digits, hyphens), unique in eventHubs.");
            }
            else if (!names.Add(name))
            {
                problems.Add(node.Name("name"), $"'{name}' names another hub of eventHubs too; names must be unique.");
            }

            if (node.Bool("enabled") == false)
            {
                continue;
            }

            var options = EventHubSettingsReader.Read(node, baseDirectory, environment, problems, "name");
            if (options is not null && !streams.Add(options.StreamKey))
            {
                problems.Add(node.Name("hubName"), $"{options.HubName} in {options.FullyQualifiedNamespace} with consumer group {options.ConsumerGroup} is listed twice; their checkpoints would collide.");
            }

            if (options is not null && name is not null)
            {
                hubs.Add(new(name, options));
            }
        }

        return hubs;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,62}$")]
    private static partial Regex NamePattern();
}
