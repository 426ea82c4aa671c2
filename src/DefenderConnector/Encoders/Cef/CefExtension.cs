using System.Text;

namespace DefenderConnector.Encoders.Cef;

/// <summary>
/// The ordered key=value pairs of one CEF extension. The first value set for a key wins, so
/// callers list sources from most to least specific; empty values are left out.
/// </summary>
internal sealed class CefExtension
{
    private readonly List<KeyValuePair<string, string>> _pairs = [];
    private int _customStrings;

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    public void Add(string key, string? value)
    {
        if (string.IsNullOrEmpty(value) || Contains(key))
        {
            return;
        }

        _pairs.Add(new(key, value));
    }

    /// <summary>Adds the next free <c>csN</c> with its <c>csNLabel</c> (CEF has six).</summary>
    public void AddCustomString(string label, string? value)
    {
        if (string.IsNullOrEmpty(value) || _customStrings == 6)
        {
            return;
        }

        _customStrings++;
        _pairs.Add(new($"cs{_customStrings}", value));
        _pairs.Add(new($"cs{_customStrings}Label", label));
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
