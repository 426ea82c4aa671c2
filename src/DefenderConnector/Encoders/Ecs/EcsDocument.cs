using System.Text.Json;

namespace DefenderConnector.Encoders.Ecs;

/// <summary>
/// An ECS document built from dotted field names and written as nested JSON with sorted keys, so
/// the output is stable (golden files) whatever order the mappers set fields in. The first value
/// set for a field wins; list fields keep distinct values in insertion order.
/// </summary>
internal sealed class EcsDocument
{
    private readonly SortedDictionary<string, object> _root = new(StringComparer.Ordinal);

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

        var (parent, name) = Parent(field);
        if (!parent.TryGetValue(name, out var existing))
        {
            parent[name] = new List<string> { value };
        }
        else if (existing is List<string> list && !list.Contains(value, StringComparer.Ordinal))
        {
            list.Add(value);
        }
    }

    /// <summary>Adds one object to an array of objects (<c>email.attachments</c>).</summary>
    public void AddObject(string field, EcsDocument item)
    {
        var (parent, name) = Parent(field);
        if (!parent.TryGetValue(name, out var existing))
        {
            parent[name] = existing = new List<EcsDocument>();
        }

        if (existing is List<EcsDocument> list)
        {
            list.Add(item);
        }
    }

    public bool IsEmpty => _root.Count == 0;

    /// <summary>Whether a field or object exists at the dotted <paramref name="field"/>.</summary>
    public bool Has(string field)
    {
        object node = _root;
        foreach (var segment in field.Split('.'))
        {
            if (node is not SortedDictionary<string, object> map || !map.TryGetValue(segment, out node!))
            {
                return false;
            }
        }

        return true;
    }

    public void WriteTo(Utf8JsonWriter writer) => Write(writer, _root);

    private void SetValue(string field, object value)
    {
        var (parent, name) = Parent(field);
        parent.TryAdd(name, value);
    }

    private (SortedDictionary<string, object> Parent, string Name) Parent(string field)
    {
        var node = _root;
        var start = 0;
        int dot;
        while ((dot = field.IndexOf('.', start)) >= 0)
        {
            var segment = field[start..dot];
            if (!node.TryGetValue(segment, out var child))
            {
                node[segment] = child = new SortedDictionary<string, object>(StringComparer.Ordinal);
            }

            // A field cannot be both a value and an object; the mappers never ask for that.
            node = child as SortedDictionary<string, object>
                ?? throw new InvalidOperationException($"ECS field {field} collides with a value at {segment}.");
            start = dot + 1;
        }

        return (node, field[start..]);
    }

    private static void Write(Utf8JsonWriter writer, SortedDictionary<string, object> node)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in node)
        {
            writer.WritePropertyName(name);
            switch (value)
            {
                case string s: writer.WriteStringValue(s); break;
                case ReadOnlyMemory<byte> utf8: writer.WriteStringValue(utf8.Span); break;
                case long l: writer.WriteNumberValue(l); break;
                case bool b: writer.WriteBooleanValue(b); break;
                case List<string> list:
                    writer.WriteStartArray();
                    list.ForEach(writer.WriteStringValue);
                    writer.WriteEndArray();
                    break;
                case List<EcsDocument> objects:
                    writer.WriteStartArray();
                    objects.ForEach(o => o.WriteTo(writer));
                    writer.WriteEndArray();
                    break;
                case SortedDictionary<string, object> child: Write(writer, child); break;
            }
        }

        writer.WriteEndObject();
    }
}
