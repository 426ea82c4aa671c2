namespace DefenderConnector.Mapping;

/// <summary>
/// The OCSF 1.8.0 classes the mappers write, with their activity captions taken from the compiled
/// schema (so <c>activity_name</c> and <c>type_name</c> always match <c>activity_id</c>).
/// </summary>
internal static class OcsfClasses
{
    public static readonly OcsfClass BaseEvent = new(0, "Base Event", 0, "Uncategorized", new() { [0] = "Unknown", [99] = "Other" });

    public static readonly OcsfClass FileSystem = new(1001, "File System Activity", 1, "System Activity", new() { [0] = "Unknown", [1] = "Create", [2] = "Read", [3] = "Update", [4] = "Delete", [5] = "Rename", [6] = "Set Attributes", [7] = "Set Security", [8] = "Get Attributes", [9] = "Get Security", [10] = "Encrypt", [11] = "Decrypt", [12] = "Mount", [13] = "Unmount", [14] = "Open", [99] = "Other" });

    public static readonly OcsfClass Module = new(1005, "Module Activity", 1, "System Activity", new() { [0] = "Unknown", [1] = "Load", [2] = "Unload", [3] = "Invoke", [99] = "Other" });

    public static readonly OcsfClass Process = new(1007, "Process Activity", 1, "System Activity", new() { [0] = "Unknown", [1] = "Launch", [2] = "Terminate", [3] = "Open", [4] = "Inject", [5] = "Set User ID", [99] = "Other" });

    public static readonly OcsfClass DetectionFinding = new(2004, "Detection Finding", 2, "Findings", new() { [0] = "Unknown", [1] = "Create", [2] = "Update", [3] = "Close", [99] = "Other" });

    public static readonly OcsfClass IncidentFinding = new(2005, "Incident Finding", 2, "Findings", new() { [0] = "Unknown", [1] = "Create", [2] = "Update", [3] = "Close", [99] = "Other" });

    public static readonly OcsfClass AccountChange = new(3001, "Account Change", 3, "Identity & Access Management", new() { [0] = "Unknown", [1] = "Create", [2] = "Enable", [3] = "Password Change", [4] = "Password Reset", [5] = "Disable", [6] = "Delete", [7] = "Attach Policy", [8] = "Detach Policy", [9] = "Lock", [10] = "MFA Factor Enable", [11] = "MFA Factor Disable", [12] = "Unlock", [99] = "Other" });

    public static readonly OcsfClass Authentication = new(3002, "Authentication", 3, "Identity & Access Management", new() { [0] = "Unknown", [1] = "Logon", [2] = "Logoff", [3] = "Authentication Ticket", [4] = "Service Ticket Request", [5] = "Service Ticket Renew", [6] = "Preauth", [7] = "Account Switch", [99] = "Other" });

    public static readonly OcsfClass GroupManagement = new(3006, "Group Management", 3, "Identity & Access Management", new() { [0] = "Unknown", [1] = "Assign Privileges", [2] = "Revoke Privileges", [3] = "Add User", [4] = "Remove User", [5] = "Delete", [6] = "Create", [7] = "Add Subgroup", [8] = "Remove Subgroup", [99] = "Other" });

    public static readonly OcsfClass Network = new(4001, "Network Activity", 4, "Network Activity", new() { [0] = "Unknown", [1] = "Open", [2] = "Close", [3] = "Reset", [4] = "Fail", [5] = "Refuse", [6] = "Traffic", [7] = "Listen", [99] = "Other" });

    public static readonly OcsfClass Email = new(4009, "Email Activity", 4, "Network Activity", new() { [0] = "Unknown", [1] = "Send", [2] = "Receive", [3] = "Scan", [4] = "Trace", [5] = "MTA Relay", [99] = "Other" });

    public static readonly OcsfClass DeviceInventory = new(5001, "Device Inventory Info", 5, "Discovery", new() { [0] = "Unknown", [1] = "Log", [2] = "Collect", [99] = "Other" });

    public static readonly OcsfClass UserInventory = new(5003, "User Inventory Info", 5, "Discovery", new() { [0] = "Unknown", [1] = "Log", [2] = "Collect", [99] = "Other" });

    public static readonly OcsfClass WebResources = new(6001, "Web Resources Activity", 6, "Application Activity", new() { [0] = "Unknown", [1] = "Create", [2] = "Read", [3] = "Update", [4] = "Delete", [5] = "Search", [6] = "Import", [7] = "Export", [8] = "Share", [99] = "Other" });

    public static readonly OcsfClass Api = new(6003, "API Activity", 6, "Application Activity", new() { [0] = "Unknown", [1] = "Create", [2] = "Read", [3] = "Update", [4] = "Delete", [99] = "Other" });

    public static readonly OcsfClass FileHosting = new(6006, "File Hosting Activity", 6, "Application Activity", new() { [0] = "Unknown", [1] = "Upload", [2] = "Download", [3] = "Update", [4] = "Delete", [5] = "Rename", [6] = "Copy", [7] = "Move", [8] = "Restore", [9] = "Preview", [10] = "Lock", [11] = "Unlock", [12] = "Share", [13] = "Unshare", [14] = "Open", [15] = "Sync", [16] = "Unsync", [17] = "Access Check", [99] = "Other" });

    public static readonly OcsfClass Datastore = new(6005, "Datastore Activity", 6, "Application Activity", new() { [0] = "Unknown", [1] = "Read", [2] = "Update", [3] = "Connect", [4] = "Query", [5] = "Write", [6] = "Create", [7] = "Delete", [8] = "List", [9] = "Encrypt", [10] = "Decrypt", [99] = "Other" });

    public static readonly OcsfClass RegistryKey = new(201001, "Registry Key Activity", 1, "System Activity", new() { [0] = "Unknown", [1] = "Create", [2] = "Read", [3] = "Modify", [4] = "Delete", [5] = "Rename", [6] = "Set Security", [7] = "Restore", [8] = "Import", [9] = "Export", [99] = "Other" });

    public static readonly OcsfClass RegistryValue = new(201002, "Registry Value Activity", 1, "System Activity", new() { [0] = "Unknown", [1] = "Get", [2] = "Set", [3] = "Modify", [4] = "Delete", [99] = "Other" });

}
