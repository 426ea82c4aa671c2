using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>Everything a table mapper needs for one record: where to write, the indexed properties and the envelope.</summary>
internal readonly ref struct MapContext
{
    public MapContext(OcsfEventWriter writer, Row row, string table, EnvelopeText tenantId, EnvelopeText envelopeTime, in RecordOrigin origin, bool fromApi = false, JsonEncodedText encodedTable = default)
    {
        FromApi = fromApi;
        EncodedTable = encodedTable;
        Writer = writer;
        Row = row;
        Table = table;
        TenantId = tenantId;
        EnvelopeTime = envelopeTime;
        Origin = origin;
    }

    public OcsfEventWriter Writer { get; }

    public Row Row { get; }

    /// <summary>The Defender table (the category without <c>AdvancedHunting-</c>), written as <c>metadata.log_name</c>.</summary>
    public string Table { get; }

    /// <summary><see cref="Table"/> encoded once per table (empty when the caller has none).</summary>
    public JsonEncodedText EncodedTable { get; }

    public EnvelopeText TenantId { get; }

    /// <summary>The envelope's <c>time</c>: the first fallback when the row has no Timestamp.</summary>
    public EnvelopeText EnvelopeTime { get; }

    public RecordOrigin Origin { get; }

    /// <summary>True for Graph and legacy API objects (log_provider differs, nothing else).</summary>
    public bool FromApi { get; }

    public MapResult Mapped(OcsfClass cls) => new(MapStatus.Mapped, Table, cls.Uid);
}
