namespace DefenderConnector.Mapping.Device;

/// <summary>
/// Local account and group changes. The Account* columns are the account that was changed (or added
/// to / removed from the group); the initiating process and its account are the actor who changed it.
/// Account Change (3001) and Group Management (3006); the group is read from AdditionalFields
/// (GroupName, GroupDomainName, GroupSid).
/// </summary>
internal static class LocalAccountWriter
{
    public static MapResult Write(in MapContext context, ReadOnlySpan<byte> action, int activity, bool group)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = group ? OcsfClasses.GroupManagement : OcsfClasses.AccountChange;
        var additional = new AdditionalFields(row);
        DeviceEventParts.Begin(context, cls, activity, action);
        if (group)
        {
            writer.WriteStartObject(Names.Group);
            if (!additional.Write(writer, Names.Name, "GroupName"u8))
            {
                writer.WriteString(Names.Name, "Unknown"u8);
            }

            additional.Write(writer, Names.Domain, "GroupDomainName"u8);
            additional.Write(writer, Names.Uid, "GroupSid"u8);
            writer.WriteEndObject();
            UserBlock.Write(writer, "user"u8, row, UserColumns.Account);
        }
        else if (!UserBlock.Write(writer, "user"u8, row, UserColumns.Account))
        {
            // Account Change requires the user; a row that names none gets the least-inventive placeholder.
            writer.WriteStartObject(Names.User);
            writer.WriteString(Names.Name, "Unknown"u8);
            writer.WriteEndObject();
        }

        DeviceEventParts.DeviceAndActor(writer, row);
        var observables = new ObservableWriter(writer);
        DeviceBlock.Observe(ref observables, row);
        ActorBlock.Observe(ref observables, row);
        observables.Add("user.name"u8, 4, UserBlock.NameOf(row, UserColumns.Account));
        observables.End();
        EventWriter.End(context, OcsfProfiles.Host);
        return context.Mapped(cls);
    }
}
