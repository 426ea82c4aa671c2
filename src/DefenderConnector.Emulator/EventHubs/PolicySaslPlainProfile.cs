using System.Security.Cryptography;
using System.Security.Principal;
using System.Text;
using Amqp;
using Amqp.Listener;
using Amqp.Sasl;
using Amqp.Types;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// SASL PLAIN against the SAS policies: user = policy name, password = key (the AMQPNetLite samples' way
/// into Event Hubs). The library shares one profile instance across connections and reads the principal
/// right after negotiation, so concurrent PLAIN logins may swap principals; both are valid policies, and
/// the emulator only uses the principal to know that a PLAIN login succeeded.
/// </summary>
internal sealed class PolicySaslPlainProfile(IReadOnlyDictionary<string, string> policies)
    : SaslProfile(EventHubConstants.SaslPlain), IAuthenticated
{
    public IPrincipal? Principal { get; private set; }

    protected override ITransport UpgradeTransport(ITransport transport) => transport;

    protected override DescribedList GetStartCommand(string hostname) =>
        throw new InvalidOperationException("A listener-side SASL profile does not start negotiation.");

    protected override DescribedList OnCommand(DescribedList command)
    {
        if (command is not SaslInit init)
        {
            throw new AmqpException(ErrorCode.NotAllowed, "Unexpected SASL frame.");
        }

        string[] parts = Encoding.UTF8.GetString(init.InitialResponse ?? []).Split('\0');
        if (parts.Length == 3 && policies.TryGetValue(parts[1], out var key) &&
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(parts[2])))
        {
            this.Principal = new GenericPrincipal(new GenericIdentity(parts[1], "PLAIN"), []);
            return new SaslOutcome { Code = SaslCode.Ok };
        }

        return new SaslOutcome { Code = SaslCode.Auth };
    }
}
