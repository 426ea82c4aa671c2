namespace DefenderConnector.Sources.EventHub;

/// <summary>Every Event Hub default and protocol constant in one place.</summary>
internal static class EventHubConstants
{
    public const string SourceName = "eventhub";
    public const string DefaultConsumerGroup = "$Default";
    public const string DefaultDomainSuffix = "servicebus.windows.net";
    public const int AmqpsPort = 5671;
    public const int AmqpPort = 5672;
    public const int WebSocketsPort = 443;
    public const string WebSocketsPath = "/$servicebus/websocket";

    public static readonly TimeSpan DefaultPullInterval = TimeSpan.FromMinutes(5);

    /// <summary>The shortest pull interval other than 0 (continuous, which already waits a second between pulls).</summary>
    public static readonly TimeSpan MinPullInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultMaxPullDuration = TimeSpan.FromMinutes(4);
    public const long DefaultMaxEventsPerPull = 1_000_000;
    // Measured with the end-to-end harness (200k records, 4 partitions): 300 was faster than 1000 or 3000 and
    // held the least memory; credit counts messages, and a Defender message can approach 1 MB.
    public const int DefaultPrefetch = 300;
    public const int DefaultBatchMessages = 256;
    public static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromMinutes(60);
    public static readonly TimeSpan DefaultReceiveWait = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultOperationTimeout = TimeSpan.FromSeconds(30);
    public const int DefaultMaxRetries = 5;

    // AMQP wire names (reference/eventhubs.md)
    public const string CbsAddress = "$cbs";
    public const string ManagementAddress = "$management";
    public const string SasTokenType = "servicebus.windows.net:sastoken";
    public const string SelectorFilterName = "apache.org:selector-filter:string";
    public const string EpochProperty = "com.microsoft:epoch";
    public const string ReceiverNameProperty = "com.microsoft:receiver-name";
    public const string TimeoutProperty = "com.microsoft:timeout";
    public const string SequenceNumberAnnotation = "x-opt-sequence-number";
    public const string OffsetAnnotation = "x-opt-offset";
    public const string EnqueuedTimeAnnotation = "x-opt-enqueued-time";
    public const string PartitionKeyAnnotation = "x-opt-partition-key";
}
