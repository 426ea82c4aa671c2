using System.Text;
using DefenderConnector.Encoders.Cef;

namespace DefenderConnector.Tests.Encoders;

public sealed class CefEscapingTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a|b", @"a\|b")]
    [InlineData(@"C:\Temp", @"C:\\Temp")]
    [InlineData(@"\|", @"\\\|")]
    [InlineData("x=y", "x=y")]
    [InlineData("two\nlines", "two lines")]
    [InlineData("crlf\r\nend", "crlf  end")]
    [InlineData("tab\there", "tab\there")]
    [InlineData("bell\u0007nul\u0000", "bell nul ")]
    [InlineData("Ünïcødé 漢字 😀", "Ünïcødé 漢字 😀")]
    public void Header_escapes_pipes_and_backslashes_and_flattens_lines(string value, string expected)
    {
        var builder = new StringBuilder();
        CefEscaping.AppendHeader(builder, value);
        Assert.Equal(expected, builder.ToString());
    }

    [Theory]
    [InlineData("plain value", "plain value")]
    [InlineData("a=b", @"a\=b")]
    [InlineData(@"C:\new", @"C:\\new")]
    [InlineData(@"\=", @"\\\=")]
    [InlineData("a|b", "a|b")]
    [InlineData("one\ntwo", @"one\ntwo")]
    [InlineData("one\rtwo", @"one\rtwo")]
    [InlineData("one\r\ntwo", @"one\ntwo")]
    [InlineData("\n\n", @"\n\n")]
    [InlineData("end\\", @"end\\")]
    [InlineData(" cs1=forged", @" cs1\=forged")]
    [InlineData("esc\u001b[0m", "esc [0m")]
    [InlineData("Ünïcødé 漢字 😀", "Ünïcødé 漢字 😀")]
    public void Extension_escapes_equals_backslashes_and_line_breaks(string value, string expected)
    {
        var builder = new StringBuilder();
        CefEscaping.AppendExtensionValue(builder, value);
        Assert.Equal(expected, builder.ToString());
    }

    [Fact]
    public void A_value_cannot_forge_another_key()
    {
        var line = new CefEncoder("1").Encode(Ocsf.View("""{"class_uid":0,"message":"x suser=root cs1=evil"}"""));

        var parsed = CefParser.Parse(line);
        Assert.Equal("x suser=root cs1=evil", parsed["msg"]);
        Assert.Null(parsed["suser"]);
        Assert.Null(parsed["cs1"]);
    }

    [Fact]
    public void Header_fields_with_pipes_parse_back_to_seven_fields()
    {
        var line = new CefEncoder(@"1|2\3").Encode(Ocsf.View("""{"class_uid":2004,"finding_info":{"title":"a|b\\c","analytic":{"uid":"r|1"}}}"""));

        var parsed = CefParser.Parse(line);
        Assert.Equal(@"1|2\3", parsed.Header[3]);
        Assert.Equal("r|1", parsed.SignatureId);
        Assert.Equal(@"a|b\c", parsed.Name);
    }
}
