using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DefenderConnector.Encoders.Ecs;

/// <summary>
/// Elastic Common Schema 8.x JSON, one object per event, comparable to what Elastic's
/// m365_defender integration indexes; field table in <c>Encoders/README.md</c>.
/// </summary>
internal sealed class EcsEncoder : IEventEncoder
{
    // WriteTo opens and closes every object itself, so the writer need not check the nesting again.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private readonly bool _original;

    /// <param name="original">Keep the whole OCSF event in <c>ocsf.original</c> (about two thirds of each document).</param>
    public EcsEncoder(bool original = true) => _original = original;

    public string Format => "ecs";

    public bool ReadsTree => true;

    // Only ocsf.original copies the OCSF JSON; without it the mapper writes none.
    public bool ReadsJson => _original;

    public void Encode(OcsfTree? tree, ReadOnlyMemory<byte> ocsfEvent, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var document = t_document ??= new EcsDocument();
        var writer = t_writer ??= new Utf8JsonWriter(output, WriterOptions);
        try
        {
            Fill(new OcsfView(tree.Root), _original ? ocsfEvent : null, document);
            writer.Reset(output);
            document.WriteTo(writer);
            writer.Flush();
        }
        finally
        {
            // Nothing of this event stays reachable from the thread's document or writer.
            document.Clear();
            writer.Reset(Stream.Null);
        }
    }

    // One document and writer per thread, reused event after event (partitions encode concurrently).
    [ThreadStatic]
    private static EcsDocument? t_document;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <param name="original">The OCSF JSON for <c>ocsf.original</c>, or null to leave it out.</param>
    public static EcsDocument Map(OcsfView e, ReadOnlyMemory<byte>? original)
    {
        var d = new EcsDocument();
        Fill(e, original, d);
        return d;
    }

    private static void Fill(OcsfView e, ReadOnlyMemory<byte>? original, EcsDocument d)
    {
        EcsEventFields.Fill(e, d, original);
        EcsEntityFields.Fill(e, d);
        EcsNetworkFields.Fill(e, d);
        EcsThreatFields.Fill(e, d);
        EcsEvidenceFields.Fill(e, d);
    }
}
