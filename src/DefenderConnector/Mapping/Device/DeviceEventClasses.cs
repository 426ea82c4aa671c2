namespace DefenderConnector.Mapping.Device;

/// <summary>
/// The OCSF 1.8.0 classes only DeviceEvents writes. They live here rather than in the shared
/// <see cref="OcsfClasses"/> so this table's dispatch stays local; captions match the compiled schema.
/// </summary>
internal static class DeviceEventClasses
{
    public static readonly OcsfClass ScheduledJob = new(1006, "Scheduled Job Activity", 1, "System Activity", new() { [0] = "Unknown", [1] = "Create", [2] = "Update", [3] = "Delete", [4] = "Enable", [5] = "Disable", [6] = "Start", [99] = "Other" });

    public static readonly OcsfClass Script = new(1009, "Script Activity", 1, "System Activity", new() { [0] = "Unknown", [1] = "Execute", [99] = "Other" });

    public static readonly OcsfClass Peripheral = new(1010, "Peripheral Activity", 1, "System Activity", new() { [0] = "Unknown", [1] = "Connect", [2] = "Disconnect", [3] = "Enable", [4] = "Disable", [5] = "Eject", [99] = "Other" });

    public static readonly OcsfClass Dns = new(4003, "DNS Activity", 4, "Network Activity", new() { [0] = "Unknown", [1] = "Query", [2] = "Response", [6] = "Traffic", [99] = "Other" });

    public static readonly OcsfClass Memory = new(1004, "Memory Activity", 1, "System Activity", new() { [0] = "Unknown", [1] = "Allocate Page", [2] = "Modify Page", [3] = "Delete Page", [4] = "Buffer Overflow", [5] = "Disable DEP", [6] = "Enable DEP", [7] = "Read", [8] = "Write", [9] = "Map View", [99] = "Other" });

    public static readonly OcsfClass KernelExtension = new(1002, "Kernel Extension Activity", 1, "System Activity", new() { [0] = "Unknown", [1] = "Load", [2] = "Unload", [99] = "Other" });

    public static readonly OcsfClass WindowsService = new(201004, "Windows Service Activity", 1, "System Activity", new() { [0] = "Unknown", [1] = "Create", [2] = "Reconfigure", [3] = "Start", [4] = "Stop", [5] = "Pause", [6] = "Continue", [7] = "Delete", [99] = "Other" });

    public static readonly OcsfClass EventLog = new(1008, "Event Log Activity", 1, "System Activity", new() { [0] = "Unknown", [1] = "Clear", [2] = "Delete", [3] = "Export", [4] = "Archive", [5] = "Rotate", [6] = "Start", [7] = "Stop", [8] = "Restart", [9] = "Enable", [10] = "Disable", [99] = "Other" });

    public static readonly OcsfClass EntityManagement = new(3004, "Entity Management", 3, "Identity & Access Management", new() { [0] = "Unknown", [1] = "Create", [2] = "Read", [3] = "Update", [4] = "Delete", [5] = "Move", [6] = "Enroll", [7] = "Unenroll", [8] = "Enable", [9] = "Disable", [10] = "Activate", [11] = "Deactivate", [12] = "Suspend", [13] = "Resume", [99] = "Other" });

    public static readonly OcsfClass DeviceConfigState = new(5019, "Device Config State Change", 5, "Discovery", new() { [0] = "Unknown", [1] = "Log", [2] = "Collect", [99] = "Other" });

    public static readonly OcsfClass ApplicationLifecycle = new(6002, "Application Lifecycle", 6, "Application Activity", new() { [0] = "Unknown", [1] = "Install", [2] = "Remove", [3] = "Start", [4] = "Stop", [5] = "Restart", [6] = "Enable", [7] = "Disable", [8] = "Update", [99] = "Other" });

    public static readonly OcsfClass Scan = new(6007, "Scan Activity", 6, "Application Activity", new() { [0] = "Unknown", [1] = "Started", [2] = "Completed", [3] = "Cancelled", [4] = "Duration Violation", [5] = "Pause Violation", [6] = "Error", [7] = "Paused", [8] = "Resumed", [9] = "Restarted", [10] = "Delayed", [99] = "Other" });
}
