using System.Runtime.InteropServices;
using System.Text.Json;

namespace DefenderConnector.Encoders.Ecs;

/// <summary>Writing an <see cref="EcsDocument"/> as nested JSON with its keys sorted.</summary>
internal sealed partial class EcsDocument
{
    // Which ranks this document's fields have (a bit per rank) and the field at each rank, reused document after document.
    private int[] _atRank = [];
    private ulong[] _rankSet = [];

    /// <summary>Writes the document as nested JSON.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        // The fields in written order: a field's rank is its place in that order, and a document has at
        // most one value per field, so marking each rank in a bit set and reading the set back in order
        // sorts them without comparing anything.
        var fields = CollectionsMarshal.AsSpan(_fields);
        var ranks = EcsField.Ranks();
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i].Field;
            if (field.Id >= ranks.Length || ranks[field.Id] < 0)
            {
                // A field newer than the table: a table that knows it, and the ranks taken again from it.
                ranks = EcsField.Ranks(field);
                i = -1;
            }
        }

        if (_atRank.Length < ranks.Length)
        {
            _atRank = new int[ranks.Length];
            _rankSet = new ulong[(ranks.Length + 63) / 64];
        }

        // Empty even if an earlier write stopped half way.
        Array.Clear(_rankSet);

        for (var i = 0; i < fields.Length; i++)
        {
            var rank = ranks[fields[i].Field.Id];
            _rankSet[rank >> 6] |= 1UL << rank;
            _atRank[rank] = i;
        }

        writer.WriteStartObject();

        // The objects open now: the parents of the last field written, outermost first.
        EcsField[] open = [];
        for (var word = 0; word < _rankSet.Length; word++)
        {
            // Each set bit, lowest rank first.
            for (var bits = _rankSet[word]; bits != 0; bits &= bits - 1)
            {
                WriteField(writer, in fields[_atRank[(word << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits)]], ref open);
            }
        }

        for (var depth = open.Length; depth > 0; depth--)
        {
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes one field, closing and opening objects from those of the field written before it (<paramref name="open"/>).</summary>
    private static void WriteField(Utf8JsonWriter writer, in EcsValue entry, ref EcsField[] open)
    {
        var field = entry.Field;
        // Keep the objects this field shares with the previous one, close the rest, open its own.
        var parents = field.Parents;
        var common = 0;
        while (common < open.Length && common < parents.Length && ReferenceEquals(open[common], parents[common]))
        {
            common++;
        }

        for (var depth = open.Length; depth > common; depth--)
        {
            writer.WriteEndObject();
        }

        for (var i = common; i < parents.Length; i++)
        {
            writer.WriteStartObject(parents[i].Segment);
        }

        writer.WritePropertyName(field.Segment);
        entry.WriteTo(writer);
        open = parents;
    }
}
