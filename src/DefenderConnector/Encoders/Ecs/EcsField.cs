using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DefenderConnector.Encoders.Ecs;

/// <summary>
/// One dotted ECS field name, worked out once per process: a small id for the documents' per-field
/// tables, its enclosing objects (themselves fields, <c>a</c> and <c>a.b</c> for <c>a.b.c</c>), its
/// last segment already encoded for the writer, and a key that sorts as nested sorted objects do.
/// The names come from the encoder's code, so the registry stays small (a few hundred names).
/// </summary>
internal sealed class EcsField
{
    private static readonly ConcurrentDictionary<string, EcsField> Registry = new(StringComparer.Ordinal);
    private static int s_count;

    private EcsField(string name)
    {
        Name = name;
        var dot = name.LastIndexOf('.');
        Parents = dot < 0 ? [] : [.. Of(name[..dot]).Parents, Of(name[..dot])];
        Segment = JsonEncodedText.Encode(name.AsSpan(dot + 1), JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        // Ordinal order with every dot as the lowest character: `a.b` before `a_c`, as nested sorted objects put them.
        SortKey = name.Replace('.', '\0');
        Id = Interlocked.Increment(ref s_count) - 1;
    }

    /// <summary>How many fields exist so far (every id is below it).</summary>
    public static int Count => Volatile.Read(ref s_count);

    public string Name { get; }

    public int Id { get; }

    /// <summary>The enclosing objects, outermost first.</summary>
    public EcsField[] Parents { get; }

    /// <summary>The last segment of the name, as a property name.</summary>
    public JsonEncodedText Segment { get; }

    /// <summary>The name with every dot as the lowest character, so an ordinal comparison puts <c>a.b</c> before <c>a_c</c>.</summary>
    public string SortKey { get; }

    /// <summary>The order fields are written in: nested objects with their keys sorted ordinally.</summary>
    public static int Compare(EcsField a, EcsField b) => string.CompareOrdinal(a.SortKey, b.SortKey);

    /// <summary>
    /// The field named <paramref name="name"/>. The encoders pass the same string objects event after
    /// event (literals, <see cref="FieldPath"/>'s paths), so a table by object identity answers most
    /// calls without hashing the name; the registry answers the rest.
    /// </summary>
    public static EcsField Of(string name) =>
        Seen.GetOrAdd(name, 0, static (n, _) => Registry.TryGetValue(n, out var known) ? known : Registry.GetOrAdd(n, static n => new EcsField(n)));

    private static readonly IdentityTable<EcsField> Seen = new(2048);

    public override string ToString() => Name;

    /// <summary>
    /// Every field's place in the written order (<see cref="Compare"/>), by id, or -1 (or beyond the
    /// table) for a field it does not know: documents sort numbers instead of comparing names. A caller
    /// that meets such a field passes it as <paramref name="unknown"/> and gets a table made again,
    /// under a lock, that knows it; this happens only while the process meets its first events (a field
    /// still being registered when a table was made has no rank in it). A table once handed out never changes.
    /// </summary>
    public static int[] Ranks(EcsField? unknown = null)
    {
        if (unknown is null)
        {
            return Volatile.Read(ref s_ranks);
        }

        lock (RanksLock)
        {
            if (unknown.Id < s_ranks.Length && s_ranks[unknown.Id] >= 0)
            {
                return s_ranks;
            }

            var fields = Registry.Values.ToArray();
            Array.Sort(fields, Compare);
            var table = new int[fields.Max(f => f.Id) + 1];
            Array.Fill(table, -1);
            for (var rank = 0; rank < fields.Length; rank++)
            {
                table[fields[rank].Id] = rank;
            }

            Volatile.Write(ref s_ranks, table);
            return table;
        }
    }

    private static readonly Lock RanksLock = new();
    private static int[] s_ranks = [];
}
