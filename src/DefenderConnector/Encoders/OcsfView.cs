using System.Globalization;
using System.Text.Json;

namespace DefenderConnector.Encoders;

/// <summary>
/// Read-only access to one OCSF event by dotted attribute path (<c>actor.process.file.path</c>),
/// over the <see cref="OcsfTree"/> the mapper recorded while writing the event.
/// </summary>
internal readonly struct OcsfView
{
    /// <summary>OCSF <c>fingerprint.algorithm_id</c> values.</summary>
    public const int Md5 = 1, Sha1 = 2, Sha256 = 3, Sha512 = 4;

    public OcsfView(OcsfNode root) => Root = root;

    public OcsfNode Root { get; }

    public bool Has(string path) => Locate(path) >= 0;

    /// <summary>The node at <paramref name="path"/>, or null when any step is missing or JSON null. A numeric step indexes an array (<c>web_resources.0.url_string</c>).</summary>
    public OcsfNode? Element(string path) => Find(Root, path);

    /// <summary>A scalar as text: strings as is, numbers and booleans as written; empty strings count as missing.</summary>
    public string? Text(string path) => Scalar(Element(path));

    /// <summary>As <see cref="Text"/>, without allocating: the characters stay in the event's tree (valid until the next event).</summary>
    public ReadOnlyMemory<char>? Chars(string path)
    {
        // Read on the tree by node number, without an OcsfNode? between each step.
        var index = Locate(path);
        return index < 0 ? null : Root.Tree!.ScalarChars(index);
    }

    public long? Long(string path)
    {
        var index = Locate(path);
        return index < 0 ? null : Root.Tree!.Int64(index);
    }

    /// <summary>As <see cref="Chars"/>, from <paramref name="start"/> (none: missing).</summary>
    public static ReadOnlyMemory<char>? CharsAt(OcsfNode? start, string path) => start is { } node ? new OcsfView(node).Chars(path) : null;

    /// <summary>As <see cref="Long"/>, from <paramref name="start"/> (none: missing).</summary>
    public static long? LongAt(OcsfNode? start, string path) => start is { } node ? new OcsfView(node).Long(path) : null;

    /// <summary>The node number <paramref name="path"/> leads to from the root, or -1.</summary>
    private int Locate(string path) => Root is { Tree: { } tree, Index: >= 0 } root ? tree.Resolve(root.Index, tree.Names.Path(path)) : -1;

    /// <summary>The elements of an array attribute (none when missing or not an array).</summary>
    public OcsfNode.ArrayItems Array(string path) => Items(Element(path));

    /// <summary>
    /// A file node's MD5, SHA-1, SHA-256 and SHA-512 from its <c>hashes</c>, by OCSF algorithm id, in one
    /// pass over the fingerprints. The first fingerprint of an algorithm counts, even when its value is
    /// empty. Read in place, not as strings: hashes are unique per file, so a string per read would be a
    /// new one for nearly every event.
    /// </summary>
    public static FileHashes HashesOf(OcsfNode? file)
    {
        var found = default(FileHashes);
        if (Find(file, "hashes") is { ValueKind: JsonValueKind.Array } hashes)
        {
            var seen = 0;
            foreach (var fingerprint in hashes.EnumerateArray())
            {
                var id = AlgorithmOf(fingerprint);
                if (id is >= Md5 and <= Sha512 && (seen & (1 << id)) == 0)
                {
                    seen |= 1 << id;
                    found[id] = CharsAt(fingerprint, "value");
                }
            }
        }

        return found;
    }

    private static int AlgorithmOf(OcsfNode fingerprint) =>
        Find(fingerprint, "algorithm_id") is { ValueKind: JsonValueKind.Number } id && id.TryGetInt32(out var v) ? v : -1;

    /// <summary>A file's MD5, SHA-1, SHA-256 and SHA-512 (<see cref="HashesOf"/>), indexed by OCSF algorithm id (1 to 4), each in place in the event's tree or missing.</summary>
    [System.Runtime.CompilerServices.InlineArray(Sha512 + 1)]
    public struct FileHashes
    {
        private ReadOnlyMemory<char>? _first;
    }

    public static OcsfNode? Find(OcsfNode? start, string path)
    {
        if (start is not { Tree: { } tree, Index: >= 0 } current)
        {
            return null;
        }

        // Split and keyed once per process (the encoders pass the same path strings event after event).
        var found = tree.Resolve(current.Index, tree.Names.Path(path));
        return found < 0 ? null : new OcsfNode(tree, found);
    }

    public static string? Scalar(OcsfNode? element) => element switch
    {
        { ValueKind: JsonValueKind.String } s => s.ValueSpan.Length > 0 ? s.GetString() : null,
        { ValueKind: JsonValueKind.Number } n => n.GetString(),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        _ => null,
    };

    public static ReadOnlyMemory<char>? ScalarChars(OcsfNode? element) =>
        element is { Tree: { } tree, Index: >= 0 } node ? tree.ScalarChars(node.Index) : null;

    public static OcsfNode.ArrayItems Items(OcsfNode? element) =>
        element is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : default;

    /// <summary>The length of <see cref="FormatIsoTime"/>'s text: <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.</summary>
    public const int IsoTimeLength = 24;

    /// <summary>Whether <paramref name="milliseconds"/> is a time <see cref="FormatIsoTime"/> can write (years 1 to 9999).</summary>
    public static bool IsIsoTime(long? milliseconds) => milliseconds is >= -62135596800000 and <= 253402300799999;

    /// <summary>
    /// Writes an OCSF <c>timestamp_t</c> (milliseconds since the epoch) as ISO-8601 UTC with milliseconds, UTF-8,
    /// into <paramref name="into"/> (<see cref="IsoTimeLength"/> bytes), for a time <see cref="IsIsoTime"/> accepts.
    /// </summary>
    public static void FormatIsoTime(long milliseconds, Span<byte> into)
    {
        // yyyy-MM-ddTHH:mm:ss.fffZ: the separators from a template, then each part's digits (a custom
        // format string is parsed again on every call).
        var t = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime;
        "0000-00-00T00:00:00.000Z"u8.CopyTo(into);
        ReadOnlySpan<int> parts = [t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second, t.Millisecond];
        ReadOnlySpan<int> starts = [0, 5, 8, 11, 14, 17, 20];
        for (var i = 0; i < parts.Length; i++)
        {
            Digits(into.Slice(starts[i], i == 0 ? 4 : i == parts.Length - 1 ? 3 : 2), parts[i]);
        }
    }

    private static void Digits(Span<byte> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
