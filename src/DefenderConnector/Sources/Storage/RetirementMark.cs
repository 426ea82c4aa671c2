using System.Globalization;

namespace DefenderConnector.Sources.Storage;

/// <summary>
/// A container's retirement mark, kept as a cursor: every blob of an hour before <see cref="Hour"/> was read
/// to its end after its hour had ended and <c>retireAfter</c> had passed, so a pull skips it without looking
/// up its checkpoint or reading it, unless the listing shows it was appended to after that (then it is read
/// on from its checkpoint like any other).
/// </summary>
internal readonly record struct RetirementMark(DateTimeOffset Hour)
{
    public static string CursorKey(string streamKey) => streamKey + "|retired-before";

    public static RetirementMark? Parse(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var hour) ? new RetirementMark(hour) : null;

    /// <summary>True when <paramref name="blob"/> can be skipped: its hour is before the mark and it was not appended to after it was finished.</summary>
    public bool Covers(ExportBlob blob, TimeSpan retireAfter) =>
        blob.Hour is { } hour && hour < Hour && blob.LastModified <= hour.AddHours(1) + retireAfter;

    public override string ToString() => Hour.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
