using System.Text.Json;

namespace DefenderConnector.Mapping.Device;

/// <summary>The parts most DeviceEvents writers share: device, actor, the common observables and the end of the event.</summary>
internal static class DeviceEventParts
{
    /// <summary>Marks ActionType placed and opens the event with <paramref name="activity"/> (99 keeps the ActionType as its name).</summary>
    public static void Begin(in MapContext context, OcsfClass cls, int activity, ReadOnlySpan<byte> action, int severityId = 1)
    {
        context.Row.TryText(Column.ActionType, out _);
        EventWriter.Begin(context, cls, activity, action, severityId);
    }

    public static void DeviceAndActor(OcsfEventWriter writer, in Row row)
    {
        DeviceBlock.Write(writer, row);
        ActorBlock.WriteInitiating(writer, row);
    }

    /// <summary>Device and initiating-process observables, then metadata and <c>unmapped</c>.</summary>
    public static MapResult End(in MapContext context, OcsfClass cls, OcsfProfiles profiles)
    {
        var observables = new ObservableWriter(context.Writer);
        DeviceBlock.Observe(ref observables, context.Row);
        ActorBlock.Observe(ref observables, context.Row);
        observables.End();
        EventWriter.End(context, profiles);
        return context.Mapped(cls);
    }

    /// <summary>The row's file (FileName, FolderPath, hashes, size) as <paramref name="property"/>; else a file named by an AdditionalFields key or "Unknown" (OCSF requires the name).</summary>
    public static void RequiredFile(OcsfEventWriter writer, ReadOnlySpan<byte> property, in Row row, in AdditionalFields additional, ReadOnlySpan<byte> nameKey, int typeId = 1, ReadOnlySpan<byte> typeName = default)
    {
        if (FileBlock.Write(writer, property, row, Column.FileName, Column.FolderPath, Column.MD5, Column.SHA1, Column.SHA256, Column.FileSize))
        {
            return;
        }

        writer.WriteStartObject(property);
        if (nameKey.IsEmpty || !additional.Write(writer, Names.Name, nameKey))
        {
            writer.WriteString(Names.Name, "Unknown"u8);
        }

        Put.Enum(writer, Names.TypeId, typeId, Names.Type, typeName.IsEmpty ? "Regular File"u8 : typeName);
        writer.WriteEndObject();
    }
}
