using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>The parts every mapped event shares: classification, time, severity, metadata and <c>unmapped</c>.</summary>
internal static class EventWriter
{
    private static readonly JsonEncodedText[] Severities =
        [.. new[] { "Unknown", "Informational", "Low", "Medium", "High", "Critical", "Fatal" }.Select(s => JsonEncodedText.Encode(s))];

    private static readonly JsonEncodedText SchemaVersion = JsonEncodedText.Encode(OcsfConstants.SchemaVersion);
    private static readonly JsonEncodedText ProductName = JsonEncodedText.Encode(OcsfConstants.ProductName);
    private static readonly JsonEncodedText VendorName = JsonEncodedText.Encode(OcsfConstants.VendorName);
    private static readonly JsonEncodedText LogProvider = JsonEncodedText.Encode(OcsfConstants.StreamingLogProvider);
    private static readonly OcsfAttribute CorrelationUid = new("correlation_uid");
    private static readonly JsonEncodedText ApiLogProvider = JsonEncodedText.Encode(OcsfConstants.ApiLogProvider);

    /// <summary>Opens the event and writes class, activity, severity and time (the row's <c>timeColumn</c>, else the envelope time, else the Event Hub enqueued time).</summary>
    public static void Begin(in MapContext context, OcsfClass cls, int activityId, ReadOnlySpan<byte> sourceActivity, int severityId = 1, Column timeColumn = Column.Timestamp)
    {
        var writer = context.Writer;
        writer.WriteStartObject();
        cls.WriteClassification(writer, activityId, sourceActivity);
        Severity(writer, severityId);
        writer.WriteNumber(Names.Time, EventTime(context, timeColumn));
    }

    public static void Severity(OcsfEventWriter writer, int severityId)
    {
        writer.WriteNumber(Names.SeverityId, severityId);
        writer.WriteString(Names.Severity, severityId is >= 0 and < 7 ? Severities[severityId] : Severities[0]);
    }

    public static long EventTime(in MapContext context, Column timeColumn)
    {
        if (context.Row.TryTime(timeColumn, out var ms))
        {
            return ms;
        }

        if (context.EnvelopeTime.IsPresent && IsoTime.TryParseAsDefenderTime(context.EnvelopeTime, out var envelope))
        {
            return envelope;
        }

        return (context.Origin.ReceivedTime ?? DateTimeOffset.UnixEpoch).ToUnixTimeMilliseconds();
    }

    /// <summary>Writes metadata and <c>unmapped</c> and closes the event.</summary>
    public static void End(in MapContext context, OcsfProfiles profiles, Column originalUid = Column.ReportId, Column correlationUid = Put.None)
    {
        var writer = context.Writer;
        writer.WriteStartObject(Names.Metadata);
        writer.WriteString(Names.Version, SchemaVersion);
        writer.WriteString(Names.Uid, context.Origin.Uid);
        writer.WriteStartObject(Names.Product);
        writer.WriteString(Names.Name, ProductName);
        writer.WriteString(Names.VendorName, VendorName);
        writer.WriteStartObject(Names.Feature);
        WriteTable(writer, Names.Name, context);
        writer.WriteEndObject();
        writer.WriteEndObject();
        WriteTable(writer, Names.LogName, context);
        writer.WriteString(Names.LogProvider, context.FromApi ? ApiLogProvider : LogProvider);
        if (context.TenantId.IsPresent)
        {
            context.TenantId.Write(writer, Names.TenantUid);
        }

        writer.Tenant?.Write(writer, context.TenantId.IsPresent);

        if (context.Row.TryText(originalUid, out var reportId))
        {
            writer.WriteString(Names.OriginalEventUid, reportId);
        }

        if (correlationUid != Put.None && context.Row.TryText(correlationUid, out var correlation))
        {
            writer.WriteString(CorrelationUid, correlation);
        }

        WriteProfiles(writer, profiles);
        writer.WriteEndObject();
        Unmapped(context);
        writer.WriteEndObject();
    }

    // Routed tables come with their name pre-encoded; API objects ("Alerts", "Incidents") do not.
    private static void WriteTable(OcsfEventWriter writer, OcsfAttribute name, in MapContext context)
    {
        if (context.EncodedTable.EncodedUtf8Bytes.IsEmpty)
        {
            writer.WriteString(name, context.Table);
        }
        else
        {
            writer.WriteString(name, context.EncodedTable);
        }
    }

    public static void WriteProfiles(OcsfEventWriter writer, OcsfProfiles profiles)
    {
        if (profiles == OcsfProfiles.None)
        {
            return;
        }

        writer.WriteStartArray(Names.Profiles);
        if ((profiles & OcsfProfiles.Host) != 0)
        {
            writer.WriteStringValue("host"u8);
        }

        if ((profiles & OcsfProfiles.SecurityControl) != 0)
        {
            writer.WriteStringValue("security_control"u8);
        }

        if ((profiles & OcsfProfiles.Cloud) != 0)
        {
            writer.WriteStringValue("cloud"u8);
        }

        if ((profiles & OcsfProfiles.Incident) != 0)
        {
            writer.WriteStringValue("incident"u8);
        }

        if ((profiles & OcsfProfiles.Container) != 0)
        {
            writer.WriteStringValue("container"u8);
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Every property no mapper placed, under its Defender name; JSON carried in a string
    /// (AdditionalFields) is written as JSON. Nulls and empty strings carry nothing and are skipped.
    /// </summary>
    private static void Unmapped(in MapContext context)
    {
        var writer = context.Writer;
        var row = context.Row;
        var started = false;
        foreach (ref var cell in row.Cells)
        {
            if (cell.Used || cell.Token == JsonTokenType.Null || (cell.Token == JsonTokenType.String && cell.ValueLength == 0))
            {
                continue;
            }

            if (!started)
            {
                // No encoder reads below unmapped: the tree keeps it as one node, and with no OCSF JSON
                // to write (CEF, ECS without ocsf.original) that node is all there is to do.
                writer.WriteStartUnreadObject(Names.Unmapped);
                started = true;
                if (!writer.WritesJson)
                {
                    break;
                }
            }

            writer.WritePropertyName(row.NameOf(cell));
            var value = row.ValueOf(cell);
            if (cell.Token == JsonTokenType.String && value[0] is (byte)'{' or (byte)'[' && row.IsJsonText(ref cell))
            {
                writer.WriteRawValue(value, skipInputValidation: true);
            }
            else
            {
                writer.WriteRawValue(row.RawOf(cell), skipInputValidation: true);
            }
        }

        if (started)
        {
            writer.WriteEndUnreadObject();
        }
    }
}
