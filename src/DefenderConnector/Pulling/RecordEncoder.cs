using System.Buffers;
using System.Text.Json;
using DefenderConnector.Decoding;
using DefenderConnector.Encoders;
using DefenderConnector.Mapping;

namespace DefenderConnector.Pulling;

/// <summary>
/// The map → encode step of the pull engine's batcher (pulls and replays alike): one record (or API object) is mapped to OCSF into a scratch buffer, then encoded onto the
/// caller's output. Not thread-safe: one per batcher or replay.
/// </summary>
internal sealed class RecordEncoder
{
    private readonly OcsfMapper _mapper;
    private readonly IEventEncoder _encoder;
    private readonly ArrayBufferWriter<byte> _ocsf = new(64 * 1024);
    private readonly OcsfEventWriter _writer;

    /// <param name="tenant">The configured tenant every event is stamped with (<c>tenants[]</c>), or null.</param>
    public RecordEncoder(OcsfMapper mapper, IEventEncoder encoder, TenantStamp? tenant = null)
    {
        _mapper = mapper;
        _encoder = encoder;
        // CEF and ECS read the event the mapper recorded while writing it (no second parse of the JSON);
        // CEF, and ECS without ocsf.original, have the mapper write no OCSF JSON at all.
        _writer = new OcsfEventWriter(
            new Utf8JsonWriter(_ocsf, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
            encoder.ReadsTree ? new OcsfTree() : null,
            writeJson: encoder.ReadsJson)
        {
            Tenant = tenant,
        };
    }

    public IEventEncoder Encoder => _encoder;

    /// <summary>
    /// Maps an API object, or with <paramref name="indexedRecord"/> that record of the message <paramref name="json"/>
    /// (its whole body) last decoded by <paramref name="message"/>, and appends the encoded event to <paramref name="into"/>.
    /// On a failed result the bytes an encoder may have left in <paramref name="into"/> belong to no event.
    /// </summary>
    public MapResult MapOne(ReadOnlySpan<byte> json, in RecordOrigin origin, IndexedMessage message, int indexedRecord, ArrayBufferWriter<byte> into)
    {
        _ocsf.ResetWrittenCount();
        _writer.Reset(_ocsf);
        MapResult result;
        try
        {
            result = indexedRecord >= 0 ? message.Map(json, indexedRecord, origin, _writer) : _mapper.Map(json, origin, _writer);
            _writer.Flush();
        }
        catch (Exception e) when (Failures.IsRecoverable(e))
        {
            // One record's failure, whatever it is, costs that record (dead-lettered), never the partition.
            return MapResult.Fail("Unknown", $"The mapper failed: {e.Message}");
        }

        if (result.Status == MapStatus.Failed)
        {
            return result;
        }

        try
        {
            _encoder.Encode(_writer.Tree, _ocsf.WrittenMemory, into);
        }
        catch (Exception e) when (Failures.IsRecoverable(e))
        {
            return MapResult.Fail(result.Table, $"The encoder failed: {e.Message}");
        }

        return result;
    }
}
