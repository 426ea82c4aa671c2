using System.Buffers;
using System.Text;
using System.Text.Json;

namespace DefenderConnector.Encoders;

/// <summary>
/// Fills an <see cref="OcsfTree"/> from OCSF JSON that did not come from this process's mapper
/// (events read back by replay, hand-written test events). The pull path never comes here: the mapper
/// records the tree while it writes.
/// </summary>
internal static class OcsfTreeReader
{
    public static void Read(ReadOnlySpan<byte> json, OcsfTree tree)
    {
        tree.Clear();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        char[]? rented = null;
        Span<char> name = stackalloc char[128];
        var nameLength = 0;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var needed = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
                        if (needed > name.Length)
                        {
                            if (rented is not null)
                            {
                                ArrayPool<char>.Shared.Return(rented);
                            }

                            name = rented = ArrayPool<char>.Shared.Rent(needed);
                        }

                        nameLength = reader.CopyString(name);
                        continue;
                    case JsonTokenType.StartObject:
                        tree.Open(JsonValueKind.Object, tree.Names.Of(name[..nameLength]));
                        break;
                    case JsonTokenType.StartArray:
                        tree.Open(JsonValueKind.Array, tree.Names.Of(name[..nameLength]));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        tree.Close();
                        break;
                    case JsonTokenType.String:
                        tree.String(tree.Names.Of(name[..nameLength]), reader.GetString().AsSpan());
                        break;
                    case JsonTokenType.Number:
                        var raw = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
                        tree.Number(tree.Names.Of(name[..nameLength]), raw, reader.TryGetInt64(out var number) ? number : null);
                        break;
                    case JsonTokenType.True:
                        tree.Literal(tree.Names.Of(name[..nameLength]), JsonValueKind.True);
                        break;
                    case JsonTokenType.False:
                        tree.Literal(tree.Names.Of(name[..nameLength]), JsonValueKind.False);
                        break;
                    case JsonTokenType.Null:
                        tree.Literal(tree.Names.Of(name[..nameLength]), JsonValueKind.Null);
                        break;
                }

                nameLength = 0;
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
