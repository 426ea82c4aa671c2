using System.Text;
using Amqp.Types;

namespace DefenderConnector.IntegrationTests.Emulator;

public sealed class ReceiverTests
{
    static void PublishTen(EmulatorScope scope)
    {
        for (int i = 0; i < 10; i++)
        {
            // 10-byte bodies: offsets are 0, 10, 20, ...; enqueue times one second apart.
            scope.Emulator.Publish("1", Encoding.UTF8.GetBytes($"event-{i:D4}"), enqueuedTime: DateTimeOffset.FromUnixTimeSeconds(1_000 + i));
        }
    }

    [Fact]
    public async Task NoFilterStartsAtTheBeginningWithAnnotations()
    {
        await using var scope = await EmulatorScope.StartAsync();
        PublishTen(scope);

        var messages = await scope.Client.OpenReceiver(TestEmulator.ConsumerPath("1")).ReceiveAsync(10);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), messages.Select(TestReceiver.SequenceNumber));
        Assert.Equal("event-0000", TestReceiver.Body(messages[0]));
        Assert.Equal("10", TestReceiver.Offset(messages[1]));
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1_000), (DateTime)messages[0].MessageAnnotations[new Symbol("x-opt-enqueued-time")]);
        Assert.Equal(16, messages[0].GetDelivery().Tag.Length);
    }

    [Theory]
    [InlineData("amqp.annotation.x-opt-offset > '-1'", 0)]
    [InlineData("amqp.annotation.x-opt-offset > 20", 3)]
    [InlineData("amqp.annotation.x-opt-offset >= '20'", 2)]
    [InlineData("amqp.annotation.x-opt-sequence-number > 4", 5)]
    [InlineData("amqp.annotation.x-opt-sequence-number >= '4'", 4)]
    [InlineData("amqp.annotation.x-opt-enqueued-time > 1003000", 4)]
    [InlineData("amqp.annotation.x-opt-enqueued-time >= '1003000'", 3)]
    [InlineData("amqp.annotation.x-opt-enqueuedtimeutc > '1003000'", 4)]
    public async Task FilterSelectsTheFirstEvent(string filter, long expectedFirst)
    {
        await using var scope = await EmulatorScope.StartAsync();
        PublishTen(scope);

        var messages = await scope.Client.OpenReceiver(TestEmulator.ConsumerPath("1"), filter).ReceiveAsync(1);

        Assert.Equal(expectedFirst, TestReceiver.SequenceNumber(messages[0]));
    }

    [Theory]
    [InlineData(0x0000468C00000004UL)]
    [InlineData(0x000001370000000AUL)]
    public async Task NumericFilterDescriptorsAreAccepted(ulong descriptor)
    {
        await using var scope = await EmulatorScope.StartAsync();
        PublishTen(scope);

        var messages = await scope.Client.OpenReceiver(TestEmulator.ConsumerPath("1"),
            "amqp.annotation.x-opt-sequence-number > 7", descriptor).ReceiveAsync(1);

        Assert.Equal(8, TestReceiver.SequenceNumber(messages[0]));
    }

    [Fact]
    public async Task LatestDeliversOnlyEventsPublishedAfterTheAttach()
    {
        await using var scope = await EmulatorScope.StartAsync();
        PublishTen(scope);
        var receiver = scope.Client.OpenReceiver(TestEmulator.ConsumerPath("1"), "amqp.annotation.x-opt-offset > '@latest'");
        Assert.True(await receiver.Accepted());

        long sequence = scope.Emulator.Publish("1", "new"u8.ToArray());
        var messages = await receiver.ReceiveAsync(1);

        Assert.Equal(10, sequence);
        Assert.Equal(sequence, TestReceiver.SequenceNumber(messages[0]));
        Assert.Equal("new", TestReceiver.Body(messages[0]));
    }

    [Fact]
    public async Task SequenceNumberBeyondTheEndWaitsForThatEvent()
    {
        await using var scope = await EmulatorScope.StartAsync();
        PublishTen(scope);
        var receiver = scope.Client.OpenReceiver(TestEmulator.ConsumerPath("1"), "amqp.annotation.x-opt-sequence-number > 11");
        Assert.True(await receiver.Accepted());

        for (int i = 0; i < 3; i++) { scope.Emulator.Publish("1", "later"u8.ToArray()); }
        var messages = await receiver.ReceiveAsync(1);

        Assert.Equal(12, TestReceiver.SequenceNumber(messages[0]));
    }

    [Fact]
    public async Task UnparseableFilterIsRefusedAsInvalidField()
    {
        await using var scope = await EmulatorScope.StartAsync();

        var error = await scope.Client.OpenReceiver(TestEmulator.ConsumerPath("1"), "amqp.annotation.x-opt-offset ~ 3").Refusal();

        Assert.Equal("amqp:invalid-field", error.Condition.ToString());
    }

    [Fact]
    public async Task UnknownConsumerGroupIsNotFoundAndSaysSo()
    {
        await using var scope = await EmulatorScope.StartAsync();

        var error = await scope.Client.OpenReceiver(TestEmulator.ConsumerPath("1", "nogroup")).Refusal();

        Assert.Equal("amqp:not-found", error.Condition.ToString());
        Assert.Contains("consumer group 'nogroup' does not exist", error.Description);
    }

    [Fact]
    public async Task UnknownHubIsNotFoundAsEntity()
    {
        await using var scope = await EmulatorScope.StartAsync();

        var error = await scope.Client.OpenReceiver("otherhub/ConsumerGroups/$Default/Partitions/0").Refusal();

        Assert.Equal("amqp:not-found", error.Condition.ToString());
        Assert.Contains("messaging entity", error.Description);
        Assert.DoesNotContain("consumer group", error.Description);
    }

    [Fact]
    public async Task BadPartitionIsArgumentOutOfRange()
    {
        await using var scope = await EmulatorScope.StartAsync();

        var error = await scope.Client.OpenReceiver(TestEmulator.ConsumerPath("7")).Refusal();

        Assert.Equal("com.microsoft:argument-out-of-range", error.Condition.ToString());
    }

    [Theory]
    [InlineData("/defender/consumergroups/$default/partitions/1")]
    [InlineData("amqps://localhost/defender/ConsumerGroups/ARCHIVE/Partitions/1")]
    public async Task AddressSpellingsAreNormalized(string address)
    {
        await using var scope = await EmulatorScope.StartAsync();
        PublishTen(scope);

        var messages = await scope.Client.OpenReceiver(address).ReceiveAsync(1);

        Assert.Equal(0, TestReceiver.SequenceNumber(messages[0]));
    }

    [Fact]
    public async Task ReceiverWithoutTokenIsUnauthorized()
    {
        await using var scope = await EmulatorScope.StartAsync(authorize: false);

        var error = await scope.Client.OpenReceiver(TestEmulator.ConsumerPath("1")).Refusal();

        Assert.Equal("amqp:unauthorized-access", error.Condition.ToString());
    }

    [Fact]
    public async Task ExpiredAuthorizationDetachesTheReceiverUnlessRenewed()
    {
        await using var scope = await EmulatorScope.StartAsync();
        var receiver = scope.Client.OpenReceiver(TestEmulator.ConsumerPath("1"));
        Assert.True(await receiver.Accepted());

        scope.Emulator.ExpireTokens();
        var error = await receiver.Refusal();

        Assert.Equal("amqp:unauthorized-access", error.Condition.ToString());
    }

    [Fact]
    public async Task RenewedTokenKeepsTheReceiverAttachedPastTheFirstExpiry()
    {
        await using var scope = await EmulatorScope.StartAsync(authorize: false);
        string audience = scope.Client.Audience(TestEmulator.ConsumerPath("1"));
        var shortLived = SasTokens.Create(audience, TestEmulator.Policy, scope.Key, DateTimeOffset.UtcNow.AddSeconds(3));
        Assert.Equal(202, EmulatorTestClient.StatusCode(await scope.Client.PutTokenAsync(audience, shortLived)));
        var renewed = scope.Client.OpenReceiver(TestEmulator.ConsumerPath("1"));
        Assert.True(await renewed.Accepted());
        Assert.Equal(202, EmulatorTestClient.StatusCode(await scope.Client.PutTokenAsync(audience, SasTokens.Valid(audience, TestEmulator.Policy, scope.Key))));

        // A second connection that never renews loses its receiver when the short token runs out.
        await using var other = await EmulatorTestClient.ConnectAsync(scope.Emulator);
        Assert.Equal(202, EmulatorTestClient.StatusCode(await other.PutTokenAsync(audience,
            SasTokens.Create(audience, TestEmulator.Policy, scope.Key, DateTimeOffset.UtcNow.AddSeconds(3)))));
        var abandoned = other.OpenReceiver(TestEmulator.ConsumerPath("1"));
        Assert.Equal("amqp:unauthorized-access", (await abandoned.Refusal()).Condition.ToString());

        scope.Emulator.Publish("1", "still-here"u8.ToArray());
        var messages = await renewed.ReceiveAsync(1);
        Assert.Equal("still-here", TestReceiver.Body(messages[0]));
        Assert.False(renewed.IsClosed);
    }

    [Fact]
    public async Task RuntimeMetricsAreAddedAsDeliveryAnnotationsWhenDesired()
    {
        await using var scope = await EmulatorScope.StartAsync();
        PublishTen(scope);

        var messages = await scope.Client.OpenReceiver(TestEmulator.ConsumerPath("1"), runtimeMetrics: true).ReceiveAsync(1);
        var plain = await scope.Client.OpenReceiver(TestEmulator.ConsumerPath("1")).ReceiveAsync(1);

        var annotations = messages[0].DeliveryAnnotations;
        Assert.Equal(9L, annotations[new Symbol("last_enqueued_sequence_number")]);
        Assert.Equal("90", annotations[new Symbol("last_enqueued_offset")]);
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1_009), (DateTime)annotations[new Symbol("last_enqueued_time_utc")]);
        Assert.IsType<DateTime>(annotations[new Symbol("runtime_info_retrieval_time_utc")]);
        Assert.Null(plain[0].DeliveryAnnotations);
    }
}
