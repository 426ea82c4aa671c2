using System.Runtime.InteropServices;
using System.Text.Json;

namespace DefenderConnector.Encoders.Ecs;

/// <summary>
/// An ECS document built from dotted field names and written as nested JSON with sorted keys, so
/// the output is stable (golden files) whatever order the mappers set fields in. The first value
/// set for a field wins; list fields keep distinct values in insertion order. Fields are kept flat
/// (one list, one index) and nested only when written: sorting the dotted names segment by segment
/// gives the same order as sorting every object's keys.
/// </summary>
internal sealed class EcsDocument
{
    private readonly List<(string Field, object Value)> _fields = [];
    private readonly Dictionary<string, int> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _objects = new(StringComparer.Ordinal);

    /// <summary>Empties the document for the next event, keeping its storage (one instance is reused per thread).</summary>
    public void Clear()
    {
        _fields.Clear();
        _values.Clear();
        _objects.Clear();
    }

    public void Set(string field, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            SetValue(field, value);
        }
    }

    public void Set(string field, long? value)
    {
        if (value is { } v)
        {
            SetValue(field, v);
        }
    }

    public void Set(string field, bool value) => SetValue(field, value);

    /// <summary>A string given as UTF-8 (the OCSF event itself), written without turning it into a string first.</summary>
    public void SetUtf8(string field, ReadOnlyMemory<byte> value)
    {
        if (!value.IsEmpty)
        {
            SetValue(field, value);
        }
    }

    /// <summary>Appends to a keyword array field (<c>related.ip</c>, <c>event.category</c>...).</summary>
    public void Add(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        DeclareParents(field);
        if (_values.TryGetValue(field, out var at))
        {
            if (_fields[at].Value is List<string> list && !list.Contains(value, StringComparer.Ordinal))
            {
                list.Add(value);
            }
        }
        else if (!_objects.Contains(field))
        {
            Append(field, new List<string> { value });
        }
    }

    /// <summary>Adds one object to an array of objects (<c>email.attachments</c>).</summary>
    public void AddObject(string field, EcsDocument item)
    {
        DeclareParents(field);
        if (_values.TryGetValue(field, out var at))
        {
            (_fields[at].Value as List<EcsDocument>)?.Add(item);
        }
        else if (!_objects.Contains(field))
        {
            Append(field, new List<EcsDocument> { item });
        }
    }

    public bool IsEmpty => _fields.Count == 0;

    /// <summary>Whether a field or object exists at the dotted <paramref name="field"/>.</summary>
    public bool Has(string field) => _values.ContainsKey(field) || _objects.Contains(field);

    /// <summary>Writes the document as nested JSON; its last use, as it orders the fields in place.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        // Sorted in place, without a copy: writing is the document's last use (the encoder clears it next),
        // and nothing reads a field's index once the fields are being written.
        var sorted = CollectionsMarshal.AsSpan(_fields);
        sorted.Sort(static (a, b) => CompareFields(a.Field, b.Field));
        writer.WriteStartObject();

        // The objects open now: the first `depth` segments of `previous` (the last field written).
        var previous = string.Empty;
        var depth = 0;
        foreach (var (field, value) in sorted)
        {
            // Keep the objects this field shares with the previous one, close the rest, open its own.
            var common = 0;
            var shared = 0;
            for (var dot = field.IndexOf('.'); dot >= 0 && common < depth; dot = field.IndexOf('.', dot + 1))
            {
                if (previous.Length <= dot || previous[dot] != '.' || !previous.AsSpan(0, dot).SequenceEqual(field.AsSpan(0, dot)))
                {
                    break;
                }

                common++;
                shared = dot + 1;
            }

            for (; depth > common; depth--)
            {
                writer.WriteEndObject();
            }

            var segmentStart = shared;
            for (var dot = field.IndexOf('.', shared); dot >= 0; dot = field.IndexOf('.', dot + 1))
            {
                writer.WriteStartObject(field.AsSpan(segmentStart, dot - segmentStart));
                depth++;
                segmentStart = dot + 1;
            }

            writer.WritePropertyName(field.AsSpan(segmentStart));
            WriteValue(writer, value);
            previous = field;
        }

        for (; depth > 0; depth--)
        {
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case string s: writer.WriteStringValue(s); break;
            case ReadOnlyMemory<byte> utf8: writer.WriteStringValue(utf8.Span); break;
            case long l: writer.WriteNumberValue(l); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case List<string> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    writer.WriteStringValue(item);
                }

                writer.WriteEndArray();
                break;
            case List<EcsDocument> objects:
                writer.WriteStartArray();
                foreach (var item in objects)
                {
                    item.WriteTo(writer);
                }

                writer.WriteEndArray();
                break;
        }
    }

    /// <summary>
    /// Ordinal, one dotted segment at a time (<c>a.b</c> before <c>a_c</c>, as nested sorted objects put
    /// them): the same order as an ordinal comparison with every dot read as the lowest character, so it
    /// needs only the first character where the names differ.
    /// </summary>
    private static int CompareFields(string a, string b)
    {
        var common = a.AsSpan().CommonPrefixLength(b);
        if (common == a.Length || common == b.Length)
        {
            return a.Length - b.Length;
        }

        return (a[common] == '.' ? 0 : a[common]) - (b[common] == '.' ? 0 : b[common]);
    }

    private void SetValue(string field, object value)
    {
        DeclareParents(field);
        if (!_values.ContainsKey(field) && !_objects.Contains(field))
        {
            Append(field, value);
        }
    }

    private void Append(string field, object value)
    {
        _values[field] = _fields.Count;
        _fields.Add((field, value));
    }

    /// <summary>Records every enclosing object of <paramref name="field"/>; a field cannot be both a value and an object.</summary>
    private void DeclareParents(string field)
    {
        var objects = _objects.GetAlternateLookup<ReadOnlySpan<char>>();
        var values = _values.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var dot = field.IndexOf('.'); dot >= 0; dot = field.IndexOf('.', dot + 1))
        {
            var parent = field.AsSpan(0, dot);
            if (values.ContainsKey(parent))
            {
                // The mappers never ask for that.
                throw new InvalidOperationException($"ECS field {field} collides with a value at {parent}.");
            }

            if (!objects.Contains(parent))
            {
                _objects.Add(field[..dot]);
            }
        }
    }
}
