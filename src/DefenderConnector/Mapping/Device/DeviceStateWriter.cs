namespace DefenderConnector.Mapping.Device;

/// <summary>
/// DeviceEvents rows about the state of the device and of Defender itself: antivirus scans as Scan
/// Activity (6007, scan uid = AdditionalFields "Scan ID"); definition updates, antivirus errors and
/// Application Guard containers as Application Lifecycle (6002) of the Defender component; policy loads,
/// audit-policy changes, BitLocker audits and boot attestation as Device Config State Change (5019) Log;
/// SecurityLogCleared as Event Log Activity (1008) Clear of the Security log; Active Directory objects
/// as Entity Management (3004) of the object named in AdditionalFields.
/// </summary>
internal static class DeviceStateWriter
{
    public static MapResult Write(in MapContext context, ReadOnlySpan<byte> action, DeviceEventRoute route)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = route.Kind switch
        {
            DeviceEventKind.Scan => DeviceEventClasses.Scan,
            DeviceEventKind.Lifecycle => DeviceEventClasses.ApplicationLifecycle,
            DeviceEventKind.EventLog => DeviceEventClasses.EventLog,
            DeviceEventKind.Entity => DeviceEventClasses.EntityManagement,
            _ => DeviceEventClasses.DeviceConfigState,
        };
        var additional = new AdditionalFields(row);
        DeviceEventParts.Begin(context, cls, route.Activity, action);
        if (action.EndsWith("Failed"u8) || action.SequenceEqual("AntivirusError"u8))
        {
            Put.Enum(writer, Names.StatusId, 2, Names.Status, "Failure"u8);
        }

        var profiles = OcsfProfiles.Host;
        switch (route.Kind)
        {
            case DeviceEventKind.Scan:
                writer.WriteStartObject(Names.Scan);
                Put.Enum(writer, Names.TypeId, 0, Names.Type, "Unknown"u8);
                if (!additional.Write(writer, Names.Uid, "Scan ID"u8))
                {
                    writer.WriteString(Names.Name, "Microsoft Defender Antivirus scan"u8);
                }

                writer.WriteEndObject();
                break;
            case DeviceEventKind.Lifecycle:
                writer.WriteStartObject(Names.App);
                writer.WriteString(Names.Name, action.StartsWith("AppGuard"u8) ? "Microsoft Defender Application Guard"u8 : "Microsoft Defender Antivirus"u8);
                writer.WriteString(Names.VendorName, "Microsoft"u8);
                writer.WriteEndObject();
                break;
            case DeviceEventKind.EventLog:
                writer.WriteString(Names.LogName, "Security"u8);
                profiles = OcsfProfiles.None;
                break;
            case DeviceEventKind.Entity:
                writer.WriteStartObject(Names.Entity);
                if (!additional.Write(writer, Names.Name, "ObjectName"u8) && !additional.Write(writer, Names.Name, "DistinguishedName"u8))
                {
                    writer.WriteString(Names.Name, "Unknown"u8);
                }

                additional.Write(writer, Names.Type, "ObjectClass"u8);
                additional.Write(writer, Names.Uid, "ObjectGuid"u8);
                writer.WriteEndObject();
                break;
            default:
                profiles = OcsfProfiles.None;
                break;
        }

        DeviceEventParts.DeviceAndActor(writer, row);
        return DeviceEventParts.End(context, cls, profiles);
    }
}
