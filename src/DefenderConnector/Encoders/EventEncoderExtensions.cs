using System.Buffers;

namespace DefenderConnector.Encoders;

/// <summary>Encoding OCSF JSON that no mapper of this process recorded (hand-written or stored events).</summary>
internal static class EventEncoderExtensions
{
    /// <summary>Reads <paramref name="ocsfEvent"/> into a tree first when the encoder needs one.</summary>
    public static void Encode(this IEventEncoder encoder, ReadOnlySpan<byte> ocsfEvent, IBufferWriter<byte> output)
    {
        OcsfTree? tree = null;
        if (encoder.ReadsTree)
        {
            tree = new OcsfTree();
            OcsfTreeReader.Read(ocsfEvent, tree);
        }

        encoder.Encode(tree, ocsfEvent.ToArray(), output);
    }
}
