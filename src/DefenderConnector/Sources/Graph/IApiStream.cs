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

    /// <summary>The <c>$top</c> this stream asks for; a page this full may have more behind it.</summary>
    int PageSize { get; }

    /// <summary>The highest <c>$skip</c> the API accepts, or null when it documents none.</summary>
    int? SkipLimit { get; }

    /// <summary>Objects updated from <paramref name="at"/> on, ascending by update time.</summary>
    Task<ApiPage> QueryAsync(KeysetPosition at, CancellationToken cancellationToken);

    /// <summary>Follows a next link the API sent.</summary>
    Task<ApiPage> FollowAsync(string nextLink, CancellationToken cancellationToken);
}
