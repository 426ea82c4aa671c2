using System.Text;

namespace DefenderConnector.Encoders.Cef;

/// <summary>
/// The ordered key=value pairs of one CEF extension. The first value set for a key wins, so
/// callers list sources from most to least specific; empty values are left out.
/// </summary>
internal sealed class CefExtension
{
    private readonly List<KeyValuePair<string, string>> _pairs = [];

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    public void Add(string key, string? value)
    {
        if (string.IsNullOrEmpty(value) || Contains(key))
        {
            return;
        }

        _pairs.Add(new(key, value));
    }

    /// <summary>
    /// Adds <c>csN</c> with its <c>csNLabel</c>. Slots are fixed per meaning, not packed, so a SIEM
    /// parser can rely on cs1 being the tenant even when an event lacks some of them.
    /// </summary>
    public void AddCustomString(int slot, string label, string? value)
    {
        if (string.IsNullOrEmpty(value) || slot is < 1 or > 6 || Contains($"cs{slot}"))
        {
            return;
        }

        _pairs.Add(new($"cs{slot}", value));
        _pairs.Add(new($"cs{slot}Label", label));
    }

    public bool Contains(string key)
    {
        foreach (var pair in _pairs)
        {
            if (pair.Key == key)
            {
                return true;
            }
        }

        return false;
    }

    public void AppendTo(StringBuilder builder)
    {
        for (var i = 0; i < _pairs.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            builder.Append(_pairs[i].Key).Append('=');
            CefEscaping.AppendExtensionValue(builder, _pairs[i].Value);
        }
    }
}
