namespace DefenderConnector.Sources.Graph;

/// <summary>
/// The page-turn decision shared by every list stream, as a pure function. Pages are turned by time:
/// a full page moves the boundary to its newest update time (objects at that time are read again and
/// dropped as duplicates by key), so <c>$skip</c> is only needed to step through a page made only of
/// objects sharing the boundary time, and never beyond the API's limit. A next link is followed only
/// while its <c>$skip</c> stays within that limit; a full page without a next link does not end the read.
/// </summary>
internal static class KeysetPaging
{
    /// <param name="page">The page just read.</param>
    /// <param name="at">The position that page was read at (its <c>$skip</c> included).</param>
    /// <param name="pageSize">The <c>$top</c> asked for.</param>
    /// <param name="skipLimit">The highest <c>$skip</c> the API accepts, or null when it documents none.</param>
    public static PageTurn Turn(ApiPage page, KeysetPosition at, int pageSize, int? skipLimit)
    {
        if (page.Items.Count == 0)
        {
            return PageTurn.Done;
        }

        if (page.NextLink is { } link)
        {
            var skip = SkipOf(link);
            if (skip is null || skipLimit is null || skip <= skipLimit)
            {
                return new PageTurn(link, null);
            }
        }
        else if (page.Items.Count < pageSize)
        {
            return PageTurn.Done;
        }

        DateTimeOffset? newest = null;
        foreach (var item in page.Items)
        {
            if (item.LastUpdate is { } t && (newest is null || t > newest))
            {
                newest = t;
            }
        }

        if (newest is { } n && n > at.From)
        {
            return new PageTurn(null, new KeysetPosition(n));
        }

        // Every object on the page shares the boundary time: step through them with $skip.
        var next = at.Skip + page.Items.Count;
        if (skipLimit is not { } limit || next <= limit)
        {
            return new PageTurn(null, at with { Skip = next });
        }

        if (at.Skip < limit)
        {
            return new PageTurn(null, at with { Skip = limit });
        }

        return new PageTurn(null, new KeysetPosition(at.From, 0, After: true), TieOverflow: true);
    }

    /// <summary>The <c>$skip</c> of a next link, or null when it pages some other way (a skip token).</summary>
    public static int? SkipOf(string link)
    {
        var query = link.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? link[(q + 1)..] : string.Empty;
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? part : part[..equals]);
            if (name == "$skip" && int.TryParse(Uri.UnescapeDataString(part[(equals + 1)..]), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var skip))
            {
                return skip;
            }
        }

        return null;
    }
}
