using System.Globalization;
using System.Text.RegularExpressions;

namespace DefenderConnector.Sources.Storage;

/// <summary>Reads the hour from an export blob's path (<c>…/y=2026/m=12/d=02/h=13/m=00/PT1H.json</c>).</summary>
internal static partial class ExportBlobName
{
    public static DateTimeOffset? HourOf(string name)
    {
        var match = HourPath().Match(name);
        if (!match.Success)
        {
            return null;
        }

        int Part(string group) => int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture);
        try
        {
            return new DateTimeOffset(Part("y"), Part("mo"), Part("d"), Part("h"), 0, 0, TimeSpan.Zero);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"(?:^|/)y=(?<y>\d{4})/m=(?<mo>\d{1,2})/d=(?<d>\d{1,2})/h=(?<h>\d{1,2})(?:/|$)", RegexOptions.CultureInvariant)]
    private static partial Regex HourPath();
}
