using System.Text.Json;
using DefenderConnector.Mapping.Alerts;

namespace DefenderConnector.Mapping.Api;

/// <summary>
/// Any API alert → Detection Finding (2004) with the same attribute choices whichever API served
/// it: finding_info (uid, title, desc, category, times, portal link, detection source, product,
/// MITRE techniques), status, severity, malware (threat name), verdict and assignee (incident
/// profile) and one evidences[] entry per entity. The raw evidence list also stays in unmapped, so
/// nothing an entry could not hold is lost.
/// </summary>
internal static class AlertFindingWriter
{
    public static MapResult Write(in MapContext context, bool flatEvidence)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.DetectionFinding;
        var severity = Severity.FromText(row.Peek(Column.Severity));
        if (severity > 0)
        {
            row.MarkUsed(Column.Severity);
        }

        EventWriter.Begin(context, cls, ApiTriage.Activity(row), default, severity, ApiTriage.TimeColumn(row));
        writer.WriteBoolean(Names.IsAlert, true);
        var (status, caption) = ApiEnums.AlertStatus(row.Peek(Column.Status));
        if (status != 0)
        {
            writer.WriteNumber(Names.StatusId, status);
            writer.WriteString(Names.Status, caption);
            row.MarkUsed(Column.Status);
        }

