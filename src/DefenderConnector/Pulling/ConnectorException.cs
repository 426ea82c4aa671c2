namespace DefenderConnector.Pulling;

/// <summary>
/// The one failure type the pull engine knows: where it happened (a closed <see cref="ConnectorFailure"/>),
/// the classified reason (<see cref="Code"/>), and whether retrying may succeed. The Event Hub and Graph
/// classifiers raise their subclasses, which add the diagnosis details only they have (AMQP condition;
/// HTTP status, Retry-After, AADSTS code). The message never contains a secret.
/// </summary>
internal class ConnectorException : Exception
{
    public const string StateFailed = "StateFailed";
    public const string SinkFailed = "SinkFailed";

    public ConnectorException(ConnectorFailure failure, string code, bool isTransient, string message, Exception? inner = null)
        : base(message, inner)
    {
        Failure = failure;
        Code = code;
        IsTransient = isTransient;
    }

    public ConnectorFailure Failure { get; }

    /// <summary>The classified reason, as the summary and the <c>connector.errors</c> metric's <c>class</c> tag show it.</summary>
    public string Code { get; }

    /// <summary>True when retrying (after reopening from the last committed position) may succeed.</summary>
    public bool IsTransient { get; }

    /// <summary>Facts the pull summary shows beside the error (never secrets).</summary>
    public virtual IReadOnlyList<KeyValuePair<string, string>> Facts => [];

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
