using System.Globalization;

namespace DefenderConnector.Sources.Storage;

/// <summary>
/// A container's retirement mark, kept as a cursor: every blob of an hour before <see cref="Hour"/> was read
/// to its end after its hour had ended and <c>retireAfter</c> had passed, and none had been appended to later
/// than <see cref="LastModified"/> (the service's clock, as the listing showed it). A pull skips such a blob
/// without looking up its checkpoint or reading it; one the listing shows appended to later (any change after
/// the listing that retired it carries a later time) is read on from its checkpoint like any other.
/// </summary>
internal readonly record struct RetirementMark(DateTimeOffset Hour, DateTimeOffset LastModified)
{
    private const string Format = "yyyy-MM-ddTHH:mm:ssZ";

    public static string CursorKey(string streamKey) => streamKey + "|retired-before";

    public static RetirementMark? Parse(string? text)
    {
        var parts = text?.Split('|');
        return parts is { Length: 2 }
            && DateTimeOffset.TryParseExact(parts[0], Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var hour)
            && DateTimeOffset.TryParseExact(parts[1], Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var modified)
            ? new RetirementMark(hour, modified)
            : null;
    }

    /// <summary>
    /// True when <paramref name="blob"/> can be skipped. Listings show whole seconds: an append in the very second of
    /// the newest retired change, after the listing that retired it, would go unseen; Defender does not append to an
    /// hour's blob once the hour is over, and a blob is retired only <c>retireAfter</c> after that.
    /// </summary>
    public bool Covers(ExportBlob blob) =>
        blob.Hour is { } hour && hour < Hour && blob.LastModified <= LastModified;

    public override string ToString() =>
        $"{Hour.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture)}|{LastModified.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture)}";
}
