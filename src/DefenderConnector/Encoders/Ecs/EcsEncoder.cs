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

    public string Format => "ecs";

    public void Encode(ReadOnlySpan<byte> ocsfEvent, IBufferWriter<byte> output)
    {
        using var document = JsonDocument.Parse(ocsfEvent.ToArray());
        var ecs = Map(new OcsfView(document.RootElement));
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        ecs.WriteTo(writer);
    }

    public static EcsDocument Map(OcsfView e)
    {
        var d = new EcsDocument();
        EcsEventFields.Fill(e, d);
        EcsEntityFields.Fill(e, d);
        EcsNetworkFields.Fill(e, d);
        EcsThreatFields.Fill(e, d);
        EcsEvidenceFields.Fill(e, d);
        return d;
    }
}
