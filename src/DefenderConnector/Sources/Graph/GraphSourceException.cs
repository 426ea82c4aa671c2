using System.Net;
using DefenderConnector.Pulling;

namespace DefenderConnector.Sources.Graph;

/// <summary>A Graph, legacy API or token failure, classified once: a <see cref="ConnectorException"/> with the Graph reason and HTTP details. The message never contains a secret or token.</summary>
internal sealed class GraphSourceException : ConnectorException
{
    public GraphSourceException(GraphFailureReason reason, bool isTransient, string message, Exception? inner = null)
        : base(ConnectorFailure.Graph, reason.ToString(), isTransient, message, inner)
    {
        Reason = reason;
    }

    public GraphFailureReason Reason { get; }

    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>The server's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The AADSTS code of a token failure, such as 7000215.</summary>
    public string? AadstsCode { get; init; }

    /// <summary>Graph's or Entra's request/correlation id, to quote to Microsoft support.</summary>
    public string? RequestId { get; init; }

    /// <summary>The API the failure came from.</summary>
    public ApiMode? Api { get; init; }

    /// <summary>The API that failed, as the summary's <c>mode</c> fact.</summary>
    public override IReadOnlyList<KeyValuePair<string, string>> Facts => Api is { } api ? [new("mode", api.ToString().ToLowerInvariant())] : [];
}
