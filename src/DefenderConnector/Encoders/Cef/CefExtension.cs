using System.Collections.Concurrent;
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

    // Every key's number for the process (keys are the encoder's literals: a few dozen), found by the
    // string's identity first; which keys this event has set is kept by number, stamped with the event.
    private static readonly ConcurrentDictionary<string, int> Numbers = new(StringComparer.Ordinal);
    private static readonly IdentityTable<int> Seen = new(1024);
    private int[] _setIn = new int[64];
    private int _event = 1;

    public IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<char>>> Pairs => _pairs;

    /// <summary>Empties the extension for the next event (one instance is reused per thread).</summary>
    public void Clear()
    {
        _pairs.Clear();
        if (++_event == int.MaxValue)
        {
            Array.Clear(_setIn);
            _event = 1;
        }
    }

    /// <summary>Marks <paramref name="key"/> as set in this event; false when it already was.</summary>
    private bool TrySet(string key)
    {
        var number = Number(key);
        if (number >= _setIn.Length)
        {
            Array.Resize(ref _setIn, Math.Max(number + 1, _setIn.Length * 2));
        }

        if (_setIn[number] == _event)
        {
            return false;
        }

        _setIn[number] = _event;
        return true;
    }

    private static int Number(string key) =>
        Seen.GetOrAdd(key, 0, static (k, _) => Numbers.TryGetValue(k, out var known) ? known : Numbers.GetOrAdd(k, static _ => Interlocked.Increment(ref s_numbers) - 1));

    private static int s_numbers;

    public void Add(string key, string? value) => Add(key, value?.AsMemory());

    /// <summary>A value read from the event's tree, used in place (no string per value).</summary>
    public void Add(string key, ReadOnlyMemory<char>? value)
    {
        if (value is not { Length: > 0 } text || !TrySet(key))
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
        if (value is not { Length: > 0 } text || slot is < 1 or > 6 || !TrySet(CustomKeys[slot]))
        {
            return;
        }

        TrySet(CustomLabelKeys[slot]);
        _pairs.Add(new(CustomKeys[slot], text));
        _pairs.Add(new(CustomLabelKeys[slot], label.AsMemory()));
    }

    public bool Contains(string key)
    {
        var number = Number(key);
        return number < _setIn.Length && _setIn[number] == _event;
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
            CefEscaping.AppendExtensionValue(builder, _pairs[i].Value.Span);
        }
    }
}
