using System.Text.Json;

namespace DefenderConnector.Mapping.Api;

/// <summary>Activity, verdict and assignee, shared by alerts and incidents of every API.</summary>
internal static class ApiTriage
{
    /// <summary>Close when resolved (or redirected), Update when modified after creation, else Create.</summary>
    public static int Activity(in Row row)
    {
        if (ApiEnums.IsResolved(row.Peek(Column.Status)))
        {
            return 3;
        }

        var created = row.Peek(Column.CreatedDateTime);
        var updated = row.Peek(Column.LastUpdateDateTime);
        return !updated.IsEmpty && !created.IsEmpty && IsoTime.TryParse(created, out var c) && IsoTime.TryParse(updated, out var u) && u > c ? 2 : 1;
    }

    public static Column TimeColumn(in Row row) => IsoTime.TryParse(row.Peek(Column.LastUpdateDateTime), out _) ? Column.LastUpdateDateTime : Column.CreatedDateTime;

    /// <summary>Writes verdict_id/verdict when classification or determination says something; returns whether it did.</summary>
    public static bool Verdict(OcsfEventWriter writer, in Row row)
    {
        var (id, caption) = ApiEnums.Verdict(row.Peek(Column.Classification), row.Peek(Column.Determination));
        if (id == 0)
        {
            return false;
        }

        writer.WriteNumber(Names.VerdictId, id);
        writer.WriteString(Names.Verdict, caption);
        row.MarkUsed(Column.Classification);
        row.MarkUsed(Column.Determination);
        return true;
    }

    public static bool Assignee(OcsfEventWriter writer, in Row row)
    {
        if (!row.TryText(Column.AssignedTo, out var assignee))
        {
            return false;
        }

        writer.WriteStartObject(Names.Assignee);
        writer.WriteString(Names.Name, assignee);
        if (assignee.IndexOf((byte)'@') > 0)
        {
            writer.WriteString(Names.EmailAddr, assignee);
        }

        writer.WriteEndObject();
        return true;
    }

    public static string? Tenant(in Row row) => row.TryText(Column.TenantId, out var tenant) ? System.Text.Encoding.UTF8.GetString(tenant) : null;
}
