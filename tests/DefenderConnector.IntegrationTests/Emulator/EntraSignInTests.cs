using System.Text;
using Azure.Core;
using Azure.Identity;
using DefenderConnector.Emulator.EventHubs;
using DefenderConnector.IntegrationTests.Support;

namespace DefenderConnector.IntegrationTests.Emulator;

/// <summary>
/// Entra ID on $cbs: Microsoft's Event Hubs SDK with Azure.Identity credentials signs in at the loopback Entra
/// stand-in over HTTPS and puts the bearer token (type jwt) on the emulator's $cbs, which checks signature,
/// issuer, audience, expiry and the "Azure Event Hubs Data Receiver" role, failing each as the service does.
/// </summary>
public sealed class EntraSignInTests
{
    [Fact]
    public async Task ClientSecretWithTheReceiverRoleReadsPropertiesAndEvents()
    {
        await using var entra = (await EntraSignIn.StartAsync()).GrantReceiver();
        var (emulator, _) = await StartAsync(entra);
        await using var __ = emulator;
        for (int i = 0; i < 3; i++) { emulator.Publish("0", Encoding.UTF8.GetBytes($"{{\"n\":{i}}}")); }

        var credential = entra.SecretCredential();
        await using var producer = SdkClients.Producer(emulator, credential);
        var properties = await producer.GetEventHubPropertiesAsync();
        await using var receiver = SdkClients.Receiver(emulator, credential, "0");
        var events = await SdkClients.ReceiveAsync(receiver, 3);

        Assert.Equal(["0", "1", "2", "3"], properties.PartitionIds);
        Assert.Equal([0L, 1, 2], events.Select(e => e.SequenceNumber));
        Assert.Equal(["{\"n\":0}", "{\"n\":1}", "{\"n\":2}"], events.Select(e => e.EventBody.ToString()));
    }

    [Fact]
    public async Task ClientCertificateWithTheReceiverRoleReadsEvents()
    {
        await using var entra = (await EntraSignIn.StartAsync()).GrantReceiver();
        var (emulator, _) = await StartAsync(entra);
        await using var __ = emulator;
        emulator.Publish("2", "{\"cert\":true}"u8.ToArray());

        await using var receiver = SdkClients.Receiver(emulator, entra.CertificateCredential(), "2");
        var events = await SdkClients.ReceiveAsync(receiver, 1);

        Assert.Equal("{\"cert\":true}", Assert.Single(events).EventBody.ToString());
    }

    [Fact]
    public async Task WrongSecretFailsAtTheTokenEndpointWithEntrasError()
    {
        await using var entra = (await EntraSignIn.StartAsync()).GrantReceiver();
        var (emulator, _) = await StartAsync(entra);
        await using var __ = emulator;

        await using var producer = SdkClients.Producer(emulator, entra.SecretCredential(Convert.ToBase64String(new byte[30])));
        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => producer.GetEventHubPropertiesAsync());

        Assert.Contains("AADSTS7000215", error.ToString());
        Assert.DoesNotContain(entra.Secret, error.ToString());
    }

    [Fact]
    public async Task MissingRoleIsRefusedWithTheListenClaimError()
    {
        await using var entra = await EntraSignIn.StartAsync();
        var (emulator, _) = await StartAsync(entra);
        await using var __ = emulator;
        emulator.Publish("0", "{}"u8.ToArray());

        await using var receiver = SdkClients.Receiver(emulator, entra.SecretCredential(), "0");
        var error = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => receiver.ReceiveBatchAsync(1, TimeSpan.FromSeconds(3)));

        Assert.Contains("'Listen' claim(s) are required", error.Message);
        Assert.Equal(0, emulator.ActiveReceiverCount);
    }

    [Fact]
    public async Task ExpiredTokenIsRefusedAsExpiredToken()
    {
        await using var entra = (await EntraSignIn.StartAsync()).GrantReceiver();
        entra.ShiftTokenClock(TimeSpan.FromHours(-2));
        var (emulator, _) = await StartAsync(entra);
        await using var __ = emulator;

        await using var producer = SdkClients.Producer(emulator, entra.SecretCredential());
        var error = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => producer.GetEventHubPropertiesAsync());

        Assert.Contains("ExpiredToken", error.Message);
    }

    [Fact]
    public async Task TokenForAnotherAudienceOrTamperedIsRefusedOnCbs()
    {
        await using var entra = (await EntraSignIn.StartAsync()).GrantReceiver();
        var (emulator, _) = await TestEmulator.StartAsync(o => o.EntraDirectory = entra.Directory);
        await using var __ = emulator;
        await using var client = await EmulatorTestClient.ConnectAsync(emulator);
        var credential = entra.SecretCredential();
        string graphToken = (await credential.GetTokenAsync(new TokenRequestContext(["https://graph.microsoft.com/.default"]), default)).Token;
        string hubToken = (await credential.GetTokenAsync(new TokenRequestContext(["https://eventhubs.azure.net/.default"]), default)).Token;
        string tampered = hubToken[..^4] + (hubToken[^4] == 'A' ? "BBBB" : "AAAA");
        string audience = client.Audience(TestEmulator.Hub);

        var wrongAudience = await client.PutTokenAsync(audience, graphToken, "jwt");
        var badSignature = await client.PutTokenAsync(audience, tampered, "jwt");
        var accepted = await client.PutTokenAsync(audience, hubToken, "jwt");

        Assert.Equal(401, EmulatorTestClient.StatusCode(wrongAudience));
        Assert.StartsWith("InvalidAudience:", EmulatorTestClient.Description(wrongAudience));
        Assert.Equal(401, EmulatorTestClient.StatusCode(badSignature));
        Assert.StartsWith("InvalidSignature:", EmulatorTestClient.Description(badSignature));
        Assert.Equal(202, EmulatorTestClient.StatusCode(accepted));
    }

    [Fact]
    public async Task EmulatorWithoutADirectoryRefusesBearerTokens()
    {
        await using var entra = (await EntraSignIn.StartAsync()).GrantReceiver();
        var (emulator, _) = await TestEmulator.StartAsync();
        await using var __ = emulator;
        await using var client = await EmulatorTestClient.ConnectAsync(emulator);
        string token = (await entra.SecretCredential().GetTokenAsync(new TokenRequestContext(["https://eventhubs.azure.net/.default"]), default)).Token;

        var reply = await client.PutTokenAsync(client.Audience(TestEmulator.Hub), token, "jwt");

        Assert.Equal(401, EmulatorTestClient.StatusCode(reply));
        Assert.StartsWith("InvalidIssuer:", EmulatorTestClient.Description(reply));
    }

    static Task<(EventHubEmulator Emulator, string Key)> StartAsync(EntraSignIn entra) =>
        TestEmulator.StartAsync(o =>
        {
            o.UseTls = true;
            o.EntraDirectory = entra.Directory;
        });
}
