using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>Writes an OCSF Base Event (class 0) that keeps the original record under <c>unmapped</c>.</summary>
internal static class BaseEventWriter
{
    public static MapResult WriteStreamingRecord(ref StreamingEnvelope envelope, in RecordOrigin origin, OcsfEventWriter writer)
    {
        var table = envelope.Table;
        var time = DefenderTime.TryParse(envelope.Time, out var t) ? t : origin.ReceivedTime ?? DateTimeOffset.UnixEpoch;
        writer.WriteStartObject();
        WriteClassification(writer);
        writer.WriteNumber("time", time.ToUnixTimeMilliseconds());
        WriteMetadata(writer, origin.Uid, table, OcsfConstants.StreamingLogProvider, envelope.TenantId);
        writer.WriteStartObject("unmapped");
        if (envelope.OperationName is not null)
        {
            writer.WriteString("operationName", envelope.OperationName);
        }

        if (envelope.Category is not null)
        {
            writer.WriteString("category", envelope.Category);
        }

        if (!envelope.Properties.IsEmpty)
        {
            writer.WritePropertyName("properties");
            writer.WriteRawValue(envelope.Properties, skipInputValidation: true);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        return new MapResult(MapStatus.Unknown, table, OcsfConstants.BaseEventClassUid);
    }

    public static MapResult WriteApiObject(ReadOnlySpan<byte> record, in RecordOrigin origin, OcsfEventWriter writer)
    {
        var table = origin.Kind.ToString();
        writer.WriteStartObject();
        WriteClassification(writer);
        writer.WriteNumber("time", (origin.ReceivedTime ?? DateTimeOffset.UnixEpoch).ToUnixTimeMilliseconds());
        WriteMetadata(writer, origin.Uid, table, table, tenantId: null);
        writer.WriteStartObject("unmapped");
        writer.WritePropertyName("object");
        writer.WriteRawValue(record, skipInputValidation: true);
        writer.WriteEndObject();
        writer.WriteEndObject();
        return new MapResult(MapStatus.Unknown, table, OcsfConstants.BaseEventClassUid);
    }

    private static void WriteClassification(OcsfEventWriter writer)
    {
        writer.WriteNumber("activity_id", 0);
        writer.WriteString("activity_name", "Unknown");
        writer.WriteNumber("category_uid", 0);
        writer.WriteString("category_name", "Uncategorized");
        writer.WriteNumber("class_uid", OcsfConstants.BaseEventClassUid);
        writer.WriteString("class_name", "Base Event");
        writer.WriteNumber("type_uid", 0);
        writer.WriteString("type_name", "Base Event: Unknown");
        writer.WriteNumber("severity_id", 1);
        writer.WriteString("severity", "Informational");
    }

    private static void WriteMetadata(OcsfEventWriter writer, string uid, string logName, string logProvider, string? tenantId)
    {
        writer.WriteStartObject("metadata");
        writer.WriteString("version", OcsfConstants.SchemaVersion);
        writer.WriteString("uid", uid);
        writer.WriteString("log_name", logName);
        writer.WriteString("log_provider", logProvider);
        if (tenantId is not null)
        {
            writer.WriteString("tenant_uid", tenantId);
        }

        writer.Tenant?.Write(writer, tenantId is not null);

        writer.WriteStartObject("product");
        writer.WriteString("name", OcsfConstants.ProductName);
        writer.WriteString("vendor_name", OcsfConstants.VendorName);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
