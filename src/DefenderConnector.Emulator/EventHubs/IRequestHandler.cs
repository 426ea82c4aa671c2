using Amqp;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>Answers one request sent to a request/response node ($cbs, $management).</summary>
internal interface IRequestHandler
{
    Message Handle(Message request, ConnectionState connection);
}
