using DefenderConnector.Configuration;
using DefenderConnector.Mapping;

namespace DefenderConnector.Sources.Filtering;

/// <summary>Reads and validates a source's <c>tables</c> setting: <c>{ "include": [...] }</c> or <c>{ "exclude": [...] }</c>.</summary>
internal static class TableFilterReader
{
    public static TableFilter Read(SettingsNode node, SettingsProblems problems)
    {
        if (!node.Exists)
        {
            return TableFilter.All;
        }

        node.RejectUnknown("include", "exclude");
        var include = Names(node, "include", problems);
        var exclude = Names(node, "exclude", problems);
        if (include is not null && exclude is not null)
        {
            problems.Add(node.Path, "give include or exclude, not both: include lists the only tables delivered, exclude the tables dropped.");
            return TableFilter.All;
        }

        if (include is { Count: 0 })
        {
            problems.Add(node.Name("include"), "is empty, so nothing would be delivered; list at least one table, or remove the setting to deliver every table.");
        }

        return new TableFilter(include, exclude);
    }

    private static List<string>? Names(SettingsNode node, string key, SettingsProblems problems)
    {
        var names = node.Strings(key);
        if (names is null)
        {
            return null;
        }

        var known = TableRouter.Tables.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var result = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            // The category's prefix is accepted too, as the Streaming API writes it.
            var name = names[i].Trim();
            name = name.StartsWith("AdvancedHunting-", StringComparison.OrdinalIgnoreCase) ? name["AdvancedHunting-".Length..] : name;
            if (!known.Contains(name))
            {
                problems.Add($"{node.Name(key)}[{i}]", $"'{names[i]}' is not a Defender table the connector knows. Known tables: {string.Join(", ", TableRouter.Tables.Order(StringComparer.Ordinal))}.");
                continue;
            }

            result.Add(name);
        }

        return result;
    }
}
