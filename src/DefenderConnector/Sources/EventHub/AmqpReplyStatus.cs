using Amqp;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// The status of a <c>$cbs</c> or <c>$management</c> reply: <c>status-code</c> (an int; some
/// services write <c>statusCode</c> or another integer type), <c>status-description</c> and, on
/// errors, <c>error-condition</c>.
/// </summary>
internal readonly record struct AmqpReplyStatus(int Code, string? Description, string? Condition)
{
    public bool IsSuccess => Code is 200 or 202;

    public static AmqpReplyStatus Read(Message reply)
    {
        var properties = reply.ApplicationProperties?.Map;
        object? code = null, description = null, condition = null;
        if (properties is not null)
        {
            code = Find(properties, "status-code") ?? Find(properties, "statusCode");
            description = Find(properties, "status-description") ?? Find(properties, "statusDescription");
            condition = Find(properties, "error-condition");
        }

        var status = code switch
        {
            int i => i,
            long l => (int)l,
            uint u => (int)u,
            short s => s,
            ulong ul => (int)ul,
            string text when int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => 0,
        };
        return new AmqpReplyStatus(status, description?.ToString(), condition?.ToString());
    }

    /// <summary>A map value by key, whether the key was encoded as a string or a symbol.</summary>
    internal static object? Find(Amqp.Types.Map map, string key)
    {
        if (map.TryGetValue(key, out var value) || map.TryGetValue(new Amqp.Types.Symbol(key), out value))
        {
            return value;
        }

        return null;
    }

    public EventHubException ToException(EventHubOperation operation, string what) =>
        Code == 0
            ? new EventHubException(EventHubFailureReason.Unknown, false, $"{what} failed: the reply carried no status-code.")
            : EventHubErrors.FromStatus(operation, what, Code, Condition, Description);
}
