using System.Net;
using DefenderConnector.Sources.EventHub;
using DefenderConnector.Sources.Graph;

namespace DefenderConnector.Pulling;

/// <summary>
/// The one failure type the connector raises: where it happened (a closed <see cref="ConnectorFailure"/>),
/// the classified reason (<see cref="Code"/>, and typed as <see cref="EventHubReason"/> or <see cref="GraphReason"/>),
/// and whether retrying may succeed. The Event Hub and Graph classifiers fill in the diagnosis details only
/// they have (AMQP condition; HTTP status, Retry-After, AADSTS code, request id, API). The message never
/// contains a secret.
/// </summary>
internal sealed class ConnectorException : Exception
{
    public const string StateFailed = "StateFailed";
    public const string SinkFailed = "SinkFailed";

    public ConnectorException(ConnectorFailure failure, string code, bool isTransient, string message, Exception? inner = null)
        : base(message, inner)
    {
        Failure = failure;
        Code = code;
        IsTransient = isTransient;

        // The typed reason is the code, however the failure was built.
        if (failure == ConnectorFailure.EventHub && Enum.TryParse<EventHubFailureReason>(code, out var eventHub))
        {
            EventHubReason = eventHub;
        }
        else if (failure == ConnectorFailure.Graph && Enum.TryParse<GraphFailureReason>(code, out var graph))
        {
            GraphReason = graph;
        }
    }

    /// <summary>An Event Hub failure, classified by <c>EventHubFailureClassifier</c>.</summary>
    public ConnectorException(EventHubFailureReason reason, bool isTransient, string message, Exception? inner = null)
        : this(ConnectorFailure.EventHub, reason.ToString(), isTransient, message, inner)
    {
    }

    /// <summary>A Graph, legacy API or token failure, classified by <c>GraphFailureClassifier</c>.</summary>
    public ConnectorException(GraphFailureReason reason, bool isTransient, string message, Exception? inner = null)
        : this(ConnectorFailure.Graph, reason.ToString(), isTransient, message, inner)
    {
    }

    public ConnectorFailure Failure { get; }

    /// <summary>The Event Hub reason (<see cref="Code"/>, typed); <c>Unknown</c> unless <see cref="IsEventHub"/>.</summary>
    public EventHubFailureReason EventHubReason { get; } = EventHubFailureReason.Unknown;

    /// <summary>The Graph reason (<see cref="Code"/>, typed); <c>Unknown</c> unless <see cref="IsGraph"/>.</summary>
    public GraphFailureReason GraphReason { get; } = GraphFailureReason.Unknown;

    /// <summary>The AMQP error condition, when an Event Hub failure came from the service.</summary>
    public string? Condition { get; init; }

    /// <summary>The HTTP status of a Graph, legacy API or token failure.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>The server's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The AADSTS code of a token failure, such as 7000215.</summary>
    public string? AadstsCode { get; init; }

    /// <summary>Graph's or Entra's request/correlation id, to quote to Microsoft support.</summary>
    public string? RequestId { get; init; }

    /// <summary>The API a Graph failure came from.</summary>
    public ApiMode? Api { get; init; }

    /// <summary>True for a failure the Event Hub classifier made.</summary>
    public bool IsEventHub => Failure == ConnectorFailure.EventHub;

    /// <summary>True for a failure the Graph classifier made.</summary>
    public bool IsGraph => Failure == ConnectorFailure.Graph;

    /// <summary>The classified reason, as the summary and the <c>connector.errors</c> metric's <c>class</c> tag show it.</summary>
    public string Code { get; }

    /// <summary>True when retrying (after reopening from the last committed position) may succeed.</summary>
    public bool IsTransient { get; }

    /// <summary>Facts the pull summary shows beside the error (never secrets): the API that failed, as the <c>mode</c> fact.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Facts => Api is { } api ? [new("mode", api.ToString().ToLowerInvariant())] : [];

    /// <summary>The state database failed; the message starts with <c>state.path: </c> and says what to do.</summary>
    public static ConnectorException State(string message, Exception? inner = null) =>
        new(ConnectorFailure.State, StateFailed, false, message, inner);

    /// <summary>Plain words for a SQLite or file-system failure of the database at <paramref name="path"/>.</summary>
    public static ConnectorException StateAt(string path, Exception e)
    {
        var code = e is Microsoft.Data.Sqlite.SqliteException sqlite ? sqlite.SqliteErrorCode : 0;
        var advice = code switch
        {
            5 or 6 => "another process holds it (a second connector with the same state.path?); stop it, or give each connector its own state.path",
            8 => "it is read-only; give the connector write access to the file and its folder",
            11 or 26 => "it is damaged or not a state database; restore it from a backup, or move it away to start afresh (then set state.onMissing to \"restart\")",
            13 => "the disk is full; free space, the connector resumes from its last checkpoint",
            14 => "it cannot be opened; check that the folder exists and is writable",
            _ => "check the file, its folder and the free space",
        };
        var what = e.Message.ReplaceLineEndings(" ");
        return State($"state.path: the state database {path} cannot be used ({what}): {advice}.", e);
    }

    /// <summary>The sink threw while storing a batch: nothing of it was committed, so the next pull delivers it again.</summary>
    public static ConnectorException Sink(int events, Exception inner) =>
        new(ConnectorFailure.Sink, SinkFailed, false, $"The sink did not store a batch of {events} events ({inner.GetType().Name}: {inner.Message}); nothing was checkpointed, so the next pull delivers them again.", inner);
}
