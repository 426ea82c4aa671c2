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
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly bool _original;

    /// <param name="original">Keep the whole OCSF event in <c>ocsf.original</c> (about two thirds of each document).</param>
    public EcsEncoder(bool original = true) => _original = original;

    public string Format => "ecs";

    public bool ReadsTree => true;

    public void Encode(OcsfTree? tree, ReadOnlyMemory<byte> ocsfEvent, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var ecs = Map(new OcsfView(tree.Root), _original ? ocsfEvent : null);
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        ecs.WriteTo(writer);
    }

    /// <param name="original">The OCSF JSON for <c>ocsf.original</c>, or null to leave it out.</param>
    public static EcsDocument Map(OcsfView e, ReadOnlyMemory<byte>? original)
    {
        var d = new EcsDocument();
        EcsEventFields.Fill(e, d, original);
        EcsEntityFields.Fill(e, d);
        EcsNetworkFields.Fill(e, d);
        EcsThreatFields.Fill(e, d);
        EcsEvidenceFields.Fill(e, d);
        return d;
    }
}
