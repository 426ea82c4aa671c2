using Amqp;
using Amqp.Sasl;
using Amqp.Types;

namespace DefenderConnector.IntegrationTests.Emulator;

/// <summary>The mechanism the .NET Event Hubs client announces: no credentials, CBS afterwards.</summary>
internal sealed class MssbCbsClientProfile() : SaslProfile(new Symbol("MSSBCBS"))
{
    protected override ITransport UpgradeTransport(ITransport transport) => transport;

    protected override DescribedList GetStartCommand(string hostname) =>
        new SaslInit { Mechanism = "MSSBCBS", HostName = hostname };

    protected override DescribedList OnCommand(DescribedList command) => null!;
}
