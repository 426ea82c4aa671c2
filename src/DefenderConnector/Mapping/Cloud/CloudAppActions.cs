namespace DefenderConnector.Mapping.Cloud;

/// <summary>
/// CloudAppEvents ActionTypes (Office 365 audit operation names, not a closed list) → class and activity.
/// File operations are File Hosting Activity, sign-ins Authentication, everything else API Activity
/// by the verb the operation starts with (New/Add/Create, Get/Read/List/View, Set/Update/Modify,
/// Remove/Delete), else Other.
/// </summary>
internal static class CloudAppActions
{
    public enum Kind
    {
        Api,
        FileHosting,
        Logon,
    }

    public static (Kind Kind, int Activity) Classify(ReadOnlySpan<byte> action) => action switch
    {
        _ when Is(action, "UserLoggedIn"u8) => (Kind.Logon, 1),
        _ when Is(action, "UserLoginFailed"u8) => (Kind.Logon, 1),
        _ when Is(action, "FileUploaded"u8) => (Kind.FileHosting, 1),
        _ when Is(action, "FileDownloaded"u8) || Is(action, "FileSyncDownloadedFull"u8) => (Kind.FileHosting, 2),
        _ when Is(action, "FileModified"u8) || Is(action, "FileModifiedExtended"u8) => (Kind.FileHosting, 3),
        _ when Is(action, "FileDeleted"u8) || Is(action, "FileRecycled"u8) => (Kind.FileHosting, 4),
        _ when Is(action, "FileRenamed"u8) => (Kind.FileHosting, 5),
        _ when Is(action, "FileCopied"u8) => (Kind.FileHosting, 6),
        _ when Is(action, "FileMoved"u8) => (Kind.FileHosting, 7),
        _ when Is(action, "FileRestored"u8) => (Kind.FileHosting, 8),
        _ when Is(action, "FilePreviewed"u8) => (Kind.FileHosting, 9),
        _ when Is(action, "SharingSet"u8) || Is(action, "AnonymousLinkCreated"u8) || Is(action, "SharingInvitationCreated"u8) => (Kind.FileHosting, 12),
        _ when Is(action, "FileAccessed"u8) => (Kind.FileHosting, 14),
        _ when StartsWith(action, "New"u8) || StartsWith(action, "Add"u8) || StartsWith(action, "Create"u8) => (Kind.Api, 1),
        _ when StartsWith(action, "Get"u8) || StartsWith(action, "Read"u8) || StartsWith(action, "List"u8) || StartsWith(action, "View"u8) || StartsWith(action, "Search"u8) => (Kind.Api, 2),
        _ when StartsWith(action, "Set"u8) || StartsWith(action, "Update"u8) || StartsWith(action, "Modify"u8) || StartsWith(action, "Change"u8) => (Kind.Api, 3),
        _ when StartsWith(action, "Remove"u8) || StartsWith(action, "Delete"u8) => (Kind.Api, 4),
        _ => (Kind.Api, 99),
    };

    private static bool Is(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => System.Text.Ascii.EqualsIgnoreCase(a, b);

    private static bool StartsWith(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => a.Length >= b.Length && System.Text.Ascii.EqualsIgnoreCase(a[..b.Length], b);
}
