using DefenderConnector.Configuration;
using DefenderConnector.Sources.EventHub;
using DefenderConnector.Sources.Filtering;

namespace DefenderConnector.Sources.Storage;

/// <summary>The <c>storage</c> settings after validation. Immutable; secrets are held as <see cref="Secret"/>.</summary>
internal sealed record StorageSourceOptions
{
    /// <summary>The storage account name: part of every checkpoint key and event id.</summary>
    public required string AccountName { get; init; }

    /// <summary>The account's blob endpoint (for a connection string, the one it names).</summary>
    public required Uri BlobEndpoint { get; init; }

    public required StorageAuthKind Auth { get; init; }

    public Secret? ConnectionString { get; init; }

    public Secret? SasToken { get; init; }

    public EntraOptions? Entra { get; init; }

    /// <summary>A PEM bundle trusted beside the system store for Storage and its Entra sign-in (<c>storage.trustedCertificate</c>).</summary>
    public string? TrustedCertificatePath { get; init; }

    public string ContainerPrefix { get; init; } = StorageConstants.ContainerPrefix;

    public TableFilter Tables { get; init; } = TableFilter.All;

    public TimeSpan PullInterval { get; init; } = StorageConstants.DefaultPullInterval;

    /// <summary>First run only: blobs of hours that ended before it are not read (null: every blob, <c>earliest</c>).</summary>
    public DateTimeOffset? StartTime { get; init; }

    public long MaxEventsPerPull { get; init; } = StorageConstants.DefaultMaxEventsPerPull;

    public TimeSpan MaxPullDuration { get; init; } = StorageConstants.DefaultMaxPullDuration;

    public long ReadBytes { get; init; } = StorageConstants.DefaultReadBytes;

    public TimeSpan RetireAfter { get; init; } = StorageConstants.DefaultRetireAfter;

    public int Concurrency { get; init; } = StorageConstants.DefaultConcurrency;

    public TimeSpan OperationTimeout { get; init; } = StorageConstants.DefaultOperationTimeout;

    public int MaxRetries { get; init; } = StorageConstants.DefaultMaxRetries;

    /// <summary>The checkpoint stream key of a container: <c>storage/account/container</c>, lowercased; blobs are its partitions.</summary>
    public string StreamKey(string container) => $"storage/{AccountName}/{container}".ToLowerInvariant();

    /// <summary>Safe to print: no secret (the endpoint carries no query).</summary>
    public string Describe() =>
        $"Azure Storage export in account {AccountName} ({BlobEndpoint.GetLeftPart(UriPartial.Path).TrimEnd('/')}), containers {ContainerPrefix}*, {Tables.Describe()}, {Identity}";

    public string Identity => Auth switch
    {
        StorageAuthKind.Entra => Entra!.Describe(),
        StorageAuthKind.SasToken => "SAS token",
        _ => "connection string",
    };
}
