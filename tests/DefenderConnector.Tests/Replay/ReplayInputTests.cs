using System.Text;
using DefenderConnector.Replay;

namespace DefenderConnector.Tests.Replay;

public sealed class ReplayInputTests
{
    private static ReplayInput Read(string text) => ReplayInput.Read(Encoding.UTF8.GetBytes(text));

    private static string Text(ReplayInput input, Range range) => Encoding.UTF8.GetString(input.Data.Span[range]);

    [Fact]
    public void A_pretty_printed_document_is_one_value()
    {
        var input = Read("{\n  \"value\": [\n    {\"id\": 1}\n  ]\n}\n");
        Assert.Null(input.Problem);
        Assert.Single(input.Values);
        Assert.Empty(input.BadLines);
    }

    [Fact]
    public void Json_lines_are_separate_values_with_their_lines()
    {
        var input = Read("{\"a\":1}\r\n\r\n{\"b\":2}\n[3]");
        Assert.Equal(["{\"a\":1}", "{\"b\":2}", "[3]"], input.Values.Select(r => Text(input, r)));
        Assert.Equal([1L, 3L, 4L], input.Values.Select(r => input.LineOf(r.Start.Value)));
    }

    [Fact]
    public void A_malformed_line_is_reported_and_the_other_lines_kept()
    {
        var input = Read("{\"a\":1}\n{\"b\":\n{\"c\":3}\n");
        Assert.Null(input.Problem);
        Assert.Equal(["{\"a\":1}", "{\"c\":3}"], input.Values.Select(r => Text(input, r)));
        var bad = Assert.Single(input.BadLines);
        Assert.Equal(2, bad.Line);
    }

    [Fact]
    public void Two_values_on_one_line_make_that_line_bad_in_line_mode()
    {
        var input = Read("{\"a\":1} {\"b\":2}\n{\"c\":\n");
        Assert.Empty(input.Values);
        Assert.Equal([1L, 2L], input.BadLines.Select(b => b.Line));
        Assert.StartsWith("The input is not JSON", input.NoValueProblem());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n\t\n")]
    [InlineData("\uFEFF")]
    public void An_empty_input_is_unreadable(string text) =>
        Assert.Equal("The input is empty.", Read(text).Problem);

    [Fact]
    public void Text_that_is_not_json_is_unreadable_and_says_where()
    {
        // Whether bad lines leave nothing to read is the engine's call (a bad line may be a salvageable body):
        // the input names the first bad line for it.
        var problem = Read("time,category\n2024-01-01,AdvancedHunting-DeviceInfo\n").NoValueProblem();
        Assert.StartsWith("The input is not JSON", problem);
        Assert.Contains("line 1", problem);
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        var input = Read("\uFEFF{\"a\":1}");
        Assert.Null(input.Problem);
        Assert.Equal("{\"a\":1}", Text(input, input.Values[0]));
    }
}
