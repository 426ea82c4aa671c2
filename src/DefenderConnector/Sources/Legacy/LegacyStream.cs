using System.Text.Json;
using DefenderConnector.Mapping;
using DefenderConnector.Pulling;
using DefenderConnector.Sources.Graph;

namespace DefenderConnector.Sources.Legacy;

/// <summary>
/// One legacy list read incrementally. The OData APIs send no next links, so pages are turned by time
/// like Graph's (<see cref="KeysetPaging"/>): each full page raises the lower bound to its newest update
/// time, and <c>$skip</c> only steps through objects sharing one timestamp. The SIEM API answers one
/// bare array per <c>sinceTimeUtc</c>.
/// </summary>
internal sealed class LegacyStream(LegacyApiClient client, string tenantId, string clientId, int pageSize) : IApiStream
{
    public string Name => client.Spec.Name;

    public string CursorKey { get; } = $"{client.Spec.Mode}/{tenantId}/{clientId}/{client.Spec.Name}".ToLowerInvariant();

    public RecordKind Kind => client.Spec.Kind;

    /// <summary>The SIEM API has no page size: its one array is never "full".</summary>
    public int PageSize => client.Spec.OData ? pageSize : int.MaxValue;

    /// <summary>The legacy APIs document no <c>$skip</c> limit.</summary>
    public int? SkipLimit => null;

    public async Task<ApiPage> QueryAsync(KeysetPosition at, CancellationToken cancellationToken)
    {
        var spec = client.Spec;
        if (!spec.OData)
        {
            var since = Uri.EscapeDataString(ApiItemReader.FilterStamp(at.From));
            using var array = await client.GetAsync($"sinceTimeUtc={since}", cancellationToken).ConfigureAwait(false);
            if (array.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new ConnectorException(GraphFailureReason.Malformed, false, "The SIEM API did not answer with a JSON array.") { Api = spec.Mode };
            }

            return new ApiPage(ApiItemReader.ReadArray(array.RootElement, spec.IdField, spec.TimeField), null, null);
        }

        var query = $"$filter={Uri.EscapeDataString($"{spec.TimeField} {at.Operator} {ApiItemReader.FilterStamp(at.From)}")}&$orderby={Uri.EscapeDataString($"{spec.TimeField} asc")}&$top={pageSize}"
            + (at.Skip > 0 ? $"&$skip={at.Skip}" : string.Empty);
        using var document = await client.GetAsync(query, cancellationToken).ConfigureAwait(false);

        // These APIs page only by the query itself; any link they might send is not relied on.
        return ApiItemReader.ReadODataPage(document, spec.IdField, spec.TimeField) with { NextLink = null };
    }

    public Task<ApiPage> FollowAsync(string nextLink, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The legacy APIs are paged by query, not by next link.");
}
