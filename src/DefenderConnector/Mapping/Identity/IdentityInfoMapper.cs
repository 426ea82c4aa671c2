using System.Text.Json;

namespace DefenderConnector.Mapping.Identity;

/// <summary>IdentityInfo → User Inventory Info (5003) Collect: one account with its directory attributes.</summary>
internal static class IdentityInfoMapper
{
    public static MapResult Map(in MapContext context)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.UserInventory;
        EventWriter.Begin(context, cls, 2, default);
        writer.WriteStartObject(Names.User);
        if (!Put.Str(writer, Names.Name, row, Column.AccountName))
        {
            writer.WriteString(Names.Name, row.Has(Column.AccountUpn) ? row.Peek(Column.AccountUpn) : "Unknown"u8);
        }

        Put.Str(writer, Names.Uid, row, Column.AccountObjectId);
        Put.Str(writer, Names.UidAlt, row, Column.OnPremSid);
        Put.Str(writer, Names.Domain, row, Column.AccountDomain);
        Put.Str(writer, Names.FullName, row, Column.AccountDisplayName);
        if (!Put.Str(writer, Names.EmailAddr, row, Column.EmailAddress))
        {
            Put.Str(writer, Names.EmailAddr, row, Column.AccountUpn);
        }

        UserType(writer, row);
        Risk(writer, row);
        if (row.TryBool(Column.IsAccountEnabled, out var enabled))
        {
            writer.WriteStartObject(Names.Account);
            writer.WriteString(Names.Name, row.Has(Column.AccountUpn) ? row.Peek(Column.AccountUpn) : row.Has(Column.AccountName) ? row.Peek(Column.AccountName) : "Unknown"u8);
            writer.WriteBoolean(Names.IsDisabled, !enabled);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        var observables = new ObservableWriter(writer);
        observables.Add("user.name"u8, 4, row.Has(Column.AccountName) ? row.Peek(Column.AccountName) : row.Peek(Column.AccountUpn));
        observables.Add("user.uid"u8, 31, row.Peek(Column.AccountObjectId));
        observables.End();
        EventWriter.End(context, OcsfProfiles.None);
        return context.Mapped(cls);
    }

    private static void UserType(OcsfEventWriter writer, in Row row)
    {
        var text = row.Peek(Column.Type);
        if (text.IsEmpty)
        {
            return;
        }

        var id = System.Text.Ascii.EqualsIgnoreCase(text, "User"u8) ? 1 : System.Text.Ascii.EqualsIgnoreCase(text, "ServiceAccount"u8) ? 4 : 99;
        writer.WriteNumber(Names.TypeId, id);
        writer.WriteString(Names.Type, id switch { 1 => "User"u8, 4 => "Service"u8, _ => text });
        row.MarkUsed(Column.Type);
    }

    private static void Risk(OcsfEventWriter writer, in Row row)
    {
        var text = row.Peek(Column.RiskLevel);
        var id = System.Text.Ascii.EqualsIgnoreCase(text, "Low"u8) ? 1 : System.Text.Ascii.EqualsIgnoreCase(text, "Medium"u8) ? 2 : System.Text.Ascii.EqualsIgnoreCase(text, "High"u8) ? 3 : -1;
        if (id < 0)
        {
            return;
        }

        writer.WriteNumber(Names.RiskLevelId, id);
        writer.WriteString(Names.RiskLevel, id switch { 1 => "Low"u8, 2 => "Medium"u8, _ => "High"u8 });
        row.MarkUsed(Column.RiskLevel);
    }
}
