namespace DefenderConnector.Host.Outputs;

/// <summary>
/// An output could not deliver. The message is one line naming the output and its destination and never
/// holds a secret; <see cref="IsTransient"/> says whether trying again later may succeed.
/// </summary>
internal sealed class OutputDeliveryException : Exception
{
    public OutputDeliveryException(string message, bool isTransient, Exception? inner = null, string stage = "write", TimeSpan? retryAfter = null)
        : base(message, inner)
    {
        IsTransient = isTransient;
        Stage = stage;
        RetryAfter = retryAfter;
    }

    /// <summary>How long the receiver asked the connector to wait (an HTTP <c>Retry-After</c>), if it said.</summary>
    public TimeSpan? RetryAfter { get; }

    public bool IsTransient { get; }

    /// <summary>Which hop failed: <c>tcp</c>, <c>tls</c>, <c>session</c>, <c>auth</c> or <c>write</c>.</summary>
    public string Stage { get; }
}
