using DefenderConnector.Configuration;
using DefenderConnector.Encoders;

namespace DefenderConnector.Tests.Encoders;

public sealed class EventEncodersTests
{
    [Fact]
    public void All_three_formats_are_supported() =>
        Assert.Equal([OutputFormat.Ocsf, OutputFormat.Cef, OutputFormat.Ecs], EventEncoders.Supported);

    [Theory]
    [InlineData("ocsf")]
    [InlineData("cef")]
    [InlineData("ecs")]
    public void Each_format_has_its_encoder(string name)
    {
        Assert.True(EventEncoders.TryParse(name, out var format));
        Assert.Equal(name, EventEncoders.For(format).Format);
    }

    [Theory]
    [InlineData("cef", true)]
    [InlineData("ECS", true)]
    [InlineData(" ocsf ", true)]
    [InlineData("1", false)]
    [InlineData("json", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Format_names_parse_case_insensitively(string? name, bool ok) =>
        Assert.Equal(ok, EventEncoders.TryParse(name, out _));

    [Fact]
    public void The_manifest_lists_the_supported_formats()
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "manifest.json");
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(manifest));
        var listed = document.RootElement.GetProperty("outputFormats").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Equal(EventEncoders.Supported.Select(f => f.ToString().ToLowerInvariant()), listed);
    }

    [Fact]
    public void Connector_version_has_no_build_metadata() =>
        Assert.DoesNotContain('+', EventEncoders.ConnectorVersion);
}
