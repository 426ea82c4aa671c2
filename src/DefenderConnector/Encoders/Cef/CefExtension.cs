using System.Text;

namespace DefenderConnector.Encoders.Cef;

/// <summary>
/// The ordered key=value pairs of one CEF extension. The first value set for a key wins, so
/// callers list sources from most to least specific; empty values are left out.
/// </summary>
internal sealed class CefExtension
{
    private static readonly string[] CustomKeys = ["cs0", "cs1", "cs2", "cs3", "cs4", "cs5", "cs6"];
    private static readonly string[] CustomLabelKeys = ["cs0Label", "cs1Label", "cs2Label", "cs3Label", "cs4Label", "cs5Label", "cs6Label"];
    private readonly List<KeyValuePair<string, ReadOnlyMemory<char>>> _pairs = [];

    // Every key set so far, so "first value wins" costs one lookup instead of a scan per key.
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    public IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<char>>> Pairs => _pairs;

    /// <summary>Empties the extension for the next event (one instance is reused per thread).</summary>
    public void Clear()
    {
        _pairs.Clear();
        _keys.Clear();
    }

    public void Add(string key, string? value) => Add(key, value?.AsMemory());

    /// <summary>A value read from the event's tree, used in place (no string per value).</summary>
    public void Add(string key, ReadOnlyMemory<char>? value)
    {
        if (value is not { Length: > 0 } text || !_keys.Add(key))
        {
            return;
        }

        _pairs.Add(new(key, text));
    }

    /// <summary>
    /// Adds <c>csN</c> with its <c>csNLabel</c>. Slots are fixed per meaning, not packed, so a SIEM
    /// parser can rely on cs1 being the tenant even when an event lacks some of them.
    /// </summary>
    public void AddCustomString(int slot, string label, string? value) => AddCustomString(slot, label, value?.AsMemory());

    public void AddCustomString(int slot, string label, ReadOnlyMemory<char>? value)
    {
        if (value is not { Length: > 0 } text || slot is < 1 or > 6 || !_keys.Add(CustomKeys[slot]))
        {
            return;
        }

        _keys.Add(CustomLabelKeys[slot]);
        _pairs.Add(new(CustomKeys[slot], text));
        _pairs.Add(new(CustomLabelKeys[slot], label.AsMemory()));
    }

    public bool Contains(string key) => _keys.Contains(key);

    public void AppendTo(StringBuilder builder)
    {
        for (var i = 0; i < _pairs.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            builder.Append(_pairs[i].Key).Append('=');
            CefEscaping.AppendExtensionValue(builder, _pairs[i].Value.Span);
        }
    }
}
