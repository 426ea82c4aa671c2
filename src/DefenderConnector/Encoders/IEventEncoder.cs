using System.Buffers;

namespace DefenderConnector.Encoders;

/// <summary>Turns one OCSF event (JSON) into the configured output encoding.</summary>
internal interface IEventEncoder
{
    /// <summary>The format name carried on every batch: <c>ocsf</c>, <c>cef</c>, <c>ecs</c>.</summary>
    string Format { get; }

    /// <summary>Writes the encoded event (no trailing newline) to <paramref name="output"/>.</summary>
    void Encode(ReadOnlySpan<byte> ocsfEvent, IBufferWriter<byte> output);
}
