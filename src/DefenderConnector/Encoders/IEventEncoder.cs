using System.Buffers;

namespace DefenderConnector.Encoders;

/// <summary>Turns one OCSF event into the configured output encoding.</summary>
internal interface IEventEncoder
{
    /// <summary>The format name carried on every batch: <c>ocsf</c>, <c>cef</c>, <c>ecs</c>.</summary>
    string Format { get; }

    /// <summary>Whether <see cref="Encode"/> reads the recorded tree (then the mapper records one while it writes).</summary>
    bool ReadsTree { get; }

    /// <summary>Whether <see cref="Encode"/> reads the OCSF JSON (when false the mapper writes none; the tree is the event).</summary>
    bool ReadsJson { get; }

    /// <summary>
    /// Writes the encoded event (no trailing newline) to <paramref name="output"/>: from <paramref name="tree"/>,
    /// the event as the mapper recorded it (required when <see cref="ReadsTree"/>), and
    /// <paramref name="ocsfEvent"/>, the same event as OCSF JSON (empty when <see cref="ReadsJson"/> is false).
    /// </summary>
    void Encode(OcsfTree? tree, ReadOnlyMemory<byte> ocsfEvent, IBufferWriter<byte> output);
}
