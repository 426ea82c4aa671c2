using System.Buffers.Binary;
using DefenderConnector.Emulator.EventHubs;

namespace DefenderConnector.IntegrationTests.Emulator;

/// <summary>Performatives go out with all their fields, as the service writes them (Microsoft's Python client indexes them).</summary>
public sealed class FrameFieldPaddingTests
{
    [Fact]
    public void EmptyCloseGetsItsErrorFieldAsNull()
    {
        byte[] frame = Frame(0, [0x00, 0x53, 0x18, 0x45]);

        byte[] padded = FrameFieldPadding.Pad(frame);

        Assert.Equal(Frame(0, [0x00, 0x53, 0x18, 0xc0, 0x02, 0x01, 0x40]), padded);
    }

    [Fact]
    public void ShortTransferIsPaddedToElevenFieldsAndKeepsItsPayload()
    {
        byte[] frame = Frame(0, [0x00, 0x53, 0x14, 0xc0, 0x03, 0x02, 0x43, 0x43, (byte)'a', (byte)'b', (byte)'c']);

        byte[] padded = FrameFieldPadding.Pad(frame);

        Assert.Equal(padded.Length, (int)BinaryPrimitives.ReadUInt32BigEndian(padded));
        Assert.Equal([0xc0, 3 + 9, 11, 0x43, 0x43, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40], padded[11..25]);
        Assert.Equal("abc"u8.ToArray(), padded[^3..]);
    }

    [Fact]
    public void ATransferFilledToTheMaximumFrameSizeIsNotPaddedPastIt()
    {
        byte[] body = new byte[EventHubConstants.MaxFrameSize - 8];
        new byte[] { 0x00, 0x53, 0x14, 0xc0, 0x03, 0x02, 0x43, 0x43 }.CopyTo(body, 0);
        byte[] full = Frame(0, body);
        byte[] roomForPadding = Frame(0, body[..^16]);

        Assert.Equal((int)EventHubConstants.MaxFrameSize, full.Length);
        Assert.Same(full, FrameFieldPadding.Pad(full));
        Assert.InRange(FrameFieldPadding.Pad(roomForPadding).Length, roomForPadding.Length + 1, (int)EventHubConstants.MaxFrameSize);
    }

    [Fact]
    public void FullFramesHeadersHeartbeatsAndUnknownBodiesPassThrough()
    {
        byte[] fullDetach = Frame(0, [0x00, 0x53, 0x16, 0xc0, 0x04, 0x03, 0x43, 0x41, 0x40]);
        byte[] header = "AMQP\0\u0001\0\0"u8.ToArray();
        byte[] heartbeat = Frame(0, []);
        byte[] notOneFrame = [.. fullDetach, .. fullDetach];

        Assert.Same(fullDetach, FrameFieldPadding.Pad(fullDetach));
        Assert.Same(header, FrameFieldPadding.Pad(header));
        Assert.Same(heartbeat, FrameFieldPadding.Pad(heartbeat));
        Assert.Same(notOneFrame, FrameFieldPadding.Pad(notOneFrame));
    }

    static byte[] Frame(byte type, byte[] body)
    {
        byte[] frame = new byte[8 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)frame.Length);
        frame[4] = 2;
        frame[5] = type;
        body.CopyTo(frame, 8);
        return frame;
    }
}
