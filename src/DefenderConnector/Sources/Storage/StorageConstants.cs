namespace DefenderConnector.Sources.Storage;

/// <summary>Every default and layout constant of the Azure Storage export source in one place.</summary>
internal static class StorageConstants
{
    public const string SourceName = "storage";

    /// <summary>Defender's Streaming API writes one container per table, named with this prefix and the table in lower case.</summary>
    public const string ContainerPrefix = "insights-logs-advancedhunting-";

    public const string DefaultEndpointSuffix = "core.windows.net";

    public static readonly TimeSpan DefaultPullInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MinPullInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultMaxPullDuration = TimeSpan.FromMinutes(4);
    public const long DefaultMaxEventsPerPull = 1_000_000;

    /// <summary>Bytes one range read asks for: large enough that a 200 MB hour is 50 requests, small enough to bound memory per blob.</summary>
    public const long DefaultReadBytes = 4L * 1024 * 1024;
    public const long MinReadBytes = 64L * 1024;
    public const long MaxReadBytes = 256L * 1024 * 1024;

    /// <summary>Lines handed to the engine per chunk, at most (a commit point at each chunk end).</summary>
    public const int ChunkLines = 2000;

    /// <summary>
    /// How long after its hour ended a blob that was read to its end is taken as finished and leaves the working
    /// set. Defender appends to an hour's blob during that hour; a blob that grows later is taken back.
    /// </summary>
    public static readonly TimeSpan DefaultRetireAfter = TimeSpan.FromHours(1);

    /// <summary>Containers read at the same time.</summary>
    public const int DefaultConcurrency = 4;

    public static readonly TimeSpan DefaultOperationTimeout = TimeSpan.FromSeconds(30);
    public const int DefaultMaxRetries = 5;
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(60);
}
