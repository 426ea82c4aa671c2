using System.Globalization;
using System.Text.Json;

namespace DefenderConnector.Tests.Ocsf;

/// <content>Attribute checks: requirement, unknown keys, arrays, objects, primitive types, enums and siblings.</content>
internal sealed partial class OcsfValidator
{
    private static bool IsActive(JsonElement attribute, HashSet<string> declared)
    {
        if (!attribute.TryGetProperty("profiles", out var profiles) || profiles.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        foreach (var profile in profiles.EnumerateArray())
        {
            if (declared.Contains(profile.GetString()!))
            {
                return true;
            }
        }

        return false;
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private void CheckObject(JsonElement attributes, JsonElement value, string path, Context context)
    {
        foreach (var attribute in attributes.EnumerateObject())
        {
            if (IsActive(attribute.Value, context.Profiles)
                && attribute.Value.TryGetProperty("requirement", out var requirement) && requirement.GetString() == "required"
                && (!value.TryGetProperty(attribute.Name, out var present) || present.ValueKind == JsonValueKind.Null))
            {
                context.Errors.Add($"attribute_required_missing: {Join(path, attribute.Name)}");
            }
        }

        foreach (var property in value.EnumerateObject())
        {
            var name = Join(path, property.Name);
            if (!attributes.TryGetProperty(property.Name, out var attribute) || !IsActive(attribute, context.Profiles))
            {
                context.Errors.Add($"attribute_unknown: {name}");
                continue;
            }

            if (attribute.TryGetProperty("@deprecated", out _))
            {
                context.Warnings.Add($"attribute_deprecated: {name}");
            }

            var isArray = attribute.TryGetProperty("is_array", out var a) && a.ValueKind == JsonValueKind.True;
            if (isArray)
            {
                if (property.Value.ValueKind != JsonValueKind.Array)
                {
                    context.Errors.Add($"attribute_wrong_type: {name} must be an array");
                    continue;
                }

                var index = 0;
                foreach (var item in property.Value.EnumerateArray())
                {
                    CheckValue(attribute, item, $"{name}[{index++}]", context);
                }

                CheckEnumArraySibling(attribute, property.Value, value, name, context);
            }
            else if (property.Value.ValueKind == JsonValueKind.Array)
            {
                context.Errors.Add($"attribute_wrong_type: {name} must not be an array");
            }
            else
            {
                CheckValue(attribute, property.Value, name, context);
                CheckSibling(attribute, property.Value, value, name, context);
            }
        }
    }

    private void CheckValue(JsonElement attribute, JsonElement value, string path, Context context)
    {
        var type = attribute.GetProperty("type").GetString()!;
        if (type == "object_t")
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                context.Errors.Add($"attribute_wrong_type: {path} must be an object");
                return;
            }

            var objectType = attribute.GetProperty("object_type").GetString()!;
            if (!_schema.Objects.TryGetProperty(objectType, out var definition))
            {
                context.Errors.Add($"object_type_unknown: {path} ({objectType})");
                return;
            }

            if (definition.TryGetProperty("@deprecated", out _))
            {
                context.Warnings.Add($"object_deprecated: {path}");
            }

            var attributes = definition.GetProperty("attributes");
            if (!attributes.EnumerateObject().Any())
            {
                return; // the generic object (unmapped): anything goes
            }

            CheckConstraints(definition, value, path, context.Errors);
            CheckObject(attributes, value, path, context);
            return;
        }

        CheckPrimitive(type, value, path, context);
        if (attribute.TryGetProperty("enum", out var enumeration))
        {
            var key = value.ValueKind switch
            {
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.String => value.GetString(),
                _ => null,
            };
            if (key is not null && !enumeration.TryGetProperty(key, out _))
            {
                context.Errors.Add($"attribute_enum_value_unknown: {path} = {key}");
            }
        }
    }

    private void CheckPrimitive(string type, JsonElement value, string path, Context context)
    {
        var baseType = _schema.BaseType(type);
        var ok = baseType switch
        {
            "string_t" => value.ValueKind == JsonValueKind.String,
            "integer_t" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
            "long_t" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            "float_t" => value.ValueKind == JsonValueKind.Number,
            "boolean_t" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "json_t" => true,
            _ => false,
        };
        if (!ok)
        {
            context.Errors.Add($"attribute_wrong_type: {path} is {value.ValueKind}, expected {type}");
            return;
        }

        if (_schema.TypeEntry(type) is not { } entry)
        {
            return;
        }

        if (value.ValueKind == JsonValueKind.String && entry.TryGetProperty("max_len", out var maxLen) && value.GetString()!.Length > maxLen.GetInt32())
        {
            context.Errors.Add($"attribute_value_exceeds_max_len: {path} is longer than {maxLen.GetInt32()}");
        }

        if (value.ValueKind == JsonValueKind.Number && entry.TryGetProperty("range", out var range))
        {
            var bounds = range.EnumerateArray().Select(b => b.GetInt64()).ToArray();
            var number = value.GetInt64();
            if (number < bounds[0] || number > bounds[1])
            {
                context.Errors.Add(string.Create(CultureInfo.InvariantCulture, $"attribute_value_exceeds_range: {path} = {number} not in [{bounds[0]}, {bounds[1]}]"));
            }
        }
    }

    private static void CheckSibling(JsonElement attribute, JsonElement value, JsonElement parent, string path, Context context)
    {
        if (!attribute.TryGetProperty("enum", out var enumeration) || !attribute.TryGetProperty("sibling", out var siblingName)
            || value.ValueKind != JsonValueKind.Number || !parent.TryGetProperty(siblingName.GetString()!, out var sibling)
            || !enumeration.TryGetProperty(value.GetRawText(), out var item))
        {
            return;
        }

        var caption = item.GetProperty("caption").GetString();
        var text = sibling.ValueKind == JsonValueKind.String ? sibling.GetString() : null;
        if (value.GetRawText() == "99")
        {
            if (text == "Other")
            {
                context.Warnings.Add($"attribute_enum_sibling_suspicious_other: {path}");
            }
        }
        else if (!string.Equals(text, caption, StringComparison.Ordinal))
        {
            context.Warnings.Add($"attribute_enum_sibling_incorrect: {path} = {value.GetRawText()} has {siblingName.GetString()} '{text}', expected '{caption}'");
        }
    }

    private static void CheckEnumArraySibling(JsonElement attribute, JsonElement values, JsonElement parent, string path, Context context)
    {
        if (!attribute.TryGetProperty("enum", out var enumeration) || !attribute.TryGetProperty("sibling", out var siblingName))
        {
            return;
        }

        if (!parent.TryGetProperty(siblingName.GetString()!, out var sibling) || sibling.ValueKind != JsonValueKind.Array)
        {
            context.Errors.Add($"attribute_enum_array_sibling_missing: {path} needs {siblingName.GetString()}");
            return;
        }

        var captions = sibling.EnumerateArray().Select(s => s.ValueKind == JsonValueKind.String ? s.GetString() : null).ToArray();
        var index = 0;
        foreach (var value in values.EnumerateArray())
        {
            var expected = value.ValueKind == JsonValueKind.Number && enumeration.TryGetProperty(value.GetRawText(), out var item) ? item.GetProperty("caption").GetString() : null;
            if (index >= captions.Length || (value.GetRawText() != "99" && captions[index] != expected))
            {
                context.Errors.Add($"attribute_enum_array_sibling_incorrect: {path}[{index}]");
            }

            index++;
        }
    }
}
