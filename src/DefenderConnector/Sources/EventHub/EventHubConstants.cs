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
    // held the least memory. With prefetchBytes set (the default) the SDK sizes its credit in bytes instead.
    public const int DefaultPrefetch = 300;
    public const int DefaultBatchMessages = 256;

    // Memory is bounded in bytes, per partition receiver: a Defender message can approach 1 MB, so counts alone
    // let memory grow with message size. Chosen with the end-to-end harness (source README): small messages
    // still fill batchMessages and the prefetch cache as before, and 1 MB messages stay within 256 MB.
    public const long DefaultPrefetchBytes = 1024L * 1024;
    public const long DefaultBatchBytes = 2L * 1024 * 1024;
    public const long MinBufferBytes = 64L * 1024;
    public const long MaxBufferBytes = 1024L * 1024 * 1024;

    /// <summary>The largest message a Standard-tier hub accepts: the size assumed before a receiver has seen any.</summary>
    public const long MaxMessageBytes = 1024L * 1024;

    /// <summary>How long a receive waits for more once its first part filled, when the prefetch cache ran dry.</summary>
    public static readonly TimeSpan FollowUpReceiveWait = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan DefaultReceiveWait = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultOperationTimeout = TimeSpan.FromSeconds(30);
    public const int DefaultMaxRetries = 5;
}
