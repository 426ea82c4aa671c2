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
}
