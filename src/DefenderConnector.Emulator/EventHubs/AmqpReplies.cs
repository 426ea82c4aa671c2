using Amqp;
using Amqp.Framing;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>Builds request/response replies the way the service shapes them (int status-code, description, condition).</summary>
internal static class AmqpReplies
{
    public static Message Status(int statusCode, string description, string? errorCondition = null, object? body = null)
    {
        var message = new Message
        {
            ApplicationProperties = new ApplicationProperties(),
        };
        message.ApplicationProperties["status-code"] = statusCode;
        message.ApplicationProperties["status-description"] = description;
        if (errorCondition is not null)
        {
            message.ApplicationProperties["error-condition"] = new Amqp.Types.Symbol(errorCondition);
        }

        if (body is not null)
        {
            message.BodySection = new AmqpValue { Value = body };
        }

        return message;
    }

    /// <summary>An application property as text; binary values (the Python client sends its tokens as bytes) are read as UTF-8.</summary>
    public static string? GetString(Message message, string key) =>
        message.ApplicationProperties is { } properties && properties.Map.ContainsKey(key) ? Text(properties[key]) : null;

    /// <summary>A string, symbol or UTF-8 binary value as text (a message body or property); null for anything else.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
        Amqp.Types.Symbol symbol => symbol.ToString(),
        _ => value.ToString(),
    };

    public static string NotFoundText(string entity) => $"The messaging entity '{entity}' could not be found.";
}
