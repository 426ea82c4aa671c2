namespace DefenderConnector.IntegrationTests.Emulator;

public sealed class CbsTests
{
    [Fact]
    public async Task ValidTokenIsAcceptedWith202()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var client = await EmulatorTestClient.ConnectAsync(emulator);
        string audience = client.Audience(TestEmulator.Hub);

        var reply = await client.PutTokenAsync(audience, SasTokens.Valid(audience, TestEmulator.Policy, key));

        Assert.Equal(202, EmulatorTestClient.StatusCode(reply));
        Assert.IsType<int>(reply.ApplicationProperties["status-code"]);
    }

    [Fact]
    public async Task WrongKeyIsRejectedAsSignatureMismatch()
    {
        var (emulator, _) = await TestEmulator.StartAsync();
        await using var __ = emulator;
        await using var client = await EmulatorTestClient.ConnectAsync(emulator);
        string audience = client.Audience(TestEmulator.Hub);

        var reply = await client.PutTokenAsync(audience, SasTokens.Valid(audience, TestEmulator.Policy, SasTokens.RandomKey()));

        Assert.Equal(401, EmulatorTestClient.StatusCode(reply));
        Assert.Contains("signature does not match", EmulatorTestClient.Description(reply));
    }

    [Fact]
    public async Task UnknownPolicyIsRejectedNamingThePolicy()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var client = await EmulatorTestClient.ConnectAsync(emulator);
        string audience = client.Audience(TestEmulator.Hub);

        var reply = await client.PutTokenAsync(audience, SasTokens.Valid(audience, "nosuchpolicy", key));

        Assert.Equal(401, EmulatorTestClient.StatusCode(reply));
        Assert.Contains("'nosuchpolicy' does not exist", EmulatorTestClient.Description(reply));
        Assert.DoesNotContain(key, EmulatorTestClient.Description(reply));
    }

    [Fact]
    public async Task ExpiredTokenIsRejected()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var client = await EmulatorTestClient.ConnectAsync(emulator);
        string audience = client.Audience(TestEmulator.Hub);

        var reply = await client.PutTokenAsync(audience,
            SasTokens.Create(audience, TestEmulator.Policy, key, DateTimeOffset.UtcNow.AddMinutes(-1)));

        Assert.Equal(401, EmulatorTestClient.StatusCode(reply));
        Assert.Contains("expired", EmulatorTestClient.Description(reply));
    }

    [Fact]
    public async Task TokenForAnotherResourceDoesNotCoverTheAudience()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var client = await EmulatorTestClient.ConnectAsync(emulator);
        string audience = client.Audience(TestEmulator.ConsumerPath("0"));

        var reply = await client.PutTokenAsync(audience,
            SasTokens.Valid(client.Audience(TestEmulator.ConsumerPath("1")), TestEmulator.Policy, key));

        Assert.Equal(401, EmulatorTestClient.StatusCode(reply));
        Assert.Contains("does not cover", EmulatorTestClient.Description(reply));
    }

    [Fact]
    public async Task UnknownHubInAudienceIsNotFound()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var client = await EmulatorTestClient.ConnectAsync(emulator);
        string audience = client.Audience("otherhub");

        var reply = await client.PutTokenAsync(audience, SasTokens.Valid(audience, TestEmulator.Policy, key));

        Assert.Equal(404, EmulatorTestClient.StatusCode(reply));
        Assert.False(reply.ApplicationProperties.Map.ContainsKey("error-condition"));
    }

    [Fact]
    public async Task SaslPlainWithPolicyAndKeyAuthorizesReceivers()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var client = await EmulatorTestClient.ConnectAsync(emulator, TestEmulator.Policy, key);
        emulator.Publish("0", "{\"a\":1}"u8.ToArray());

        var receiver = client.OpenReceiver(TestEmulator.ConsumerPath("0"));
        var messages = await receiver.ReceiveAsync(1);

        Assert.Equal(0, TestReceiver.SequenceNumber(messages[0]));
    }

    [Fact]
    public async Task SaslPlainWithWrongKeyIsRefused()
    {
        var (emulator, _) = await TestEmulator.StartAsync();
        await using var __ = emulator;

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var client = await EmulatorTestClient.ConnectAsync(emulator, TestEmulator.Policy, SasTokens.RandomKey());
        });
    }
}
