using System.Text.Json;

namespace DefenderConnector.Tests.Ocsf;

/// <content>
/// Observables: the name must be an attribute path of the class (what the official validator
/// checks); stricter than it, the type_id must be a known observable type and the value must equal
/// the value found at that path in the event (any element when the path crosses an array).
/// </content>
internal sealed partial class OcsfValidator
{
    private void CheckObservables(JsonElement cls, JsonElement root, Context context)
    {
        if (!root.TryGetProperty("observables", out var observables) || observables.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var index = 0;
        foreach (var observable in observables.EnumerateArray())
        {
            var at = $"observables[{index++}]";
            if (observable.ValueKind != JsonValueKind.Object || !observable.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
            {
                continue; // reported by the attribute checks
            }

            var name = nameElement.GetString()!;
            var segments = name.Split('.').Select(s => s.EndsWith(']') && s.Contains('[') ? s[..s.IndexOf('[')] : s).ToArray();
            if (!ResolvesInClass(cls.GetProperty("attributes"), segments, context.Profiles))
            {
                context.Errors.Add($"observable_name_invalid_reference: {at} {name}");
                continue;
            }

            if (observable.TryGetProperty("type_id", out var typeId) && typeId.ValueKind == JsonValueKind.Number && typeId.TryGetInt64(out var id) && !_schema.IsObservableTypeId(id))
            {
                context.Errors.Add($"observable_type_id_unknown: {at} {id}");
            }

            if (observable.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String)
            {
                var found = new List<string>();
                Collect(root, segments, 0, found);
                if (!found.Contains(value.GetString()!, StringComparer.Ordinal))
                {
                    context.Errors.Add($"observable_value_mismatch: {at} {name} = '{value.GetString()}' but the event has [{string.Join(", ", found)}]");
                }
            }
        }
    }

    private bool ResolvesInClass(JsonElement attributes, string[] segments, HashSet<string> profiles)
    {
        var current = attributes;
        for (var i = 0; i < segments.Length; i++)
        {
            if (!current.TryGetProperty(segments[i], out var attribute) || !IsActive(attribute, profiles))
            {
                return false;
            }

            if (i == segments.Length - 1)
            {
                return true;
            }

            if (!attribute.TryGetProperty("object_type", out var objectType) || !_schema.Objects.TryGetProperty(objectType.GetString()!, out var definition))
            {
                return false;
            }

            current = definition.GetProperty("attributes");
        }

        return false;
    }

    private static void Collect(JsonElement element, string[] segments, int depth, List<string> found)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, segments, depth, found);
            }

            return;
        }

        if (depth == segments.Length)
        {
            found.Add(element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText());
            return;
        }

        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(segments[depth], out var next))
        {
            Collect(next, segments, depth + 1, found);
        }
    }
}
