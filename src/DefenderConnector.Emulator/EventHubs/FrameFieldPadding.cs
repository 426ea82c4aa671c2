using System.Buffers.Binary;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// Writes every performative with all of its fields, trailing nulls included, as the service's AMQP stack
/// does. AMQPNetLite leaves trailing null fields out (legal AMQP), but Microsoft's Python client
/// (azure-eventhub's own AMQP stack, as Debian ships it) indexes the fields it reads without a length
/// check, e.g. attach field 11 (offered-capabilities) and 13 (properties), and fails on a short list.
/// A frame is rewritten only when it is one whole frame whose body is a described list with a small-ulong
/// descriptor of a known performative; anything else passes through unchanged. A frame is never padded
/// past the emulator's maximum frame size: AMQPNetLite cuts the transfers of a large message into frames
/// of exactly that size, and one byte more makes the client close the connection (the .NET SDK offers
/// 64 KiB frames, so a message above about 128 KiB could not be received).
/// </summary>
internal static class FrameFieldPadding
{
    const byte NullCode = 0x40;
    const byte List0 = 0x45;
    const byte List8 = 0xc0;
    const byte List32 = 0xd0;
    const byte SmallUlong = 0x53;

    /// <summary>The field count of each performative by frame type (0 AMQP, 1 SASL) and descriptor code (AMQP 1.0 sections 2.7 and 5.3.3).</summary>
    static int FieldCount(byte frameType, byte code) => (frameType, code) switch
    {
        (0, 0x10) => 10, // open
        (0, 0x11) => 8,  // begin
        (0, 0x12) => 14, // attach
        (0, 0x13) => 11, // flow
        (0, 0x14) => 11, // transfer
        (0, 0x15) => 6,  // disposition
        (0, 0x16) => 3,  // detach
        (0, 0x17) => 1,  // end
        (0, 0x18) => 1,  // close
        (1, 0x40) => 1,  // sasl-mechanisms
        (1, 0x41) => 3,  // sasl-init
        (1, 0x42) => 1,  // sasl-challenge
        (1, 0x43) => 1,  // sasl-response
        (1, 0x44) => 2,  // sasl-outcome
        _ => 0,
    };

    /// <summary>The frame with its performative's missing trailing fields written as nulls, or the same array.</summary>
    public static byte[] Pad(byte[] frame)
    {
        if (frame.Length < 12) { return frame; }

        uint size = BinaryPrimitives.ReadUInt32BigEndian(frame);
        int bodyStart = frame[4] * 4;
        if (size != frame.Length || bodyStart < 8 || bodyStart + 4 > frame.Length) { return frame; }

        if (frame[bodyStart] != 0x00 || frame[bodyStart + 1] != SmallUlong) { return frame; }

        int full = FieldCount(frame[5], frame[bodyStart + 2]);
        int listAt = bodyStart + 3;
        if (full == 0 || !TryReadList(frame, listAt, out int count, out int elementsAt, out int listEnd) || count >= full)
        {
            return frame;
        }

        int elementBytes = listEnd - elementsAt + (full - count);
        bool small = elementBytes + 1 <= 255;
        int header = small ? 3 : 9;
        int length = listAt + header + elementBytes + (frame.Length - listEnd);
        if (length > EventHubConstants.MaxFrameSize) { return frame; }

        var padded = new byte[length];
        frame.AsSpan(0, listAt).CopyTo(padded);
        int at = listAt;
        if (small)
        {
            padded[at++] = List8;
            padded[at++] = (byte)(elementBytes + 1);
            padded[at++] = (byte)full;
        }
        else
        {
            padded[at++] = List32;
            BinaryPrimitives.WriteUInt32BigEndian(padded.AsSpan(at), (uint)(elementBytes + 4));
            BinaryPrimitives.WriteUInt32BigEndian(padded.AsSpan(at + 4), (uint)full);
            at += 8;
        }

        frame.AsSpan(elementsAt, listEnd - elementsAt).CopyTo(padded.AsSpan(at));
        at += listEnd - elementsAt;
        padded.AsSpan(at, full - count).Fill(NullCode);
        at += full - count;
        frame.AsSpan(listEnd).CopyTo(padded.AsSpan(at));
        BinaryPrimitives.WriteUInt32BigEndian(padded, (uint)padded.Length);
        return padded;
    }

    static bool TryReadList(byte[] frame, int at, out int count, out int elementsAt, out int listEnd)
    {
        count = 0;
        elementsAt = listEnd = at + 1;
        switch (frame[at])
        {
            case List0:
                return true;
            case List8 when at + 3 <= frame.Length:
                count = frame[at + 2];
                elementsAt = at + 3;
                listEnd = at + 2 + frame[at + 1];
                break;
            case List32 when at + 9 <= frame.Length:
                uint listSize = BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(at + 1));
                uint listCount = BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(at + 5));
                if (listSize > int.MaxValue || listCount > int.MaxValue) { return false; }

                count = (int)listCount;
                elementsAt = at + 9;
                listEnd = (int)Math.Min(at + 5L + listSize, int.MaxValue);
                break;
            default:
                return false;
        }

        return listEnd <= frame.Length && elementsAt <= listEnd;
    }
}
