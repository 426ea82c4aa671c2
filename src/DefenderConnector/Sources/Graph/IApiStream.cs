using DefenderConnector.Mapping;

namespace DefenderConnector.Sources.Graph;

/// <summary>One incrementally read API collection (Graph incidents, Graph alerts, a legacy list).</summary>
internal interface IApiStream
{
    /// <summary>Short name for facts and logs: <c>incidents</c>, <c>alerts</c>.</summary>
    string Name { get; }

    /// <summary>The state store key of this stream's cursor (per API, per tenant and app).</summary>
    string CursorKey { get; }

    RecordKind Kind { get; }

    Task<ApiPage> FirstPageAsync(DateTimeOffset from, CancellationToken cancellationToken);

    Task<ApiPage> NextPageAsync(ApiPage previous, CancellationToken cancellationToken);
}
