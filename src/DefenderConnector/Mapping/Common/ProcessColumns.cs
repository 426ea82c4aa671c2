namespace DefenderConnector.Mapping;

/// <summary>The columns that describe one process in a table: the created process (Process*, FileName...) or the initiating one (InitiatingProcess*).</summary>
internal readonly record struct ProcessColumns(
    Column Pid, Column FileName, Column CommandLine, Column CreationTime, Column FolderPath,
    Column Md5, Column Sha1, Column Sha256, Column FileSize,
    Column Company, Column Product, Column ProductVersion, Column InternalName, Column Description,
    Column Integrity, Column ParentPid, Column ParentName, Column ParentCreationTime, Column SessionId, Column IsRemoteSession)
{
    public static readonly ProcessColumns Initiating = new(
        Column.InitiatingProcessId, Column.InitiatingProcessFileName, Column.InitiatingProcessCommandLine, Column.InitiatingProcessCreationTime, Column.InitiatingProcessFolderPath,
        Column.InitiatingProcessMD5, Column.InitiatingProcessSHA1, Column.InitiatingProcessSHA256, Column.InitiatingProcessFileSize,
        Column.InitiatingProcessVersionInfoCompanyName, Column.InitiatingProcessVersionInfoProductName, Column.InitiatingProcessVersionInfoProductVersion,
        Column.InitiatingProcessVersionInfoInternalFileName, Column.InitiatingProcessVersionInfoFileDescription,
        Column.InitiatingProcessIntegrityLevel, Column.InitiatingProcessParentId, Column.InitiatingProcessParentFileName, Column.InitiatingProcessParentCreationTime,
        Column.InitiatingProcessSessionId, Column.IsInitiatingProcessRemoteSession);

    /// <summary>The process a DeviceProcessEvents row (or a DeviceEvents process row) is about; its parent is the initiating process.</summary>
    public static readonly ProcessColumns Created = new(
        Column.ProcessId, Column.FileName, Column.ProcessCommandLine, Column.ProcessCreationTime, Column.FolderPath,
        Column.MD5, Column.SHA1, Column.SHA256, Column.FileSize,
        Column.ProcessVersionInfoCompanyName, Column.ProcessVersionInfoProductName, Column.ProcessVersionInfoProductVersion,
        Column.ProcessVersionInfoInternalFileName, Column.ProcessVersionInfoFileDescription,
        Column.ProcessIntegrityLevel, Column.InitiatingProcessId, Column.InitiatingProcessFileName, Column.InitiatingProcessCreationTime,
        Column.CreatedProcessSessionId, Column.IsProcessRemoteSession);
}
