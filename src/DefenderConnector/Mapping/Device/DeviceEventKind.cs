namespace DefenderConnector.Mapping.Device;

/// <summary>Which writer a DeviceEvents ActionType goes to (see <see cref="DeviceEventsCatalogue"/>).</summary>
internal enum DeviceEventKind : byte
{
    /// <summary>A protection control's decision: Detection Finding (2004).</summary>
    Detection,

    /// <summary>Process Activity (1007); the row's own process columns are the target process.</summary>
    Process,

    /// <summary>Process Activity (1007) about the initiating process itself (clipboard, screenshot, WMI...).</summary>
    ProcessSelf,

    /// <summary>Memory Activity (1004): the initiating process acting on the target process's memory.</summary>
    Memory,

    /// <summary>Scheduled Job Activity (1006).</summary>
    ScheduledTask,

    /// <summary>DNS Activity (4003).</summary>
    Dns,

    /// <summary>Script Activity (1009).</summary>
    Script,

    /// <summary>Peripheral Activity (1010).</summary>
    Peripheral,

    /// <summary>Account Change (3001): the Account* columns are the account changed.</summary>
    Account,

    /// <summary>Group Management (3006): the group from AdditionalFields, the Account* columns the member.</summary>
    Group,

    /// <summary>Windows Service Activity (201004).</summary>
    Service,

    /// <summary>Kernel Extension Activity (1002): the row's file is the driver.</summary>
    Driver,

    /// <summary>Network Activity (4001) from the row's Local*/Remote* columns.</summary>
    Network,

    /// <summary>Web Resources Activity (6001): RemoteUrl is the resource.</summary>
    Web,

    /// <summary>File System Activity (1001): the row's file.</summary>
    File,

    /// <summary>File Hosting Activity (6006): a network share object on the device.</summary>
    Share,

    /// <summary>Scan Activity (6007): an antivirus scan.</summary>
    Scan,

    /// <summary>Application Lifecycle (6002): a Defender component (definitions, Application Guard containers).</summary>
    Lifecycle,

    /// <summary>Device Config State Change (5019): a security-relevant device state.</summary>
    Config,

    /// <summary>Event Log Activity (1008).</summary>
    EventLog,

    /// <summary>Entity Management (3004): an Active Directory object.</summary>
    Entity,
}
