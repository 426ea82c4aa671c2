using System.Text.Json;

namespace DefenderConnector.Mapping.Identity;

/// <summary>
/// IdentityDirectoryEvents, dispatched by ActionType: account changes (password, enable/disable,
/// lock/unlock, create, delete, other attribute changes as Other) → Account Change (3001) with the
/// target account as user; group membership changes → Group Management (3006) Add/Remove User,
/// the group read from AdditionalFields TO.GROUP / FROM.GROUP; everything else (replication,
/// data retrieval, remote execution...) → API Activity (6003) Other with the ActionType as the operation.
/// </summary>
internal static class IdentityDirectoryEventsMapper
{
    public static MapResult Map(in MapContext context)
    {
        var row = context.Row;
        var writer = context.Writer;
        var action = row.Peek(Column.ActionType);
        var (target, activity) = IdentityDirectoryActions.Classify(action);
        Span<byte> group = stackalloc byte[256];
        var groupLength = 0;
        row.TryJson(Column.AdditionalFields, out var additional);
        row.Unmark(Column.AdditionalFields);
        if (target == IdentityDirectoryActions.Target.Group)
        {
            activity = JsonText.TryGetString(additional, "TO.GROUP"u8, group, out groupLength, validated: true) ? 3
                : JsonText.TryGetString(additional, "FROM.GROUP"u8, group, out groupLength, validated: true) ? 4 : 99;
        }

        var cls = target switch
        {
            IdentityDirectoryActions.Target.Account => OcsfClasses.AccountChange,
            IdentityDirectoryActions.Target.Group => OcsfClasses.GroupManagement,
            _ => OcsfClasses.Api,
        };
        row.TryText(Column.ActionType, out _);
        EventWriter.Begin(context, cls, activity, action);
        switch (target)
        {
            case IdentityDirectoryActions.Target.Account:
                TargetUser(writer, row);
                break;
            case IdentityDirectoryActions.Target.Group:
                writer.WriteStartObject(Names.Group);
                writer.WriteString(Names.Name, groupLength > 0 ? group[..groupLength] : "Unknown"u8);
                writer.WriteEndObject();
                TargetUser(writer, row);
                break;
            default:
                writer.WriteStartObject(Names.Api);
                writer.WriteString(Names.Operation, action.IsEmpty ? "Unknown"u8 : action);
                writer.WriteEndObject();
                EndpointBlock.Write(writer, "dst_endpoint"u8, row, Column.DestinationIPAddress, Column.DestinationPort, Column.DestinationDeviceName);
                break;
        }

        IdentityActor.Write(writer, row);
        IdentityActor.WriteSource(writer, row, required: target == IdentityDirectoryActions.Target.Other);
        var observables = new ObservableWriter(writer);
        IdentityObservables.Add(ref observables, row, userIsActor: true);
        if (target != IdentityDirectoryActions.Target.Other)
        {
            observables.Add("user.name"u8, 4, row.Has(Column.TargetAccountUpn) ? row.Peek(Column.TargetAccountUpn) : row.Peek(Column.TargetAccountDisplayName));
        }

        observables.End();
        EventWriter.End(context, OcsfProfiles.None);
        return context.Mapped(cls);
    }

    /// <summary>The account acted upon; OCSF requires it for Account Change.</summary>
    private static void TargetUser(OcsfEventWriter writer, in Row row)
    {
        writer.WriteStartObject(Names.User);
        if (!Put.Str(writer, Names.Name, row, Column.TargetAccountUpn))
        {
            writer.WriteString(Names.Name, row.Has(Column.TargetAccountDisplayName) ? row.Peek(Column.TargetAccountDisplayName) : "Unknown"u8);
        }

        if (row.Has(Column.TargetAccountUpn))
        {
            writer.WriteString(Names.EmailAddr, row.Peek(Column.TargetAccountUpn));
        }

        Put.Str(writer, Names.FullName, row, Column.TargetAccountDisplayName);
        writer.WriteEndObject();
    }
}
