using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>
/// One forward pass over a record's <c>properties</c> object that records where every property is,
/// indexed by <see cref="Column"/>. Escaped strings are unescaped once into the arena, whose size
/// never needs to exceed the properties' own length.
/// </summary>
internal static class RowReader
{
    /// <summary>False when <paramref name="properties"/> is not a JSON object or has more properties than <paramref name="cells"/> holds.</summary>
    public static bool TryScan(ReadOnlySpan<byte> properties, Span<byte> arena, Span<Cell> cells, Span<short> index, FieldNames names, out int count)
    {
        count = 0;
        var reader = new Utf8JsonReader(properties);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            index.Clear();
            return false;
        }

        return TryScanObject(ref reader, arena, cells, index, names, out count, out _);
    }

    /// <summary>
    /// Scans the object the reader is positioned on (its StartObject) and leaves the reader on its
    /// EndObject, so an envelope reader can index <c>properties</c> in the same pass. Offsets are
    /// relative to the reader's input; <paramref name="arenaUsed"/> is how much of the arena unescaped strings took.
    /// On overflow the rest of the object is skipped and false returned.
    /// </summary>
    public static bool TryScanObject(ref Utf8JsonReader reader, Span<byte> arena, Span<Cell> cells, Span<short> index, FieldNames names, out int count, out int arenaUsed)
    {
        count = 0;
        arenaUsed = 0;
        index.Clear();
        Span<byte> name = stackalloc byte[FieldNames.MaxNameLength];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (count == cells.Length)
            {
                reader.Read();
                reader.Skip();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    reader.Read();
                    reader.Skip();
                }

                return false;
            }

            ref var cell = ref cells[count];
            cell = default;
            cell.NameStart = (int)reader.TokenStartIndex + 1;
            cell.NameLength = reader.ValueSpan.Length;
            var known = false;
            var column = default(Column);
            if (!reader.ValueIsEscaped)
            {
                known = names.TryFind(reader.ValueSpan, out column);
            }
            else if (reader.ValueSpan.Length <= name.Length)
            {
                known = names.TryFind(name[..reader.CopyString(name)], out column);
            }

            reader.Read();
            cell.Token = reader.TokenType;
            cell.RawStart = (int)reader.TokenStartIndex;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    reader.Skip();
                    cell.RawLength = (int)reader.BytesConsumed - cell.RawStart;
                    cell.ValueStart = cell.RawStart;
                    cell.ValueLength = cell.RawLength;
                    break;
                case JsonTokenType.String:
                    cell.RawLength = reader.ValueSpan.Length + 2;
                    if (reader.ValueIsEscaped)
                    {
                        var written = reader.CopyString(arena[arenaUsed..]);
                        cell.InArena = true;
                        cell.ValueStart = arenaUsed;
                        cell.ValueLength = written;
                        arenaUsed += written;
                    }
                    else
                    {
                        cell.ValueStart = cell.RawStart + 1;
                        cell.ValueLength = reader.ValueSpan.Length;
                    }

                    break;
                default:
                    cell.RawLength = reader.ValueSpan.Length;
                    cell.ValueStart = cell.RawStart;
                    cell.ValueLength = cell.RawLength;
                    break;
            }

            cell.Column = -1;
            if (known && index[(int)column] == 0)
            {
                cell.Column = (short)column;
                index[(int)column] = (short)(count + 1);
            }

            count++;
        }

        return true;
    }
}
