using System.Globalization;
using System.Text.Json;
using DefenderConnector.Abstractions;

namespace DefenderConnector.Host.Outputs;

/// <summary>
/// Reads one object of the <c>output</c> section, collecting a problem per bad setting (named by its full
/// path, e.g. <c>output.syslog.port</c>) instead of stopping at the first.
/// </summary>
internal sealed class SettingsSection(JsonElement element, string path, List<SettingsProblem> problems)
{
    public string Path => path;

    public List<SettingsProblem> Problems => problems;

    public string Name(string key) => $"{path}.{key}";

    public void Problem(string key, string message) => problems.Add(new SettingsProblem(Name(key), message));

    public void RejectUnknown(params string[] known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                Problem(property.Name, $"is not a setting here; known: {string.Join(", ", known)}.");
            }
        }
    }

    /// <summary>True when the key is present (and not null), whatever its type.</summary>
    public bool Has(string key) => TryGet(key, out _);

    public SettingsSection? Child(string key)
    {
        if (!TryGet(key, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Problem(key, "must be an object.");
            return null;
        }

        return new SettingsSection(value, Name(key), problems);
    }

    public string? String(string key)
    {
        if (!TryGet(key, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            Problem(key, "must be a non-empty string.");
            return null;
        }

        return value.GetString();
    }

    /// <summary>A non-empty array of non-empty strings.</summary>
    public IReadOnlyList<string>? StringArray(string key)
    {
        if (!TryGet(key, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0 || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString())))
        {
            Problem(key, "must be a non-empty array of non-empty strings.");
            return null;
        }

        return value.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    public bool? Bool(string key)
    {
        if (!TryGet(key, out var value))
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Problem(key, "must be true or false.");
            return null;
        }

        return value.GetBoolean();
    }

    public int? Integer(string key, int min, int max)
    {
        if (!TryGet(key, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min || number > max)
        {
            Problem(key, $"must be a whole number from {min} to {max}.");
            return null;
        }

        return number;
    }

    /// <summary>A duration as seconds (a number) or <c>hh:mm:ss</c>, between the bounds.</summary>
    public TimeSpan? Duration(string key, TimeSpan min, TimeSpan max)
    {
        if (!TryGet(key, out var value))
        {
            return null;
        }

        TimeSpan? parsed = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDouble(out var seconds) && double.IsFinite(seconds) && seconds >= 0 && seconds < 1e7 => TimeSpan.FromSeconds(seconds),
            JsonValueKind.String when TimeSpan.TryParseExact(value.GetString(), @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var span) => span,
            _ => null,
        };
        if (parsed is null || parsed < min || parsed > max)
        {
            Problem(key, $"must be a number of seconds or hh:mm:ss, from {min:c} to {max:c}.");
            return null;
        }

        return parsed;
    }

    private bool TryGet(string key, out JsonElement value)
    {
        value = default;
        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(key, out value) && value.ValueKind != JsonValueKind.Null;
    }
}
