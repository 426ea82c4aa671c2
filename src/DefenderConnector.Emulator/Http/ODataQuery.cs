using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DefenderConnector.Emulator.Http;

/// <summary>
/// The OData subset the Defender APIs are used with: <c>$filter</c> as <c>and</c>-joined comparisons
/// (<c>ge</c>, <c>gt</c>, <c>le</c>, <c>lt</c> on times, <c>eq</c> on strings and numbers), <c>$orderby</c>
/// on one property; <c>$top</c> and <c>$skip</c> are applied by the routes.
/// </summary>
internal static partial class ODataQuery
{
    public static List<JsonObject> Apply(List<JsonObject> items, string? filter, string? orderBy, out string? error)
    {
        error = null;
        IEnumerable<JsonObject> result = items;
        if (!string.IsNullOrWhiteSpace(filter))
        {
            foreach (var clause in Regex.Split(filter, @"\s+and\s+", RegexOptions.IgnoreCase))
            {
                var m = Clause().Match(clause.Trim());
                if (!m.Success)
                {
                    error = $"Invalid filter clause: {clause}";
                    return [];
                }

                var (field, op, literal) = (m.Groups[1].Value, m.Groups[2].Value.ToLowerInvariant(), m.Groups[3].Value);
                result = result.Where(o => Matches(o[field], op, literal)).ToList();
            }
        }

        if (!string.IsNullOrWhiteSpace(orderBy))
        {
            var parts = orderBy.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var descending = parts.Length > 1 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
            var keyed = result.Select(o => (Key: o[parts[0]]?.ToString() ?? string.Empty, Id: o.First().Value?.ToString() ?? string.Empty, Item: o));
            result = (descending ? keyed.OrderByDescending(k => k.Key, StringComparer.Ordinal).ThenByDescending(k => k.Id, StringComparer.Ordinal)
                : keyed.OrderBy(k => k.Key, StringComparer.Ordinal).ThenBy(k => k.Id, StringComparer.Ordinal)).Select(k => k.Item);
        }

        return result.ToList();
    }

    private static bool Matches(JsonNode? value, string op, string literal)
    {
        if (literal.StartsWith('\''))
        {
            var text = literal[1..^1].Replace("''", "'", StringComparison.Ordinal);
            var actual = value?.ToString();
            return op == "eq" ? actual == text : op == "ne" && actual != text;
        }

        if (DateTimeOffset.TryParse(literal, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && literal.Contains('T'))
        {
            if (value is null || !DateTimeOffset.TryParse(value.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var actual))
            {
                return false;
            }

            var c = actual.CompareTo(at);
            return op switch { "ge" => c >= 0, "gt" => c > 0, "le" => c <= 0, "lt" => c < 0, "eq" => c == 0, _ => c != 0 };
        }

        return op == "eq" ? value?.ToString() == literal : value?.ToString() != literal;
    }

    [GeneratedRegex(@"^(\w+)\s+(eq|ne|ge|gt|le|lt)\s+('(?:[^']|'')*'|\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Clause();
}
