using System.Text;
using DefenderConnector.Decoding;

namespace DefenderConnector.Tests.Decoding;

/// <summary>The one repair rule for bodies that are not valid Unicode text.</summary>
public sealed class TextRepairTests
{
    [Theory]
    [InlineData("\"\\ud800\"", "\"\\uFFFD\"")]
    [InlineData("\"\\udc00x\"", "\"\\uFFFDx\"")]
    [InlineData("\"\\ud83d\\ude00\"", null)]
    [InlineData("\"\\ud83d\\u0041\"", "\"\\uFFFD\\u0041\"")]
    [InlineData("\"\\\\ud800\"", null)]
    [InlineData("\"\\\\\\ud800\"", "\"\\\\\\uFFFD\"")]
    [InlineData("\"a\\nb\\u00e9\"", null)]
    [InlineData("\"\\ud800\\ud800\"", "\"\\uFFFD\\uFFFD\"")]
    public void Lone_surrogate_escapes_become_U_FFFD_escapes_and_pairs_stay(string input, string? expected)
    {
        var bytes = Encoding.UTF8.GetBytes(input);
        Assert.Equal(expected is not null, TextRepair.NeedsRepair(bytes));
        var buffer = Array.Empty<byte>();
        var length = TextRepair.Repair(bytes, ref buffer);
        Assert.Equal(expected ?? input, Encoding.UTF8.GetString(buffer, 0, length));
    }

    [Fact]
    public void Each_ill_formed_utf8_subpart_becomes_one_U_FFFD()
    {
        byte[] input = [(byte)'"', (byte)'a', 0xC3, 0xFF, 0xE2, 0x82, (byte)'b', 0xED, 0xA0, 0x80, (byte)'"'];
        Assert.True(TextRepair.NeedsRepair(input));
        var buffer = Array.Empty<byte>();
        var length = TextRepair.Repair(input, ref buffer);
        Assert.Equal("\"a\uFFFD\uFFFD\uFFFDb\uFFFD\uFFFD\uFFFD\"", Encoding.UTF8.GetString(buffer, 0, length));
    }

    [Fact]
    public void A_byte_order_mark_is_skipped_only_at_the_start()
    {
        Assert.Equal(3, TextRepair.PrefixToSkip([0xEF, 0xBB, 0xBF, (byte)'{']));
        Assert.Equal(0, TextRepair.PrefixToSkip("{}"u8));
    }
}
