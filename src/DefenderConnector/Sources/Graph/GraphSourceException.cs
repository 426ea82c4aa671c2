using System.Net;

namespace DefenderConnector.Sources.Graph;

/// <summary>A Graph, legacy API or token failure, classified once. The message never contains a secret or token.</summary>
internal sealed class GraphSourceException : Exception
{
    public GraphSourceException(GraphFailureReason reason, bool isTransient, string message, Exception? inner = null)
        : base(message, inner)
    {
        Reason = reason;
        IsTransient = isTransient;
    }

    public GraphFailureReason Reason { get; }

    /// <summary>True when retrying the same request later may succeed.</summary>
    public bool IsTransient { get; }

    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>The server's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The AADSTS code of a token failure, such as 7000215.</summary>
    public string? AadstsCode { get; init; }

    /// <summary>Graph's or Entra's request/correlation id, to quote to Microsoft support.</summary>
    public string? RequestId { get; init; }

    /// <summary>The API the failure came from.</summary>
    public ApiMode? Api { get; init; }
}