        FindingInfo(writer, context);
        var ticket = Ticket(writer, row);
        Malware(writer, row);
        var profiles = ticket | ApiTriage.Verdict(writer, row) | ApiTriage.Assignee(writer, row) ? OcsfProfiles.Incident : OcsfProfiles.None;
        Evidences(writer, row, flatEvidence);
        EventWriter.End(context, profiles, Column.Id);
        return new MapResult(MapStatus.Mapped, context.Origin.Kind.ToString(), cls.Uid);
    }

    /// <summary>
    /// The Defender incident the alert belongs to, as the alert's linked ticket (OCSF's place for the
    /// case a finding is tracked in): <c>ticket.uid</c> = incidentId, <c>ticket.src_url</c> = its portal URL.
    /// First-class so a response playbook can pivot from the alert to its incident without <c>unmapped</c>.
    /// OCSF gates <c>ticket</c> behind the incident profile, so writing it declares that profile.
    /// </summary>
    private static bool Ticket(OcsfEventWriter writer, in Row row)
    {
        if (!row.TryText(Column.IncidentId, out var incident))
        {
            return false;
        }

        writer.WriteStartObject(Names.Ticket);
        writer.WriteString(Names.Uid, incident);
        Put.Str(writer, Names.SrcUrl, row, Column.IncidentWebUrl);
        Put.Enum(writer, Names.TypeId, 1, Names.Type, "Internal"u8);
        writer.WriteEndObject();
        return true;
    }

    private static void FindingInfo(OcsfEventWriter writer, in MapContext context)
    {
        var row = context.Row;
        writer.WriteStartObject(Names.FindingInfo);
        if (!Put.Str(writer, Names.Uid, row, Column.Id))
        {
            writer.WriteString(Names.Uid, context.Origin.Uid);
        }

        Put.Str(writer, Names.Title, row, Column.Title);
        Put.Str(writer, Names.Desc, row, Column.Description);
        if (row.TryText(Column.Category, out var category))
        {
            writer.WriteStartArray(Names.Types);
            writer.WriteStringValue(category);
            writer.WriteEndArray();
        }

        Put.Time(writer, Names.CreatedTime, row, Column.CreatedDateTime);
        Put.Time(writer, Names.ModifiedTime, row, Column.LastUpdateDateTime);
        Put.Time(writer, Names.FirstSeenTime, row, Column.FirstActivityDateTime);
        Put.Time(writer, Names.LastSeenTime, row, Column.LastActivityDateTime);
        Put.Str(writer, Names.SrcUrl, row, Column.AlertWebUrl);
        if (row.TryJson(Column.MitreTechniques, out var techniques) && !AttacksBlock.Write(writer, techniques, AttacksBlock.Form.Ids))
        {
            row.Unmark(Column.MitreTechniques);
        }

        if (row.Has(Column.DetectionSource) || row.Has(Column.DetectorId))
        {
            writer.WriteStartObject(Names.Analytic);
            if (ApiSources.Detection(row.Peek(Column.DetectionSource)) is { } detection)
            {
                writer.WriteString(Names.Name, detection);
                row.MarkUsed(Column.DetectionSource);
            }
            else if (!Put.Str(writer, Names.Name, row, Column.DetectionSource))
            {
                writer.WriteString(Names.Name, row.Peek(Column.DetectorId));
            }

            Put.Str(writer, Names.Uid, row, Column.DetectorId);
            writer.WriteNumber(Names.TypeId, 0);
            writer.WriteString(Names.Type, "Unknown"u8);
            writer.WriteEndObject();
        }

        writer.WriteStartObject(Names.Product);
        // MDE's own APIs (alerts, SIEM) only ever serve Defender for Endpoint alerts and do not say so.
        var endpointOnly = context.Origin.Kind is RecordKind.LegacyEndpointAlert or RecordKind.LegacySiemAlert;
        var product = ApiSources.Product(row.Peek(Column.ServiceSource)) ?? (endpointOnly ? "Microsoft Defender for Endpoint" : null);
        if (product is not null)
        {
            writer.WriteString(Names.Name, product);
        }
        else
        {
            writer.WriteString(Names.Name, row.Has(Column.ServiceSource) ? row.Peek(Column.ServiceSource) : "Microsoft Defender XDR"u8);
        }

        row.MarkUsed(Column.ServiceSource);
        writer.WriteString(Names.VendorName, "Microsoft"u8);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The threat the alert names; Defender does not classify it in OCSF's terms, so the classification is Unknown.</summary>
    private static void Malware(OcsfEventWriter writer, in Row row)
    {
        var name = row.Has(Column.ThreatDisplayName) ? Column.ThreatDisplayName : Column.ThreatFamilyName;
        if (!row.Has(name))
        {
            return;
        }

        writer.WriteStartArray(Names.Malware);
        writer.WriteStartObject();
        Put.Str(writer, Names.Name, row, name);
        writer.WriteStartArray(Names.ClassificationIds);
        writer.WriteNumberValue(0);
        writer.WriteEndArray();
        writer.WriteStartArray(Names.Classifications);
        writer.WriteStringValue("Unknown"u8);
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void Evidences(OcsfEventWriter writer, in Row row, bool flat)
    {
        var started = false;
        if (flat)
        {
            if (ApiEvidenceWriter.HasEntity(row))
            {
                writer.WriteStartArray(Names.Evidences);
                started = true;
                ApiEvidenceWriter.Write(writer, row, withDevice: true);
            }
        }
        else
        {
            // The alert's own device (MDE alerts) is an entity like Graph's deviceEvidence.
            if (row.Has(Column.DeviceDnsName) || row.Has(Column.MdeDeviceId))
            {
                writer.WriteStartArray(Names.Evidences);
                started = true;
                writer.WriteStartObject();
                writer.WriteString(Names.Name, "device"u8);
                writer.WriteStartObject(Names.Device);
                writer.WriteNumber(Names.TypeId, 0);
                writer.WriteString(Names.Type, "Unknown"u8);
                Put.Str(writer, Names.Hostname, row, Column.DeviceDnsName);
                Put.Str(writer, Names.Uid, row, Column.MdeDeviceId);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            started = EvidenceList(writer, row, started);
        }

        if (started)
        {
            writer.WriteEndArray();
        }
    }

    private static bool EvidenceList(OcsfEventWriter writer, in Row row, bool started)
    {
        var list = row.Peek(Column.Evidence);
        if (list.IsEmpty || !JsonText.IsContainer(list))
        {
            return started;
        }

        var reader = new Utf8JsonReader(list);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return started;
        }

        Span<short> index = stackalloc short[ColumnCount.Value];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            var item = list[start..(int)reader.BytesConsumed];
            using var scope = new RowScope(item, ApiFieldNames.Evidence, index);
            if (!scope.Ok || !ApiEvidenceWriter.HasEntity(scope.Row))
            {
                continue;
            }

            if (!started)
            {
                writer.WriteStartArray(Names.Evidences);
                started = true;
            }

            ApiEvidenceWriter.Write(writer, scope.Row, withDevice: true);
        }

        return started;
    }
}
