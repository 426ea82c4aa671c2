using System.Text.Json;
using DefenderConnector.Mapping;
using DefenderConnector.Sources.Graph;

namespace DefenderConnector.Sources.Legacy;

/// <summary>
/// One legacy list read incrementally. The OData APIs have no next links, so pages are walked by the
/// cursor itself: each full page raises the lower bound to its newest update time; <c>$skip</c> is used
/// only to step through objects sharing one timestamp, so it stays small. The SIEM API answers one
/// bare array per <c>sinceTimeUtc</c>.
/// </summary>
internal sealed class LegacyStream(LegacyApiClient client, string tenantId, string clientId, int pageSize) : IApiStream
{
    public string Name => client.Spec.Name;

    public string CursorKey { get; } = $"{client.Spec.Mode}/{tenantId}/{clientId}/{client.Spec.Name}".ToLowerInvariant();

    public RecordKind Kind => client.Spec.Kind;

    public Task<ApiPage> FirstPageAsync(DateTimeOffset from, CancellationToken cancellationToken) =>
        ReadAsync(new LegacyContinuation(from, 0), cancellationToken);

    public Task<ApiPage> NextPageAsync(ApiPage previous, CancellationToken cancellationToken) =>
        ReadAsync(previous.Continuation!, cancellationToken);

    private async Task<ApiPage> ReadAsync(LegacyContinuation at, CancellationToken cancellationToken)
    {
        var spec = client.Spec;
        var stamp = Uri.EscapeDataString(ApiItemReader.FilterStamp(at.From));
        if (!spec.OData)
        {
            using var array = await client.GetAsync($"sinceTimeUtc={stamp}", cancellationToken).ConfigureAwait(false);
            if (array.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new GraphSourceException(GraphFailureReason.Malformed, false, "The SIEM API did not answer with a JSON array.") { Api = spec.Mode };
            }

            return new ApiPage(ApiItemReader.ReadArray(array.RootElement, spec.IdField, spec.TimeField), null, null);
        }

        var query = $"$filter={Uri.EscapeDataString($"{spec.TimeField} ge {ApiItemReader.FilterStamp(at.From)}")}&$orderby={Uri.EscapeDataString($"{spec.TimeField} asc")}&$top={pageSize}"
            + (at.Skip > 0 ? $"&$skip={at.Skip}" : string.Empty);
        using var document = await client.GetAsync(query, cancellationToken).ConfigureAwait(false);
        var page = ApiItemReader.ReadODataPage(document, spec.IdField, spec.TimeField);
        return page with { NextLink = null, Continuation = Next(page, at) };
    }

    private LegacyContinuation? Next(ApiPage page, LegacyContinuation at)
    {
        if (page.Items.Count < pageSize)
        {
            return null;
        }

        var newest = page.Items.Max(i => i.LastUpdate ?? at.From);
        return newest > at.From ? new LegacyContinuation(newest, 0) : at with { Skip = at.Skip + pageSize };
    }
}
