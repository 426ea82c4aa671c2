using System.Buffers;

namespace DefenderConnector.Encoders;

/// <summary>OCSF JSON as mapped: the identity encoding.</summary>
internal sealed class OcsfJsonEncoder : IEventEncoder
{
    public string Format => "ocsf";

    public bool ReadsTree => false;

    public bool ReadsJson => true;

    public void Encode(OcsfTree? tree, ReadOnlyMemory<byte> ocsfEvent, IBufferWriter<byte> output) => output.Write(ocsfEvent.Span);
}
