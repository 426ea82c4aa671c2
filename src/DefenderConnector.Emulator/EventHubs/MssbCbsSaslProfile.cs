using Amqp;
using Amqp.Sasl;
using Amqp.Types;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// The SASL mechanism the .NET Event Hubs client announces: it carries no credentials (the client proves
/// itself through $cbs afterwards), so the server simply answers OK.
/// </summary>
internal sealed class MssbCbsSaslProfile() : SaslProfile(EventHubConstants.SaslMssbCbs)
{
    protected override ITransport UpgradeTransport(ITransport transport) => transport;

    // Only used by clients; a listener never starts a SASL exchange.
    protected override DescribedList GetStartCommand(string hostname) =>
        throw new InvalidOperationException("A listener-side SASL profile does not start negotiation.");

    protected override DescribedList OnCommand(DescribedList command) =>
        command is SaslInit
            ? new SaslOutcome { Code = SaslCode.Ok }
            : throw new AmqpException(ErrorCode.NotAllowed, "Unexpected SASL frame.");
}
