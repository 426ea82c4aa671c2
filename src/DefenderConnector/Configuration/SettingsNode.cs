using System.Globalization;
using System.Text.Json;

namespace DefenderConnector.Configuration;

/// <summary>
/// Typed reads of one JSON object of the settings document. Each read that fails records a problem
/// naming the setting by its full path and returns a default, so that validation goes on and every
/// problem is reported at once.
/// </summary>
internal readonly struct SettingsNode
{
    private readonly JsonElement _element;
    private readonly SettingsProblems _problems;

    public SettingsNode(JsonElement element, string path, SettingsProblems problems)
    {
        _element = element;
        Path = path;
        _problems = problems;
    }

    public string Path { get; }

    public bool Exists => _element.ValueKind == JsonValueKind.Object;

    public string Name(string key) => Path.Length == 0 ? key : Path + "." + key;

    public bool Has(string key) => Exists && _element.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null;

    public SettingsNode Child(string key)
    {
        if (Exists && _element.TryGetProperty(key, out var v))
        {
            if (v.ValueKind == JsonValueKind.Object || v.ValueKind == JsonValueKind.Null)
            {
                return new SettingsNode(v, Name(key), _problems);
            }

            _problems.Add(Name(key), $"must be an object, found {Describe(v)}.");
        }

        return new SettingsNode(default, Name(key), _problems);
    }

    public IEnumerable<string> Keys => Exists ? _element.EnumerateObject().Select(p => p.Name) : [];

    public void RejectUnknown(params string[] known)
    {
        foreach (var key in Keys)
        {
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                var near = known.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
                _problems.Add(Name(key), near is null
                    ? $"is not a known setting. Known settings here: {string.Join(", ", known)}."
                    : $"is not a known setting; did you mean '{near}'? Setting names are case-sensitive.");
            }
        }
    }

    /// <param name="key">The setting's key in this object.</param>
    /// <param name="secret">True for secrets: a wrong value is described by its kind only, never printed.</param>
    public string? String(string key, bool secret = false)
    {
        if (!Exists || !_element.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.String)
        {
            _problems.Add(Name(key), $"must be a string, found {(secret ? v.ValueKind.ToString().ToLowerInvariant() : Describe(v))}.");
            return null;
        }

        return v.GetString();
    }

    /// <summary>A list of strings (null when absent); a wrong element is named by its index.</summary>
    public IReadOnlyList<string>? Strings(string key)
    {
        if (!Exists || !_element.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            _problems.Add(Name(key), $"must be a list of strings, found {Describe(v)}.");
            return null;
        }

        var list = new List<string>();
        var index = 0;
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                list.Add(item.GetString()!);
            }
            else
            {
                _problems.Add($"{Name(key)}[{index}]", $"must be a string, found {Describe(item)}.");
            }

            index++;
        }

        return list;
    }

    public bool? Bool(string key)
    {
        if (!Exists || !_element.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return v.GetBoolean();
        }

        _problems.Add(Name(key), $"must be true or false, found {Describe(v)}.");
        return null;
    }

    public long? Integer(string key, long min, long max)
    {
        if (!Exists || !_element.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n))
        {
            if (n < min || n > max)
            {
                _problems.Add(Name(key), $"must be between {min} and {max}, found {n}.");
                return null;
            }

            return n;
        }

        _problems.Add(Name(key), $"must be a whole number, found {Describe(v)}.");
        return null;
    }

    /// <summary>A duration: a number of seconds, "90s", "5m", "1h", "1d" or "hh:mm:ss".</summary>
    public TimeSpan? Duration(string key, TimeSpan min, TimeSpan max)
    {
        if (!Exists || !_element.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        TimeSpan? parsed = v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetDouble(out var s) && s >= 0 && s < TimeSpan.MaxValue.TotalSeconds => TimeSpan.FromSeconds(s),
            JsonValueKind.String => DurationText.TryParse(v.GetString()!, out var d) ? d : null,
            _ => null,
        };
        if (parsed is null)
        {
            _problems.Add(Name(key), $"must be a duration such as 300, \"90s\", \"5m\", \"1h\" or \"00:05:00\", found {Describe(v)}.");
            return null;
        }

        if (parsed < min || parsed > max)
        {
            _problems.Add(Name(key), $"must be between {DurationText.Format(min)} and {DurationText.Format(max)}, found {DurationText.Format(parsed.Value)}.");
            return null;
        }

        return parsed;
    }

    public void Problem(string key, string message) => _problems.Add(Name(key), message);

    internal static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => $"\"{v.GetString()}\"",
        JsonValueKind.Number => $"the number {v.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{v.GetRawText()}",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}

/// <summary>Parses and prints the duration forms settings accept.</summary>
internal static class DurationText
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        text = text.Trim();
        value = default;
        if (text.Length == 0)
        {
            return false;
        }

        if (text.Contains(':'))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
        }

        var unit = text[^1];
        var multiplier = unit switch
        {
            's' => 1.0,
            'm' => 60.0,
            'h' => 3600.0,
            'd' => 86400.0,
            _ => double.NaN,
        };
        var number = double.IsNaN(multiplier) ? text : text[..^1];
        if (double.IsNaN(multiplier))
        {
            multiplier = 1.0;
        }

        if (number.EndsWith("m", StringComparison.Ordinal) && unit == 's')
        {
            // "500ms"
            number = number[..^1];
            multiplier = 0.001;
        }

        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n < 0 || !double.IsFinite(n) || (!char.IsAsciiDigit(number.TrimStart()[0]) && number.TrimStart()[0] != '.'))
        {
            return false;
        }

        var seconds = n * multiplier;
        if (seconds >= TimeSpan.MaxValue.TotalSeconds)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(seconds);
        return true;
    }

    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        if (value.TotalDays >= 1 && value.TotalDays == Math.Floor(value.TotalDays))
        {
            return $"{value.TotalDays:0}d";
        }

        if (value.TotalHours >= 1 && value.TotalHours == Math.Floor(value.TotalHours))
        {
            return $"{value.TotalHours:0}h";
        }

        if (value.TotalMinutes >= 1 && value.TotalMinutes == Math.Floor(value.TotalMinutes))
        {
            return $"{value.TotalMinutes:0}m";
        }

        return value.TotalSeconds >= 1
            ? $"{value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s"
            : $"{value.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)}ms";
    }
}
