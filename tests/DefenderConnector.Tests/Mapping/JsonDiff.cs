using System.Text.Json.Nodes;

namespace DefenderConnector.Tests.Mapping;

/// <summary>Semantic JSON comparison (member order ignored) that lists every differing path.</summary>
internal static class JsonDiff
{
    public static List<string> Compare(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        var differences = new List<string>();
        Walk(expected, actual, path, differences);
        return differences;
    }

    private static void Walk(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var (key, value) in e)
                {
                    if (!a.ContainsKey(key))
                    {
                        differences.Add($"{path}.{key}: missing (expected {value?.ToJsonString()})");
                    }
                    else
                    {
                        Walk(value, a[key], $"{path}.{key}", differences);
                    }
                }

                foreach (var (key, value) in a)
                {
                    if (!e.ContainsKey(key))
                    {
                        differences.Add($"{path}.{key}: unexpected {value?.ToJsonString()}");
                    }
                }

                break;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count)
                {
                    differences.Add($"{path}: expected {e.Count} items, got {a.Count}");
                }

                for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
                {
                    Walk(e[i], a[i], $"{path}[{i}]", differences);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    differences.Add($"{path}: expected {expected?.ToJsonString() ?? "null"}, got {actual?.ToJsonString() ?? "null"}");
                }

                break;
        }
    }
}
