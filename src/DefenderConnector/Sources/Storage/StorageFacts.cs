using System.Collections.Concurrent;
using System.Globalization;

namespace DefenderConnector.Sources.Storage;

/// <summary>What one pull of the Storage export source learned, for its summary; shared by the containers read at once.</summary>
internal sealed class StorageFacts
{
    private readonly ConcurrentDictionary<string, long> _deliveredTo = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _notes = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> _tablesSkipped = [];
    private long _containers;
    private long _blobsListed;
    private long _blobsRetired;
    private long _bytesRead;
    private long _partialBytes;

    public void AddContainer() => Interlocked.Increment(ref _containers);

    public void AddListed(int blobs) => Interlocked.Add(ref _blobsListed, blobs);

    public void AddRetired(int blobs) => Interlocked.Add(ref _blobsRetired, blobs);

    public void AddBytesRead(long bytes) => Interlocked.Add(ref _bytesRead, bytes);

    public void AddPartial(long bytes) => Interlocked.Add(ref _partialBytes, bytes);

    public void AddDelivered(ExportBlob blob, long bytes) => _deliveredTo[$"{blob.Container}/{blob.Name}"] = bytes;

    public void Note(ExportBlob blob, string text) => _notes[$"{blob.Container}/{blob.Name}"] = text;

    public void Note(string what, string text) => _notes[what] = text;

    public void SkipTable(string container) => _tablesSkipped.Add(container);

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public IReadOnlyList<KeyValuePair<string, string>> ToFacts()
    {
        static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
        var facts = new List<KeyValuePair<string, string>>
        {
            new("containers", N(Interlocked.Read(ref _containers))),
            new("blobs", $"{N(Interlocked.Read(ref _blobsListed))} listed, {N(Interlocked.Read(ref _blobsRetired))} finished earlier (not read), {N(_deliveredTo.Count)} read"),
            new("bytes read", N(BytesRead)),
        };
        if (!_tablesSkipped.IsEmpty)
        {
            facts.Add(new("containers not read (table filter)", string.Join(", ", _tablesSkipped.Order(StringComparer.Ordinal))));
        }

        if (Interlocked.Read(ref _partialBytes) is > 0 and var partial)
        {
            facts.Add(new("unfinished lines", $"{N(partial)} bytes of lines still being written wait for the next pull"));
        }

        foreach (var (what, note) in _notes.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            facts.Add(new(what, note));
        }

        return facts;
    }
}
