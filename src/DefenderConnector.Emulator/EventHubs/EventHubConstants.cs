using Amqp.Types;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>Every wire string and default of the emulator in one place.</summary>
internal static class EventHubConstants
{
    public const string DefaultConsumerGroup = "$Default";
    public const int DefaultRecordsPerMessage = 10;
    public const long DefaultMaxMessageSize = 1024 * 1024;

    /// <summary>Bytes <c>--load</c> keeps free in each message for the annotations added on delivery.</summary>
    public const int AnnotationAllowance = 1024;
    public const int MaxNonEpochReceivers = 5;
    public const uint MaxFrameSize = 65536;
    public const int PublisherLinkCredit = 300;
    public const int RequestLinkCredit = 100;
    public const uint BatchMessageFormat = 0x80013700;

    public const string CbsAddress = "$cbs";
    public const string ManagementAddress = "$management";
    public const string SasTokenType = "servicebus.windows.net:sastoken";
    public const string JwtTokenType = "jwt";
    /// <summary>The audience of Entra tokens for Event Hubs (scope <c>https://eventhubs.azure.net/.default</c>).</summary>
    public const string EntraAudience = "https://eventhubs.azure.net";
    public const string ServiceBusAudience = "https://servicebus.azure.net";
    public const string DataReceiverRole = "Azure Event Hubs Data Receiver";
    public const string DataSenderRole = "Azure Event Hubs Data Sender";
    public const string DataOwnerRole = "Azure Event Hubs Data Owner";

    public const string EventHubEntityType = "com.microsoft:eventhub";
    public const string PartitionEntityType = "com.microsoft:partition";

    public static readonly Symbol SaslMssbCbs = new("MSSBCBS");
    public static readonly Symbol SaslPlain = new("PLAIN");

    public static readonly Symbol SelectorFilter = new("apache.org:selector-filter:string");
    public const ulong SelectorFilterApacheCode = 0x0000468C00000004UL;
    public const ulong SelectorFilterMicrosoftCode = 0x000001370000000AUL;

    public static readonly Symbol Epoch = new("com.microsoft:epoch");
    public static readonly Symbol ReceiverName = new("com.microsoft:receiver-name");
    public static readonly Symbol RuntimeMetricCapability = new("com.microsoft:enable-receiver-runtime-metric");

    public static readonly Symbol SequenceNumberAnnotation = new("x-opt-sequence-number");
    public static readonly Symbol OffsetAnnotation = new("x-opt-offset");
    public static readonly Symbol EnqueuedTimeAnnotation = new("x-opt-enqueued-time");
    public static readonly Symbol PartitionKeyAnnotation = new("x-opt-partition-key");

    public static readonly Symbol LastSequenceNumberAnnotation = new("last_enqueued_sequence_number");
    public static readonly Symbol LastOffsetAnnotation = new("last_enqueued_offset");
    public static readonly Symbol LastEnqueuedTimeAnnotation = new("last_enqueued_time_utc");
    public static readonly Symbol RetrievalTimeAnnotation = new("runtime_info_retrieval_time_utc");

    public const string ArgumentOutOfRange = "com.microsoft:argument-out-of-range";
    public const string ArgumentError = "com.microsoft:argument-error";
    public const string ServerBusy = "com.microsoft:server-busy";
    public const string Timeout = "com.microsoft:timeout";

    public const string PartitionInvalidText = "The specified partition is invalid for an EventHub partition sender or receiver.";
}
