using System.Text;
using Amqp;
using Amqp.Framing;

namespace DefenderConnector.IntegrationTests.Emulator;

/// <summary>
/// Request shapes the service accepts and Microsoft's Python client (azure-eventhub's own AMQP stack) sends:
/// no reply-to, a numeric message-id, SAS tokens typed "jwt" and tokens as bytes.
/// </summary>
public sealed class RequestShapeTests
{
    [Fact]
    public async Task RequestWithoutReplyToIsAnsweredOnTheNodesReceivingLink()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var client = await EmulatorTestClient.ConnectAsync(emulator);
        string audience = client.Audience(TestEmulator.Hub);

        var reply = await client.PutTokenAsync(audience, new Message(SasTokens.Valid(audience, TestEmulator.Policy, key)),
            "servicebus.windows.net:sastoken", withReplyTo: false);

        Assert.Equal(202, EmulatorTestClient.StatusCode(reply));
    }

    [Fact]
    public async Task NumericMessageIdComesBackAsTheCorrelationIdAndTheConnectionStaysOpen()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var client = await EmulatorTestClient.ConnectAsync(emulator);
        string audience = client.Audience(TestEmulator.Hub);

        var first = await client.PutTokenAsync(audience, new Message(SasTokens.Valid(audience, TestEmulator.Policy, key)),
            "servicebus.windows.net:sastoken", messageId: 0UL, withReplyTo: false);
        var second = await client.RequestAsync("$management", ReadHub(), messageId: 1UL, withReplyTo: false);

        Assert.Equal(202, EmulatorTestClient.StatusCode(first));
        Assert.Equal(0UL, first.Properties.GetCorrelationId());
        Assert.Equal(200, EmulatorTestClient.StatusCode(second));
        Assert.Equal(1UL, second.Properties.GetCorrelationId());
        Assert.False(client.Connection.IsClosed);
    }

    [Fact]
    public async Task SasTokenSentWithTypeJwtIsCheckedAsSas()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var client = await EmulatorTestClient.ConnectAsync(emulator);
        string audience = client.Audience(TestEmulator.Hub);

        var accepted = await client.PutTokenAsync(audience, SasTokens.Valid(audience, TestEmulator.Policy, key), "jwt");
        var refused = await client.PutTokenAsync(audience, SasTokens.Valid(audience, TestEmulator.Policy, SasTokens.RandomKey()), "jwt");

        Assert.Equal(202, EmulatorTestClient.StatusCode(accepted));
        Assert.Equal(401, EmulatorTestClient.StatusCode(refused));
        Assert.Contains("signature does not match", EmulatorTestClient.Description(refused));
    }

    [Fact]
    public async Task TokenAsBytesIsAcceptedInADataBodyAndAsABinaryValue()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var client = await EmulatorTestClient.ConnectAsync(emulator);
        string audience = client.Audience(TestEmulator.Hub);
        byte[] token = Encoding.UTF8.GetBytes(SasTokens.Valid(audience, TestEmulator.Policy, key));

        var asData = await client.PutTokenAsync(audience, new Message { BodySection = new Data { Binary = token } }, "jwt");
        var asValue = await client.PutTokenAsync(audience, new Message { BodySection = new AmqpValue { Value = token } },
            "servicebus.windows.net:sastoken");

        Assert.Equal(202, EmulatorTestClient.StatusCode(asData));
        Assert.Equal(202, EmulatorTestClient.StatusCode(asValue));
    }

    [Fact]
    public async Task ManagementSecurityTokenAsBytesIsChecked()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var client = await EmulatorTestClient.ConnectAsync(emulator);
        string audience = client.Audience(TestEmulator.Hub);

        var good = await client.ReadAsync("com.microsoft:eventhub", TestEmulator.Hub,
            token: Encoding.UTF8.GetBytes(SasTokens.Valid(audience, TestEmulator.Policy, key)));
        var bad = await client.ReadAsync("com.microsoft:eventhub", TestEmulator.Hub,
            token: Encoding.UTF8.GetBytes(SasTokens.Valid(audience, TestEmulator.Policy, SasTokens.RandomKey())));

        Assert.Equal(200, EmulatorTestClient.StatusCode(good));
        Assert.Equal(401, EmulatorTestClient.StatusCode(bad));
    }

    static Message ReadHub()
    {
        var request = new Message { ApplicationProperties = new ApplicationProperties() };
        request.ApplicationProperties["operation"] = "READ";
        request.ApplicationProperties["type"] = "com.microsoft:eventhub";
        request.ApplicationProperties["name"] = TestEmulator.Hub;
        return request;
    }
}
