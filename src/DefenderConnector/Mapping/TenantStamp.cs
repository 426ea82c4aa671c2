using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>
/// What every event of one configured tenant carries (<c>tenants[]</c>): its organization label, as the OCSF
/// <c>metadata.tags</c> entry <c>{"name":"organization","value":...}</c> (a key/value pair is valid in every
/// class, unlike <c>cloud.org</c>, which needs a cloud object), and the tenant's Entra id as
/// <c>metadata.tenant_uid</c> for a record that names none. Without tenants nothing is written, so
/// single-tenant output stays byte for byte what it was.
/// </summary>
internal sealed class TenantStamp
{
    /// <summary>The tag name under <c>metadata.tags</c> that holds the organization label.</summary>
    public const string OrganizationTag = "organization";

    private static readonly OcsfAttribute Tags = new("tags");
    private static readonly JsonEncodedText TagName = JsonEncodedText.Encode(OrganizationTag);
    private static readonly OcsfAttribute Value = new("value");

    private readonly JsonEncodedText _organization;
    private readonly JsonEncodedText? _tenantUid;

    public TenantStamp(string organization, string? tenantUid)
    {
        Organization = organization;
        TenantUid = tenantUid;
        _organization = JsonEncodedText.Encode(organization);
        _tenantUid = tenantUid is null ? null : JsonEncodedText.Encode(tenantUid);
    }

    public string Organization { get; }

    public string? TenantUid { get; }

    /// <summary>Writes the stamp inside the event's open <c>metadata</c> object.</summary>
    /// <param name="hasTenantUid">The record named its own tenant, which wins over the configured one.</param>
    public void Write(OcsfEventWriter writer, bool hasTenantUid)
    {
        if (!hasTenantUid && _tenantUid is { } uid)
        {
            writer.WriteString(Names.TenantUid, uid);
        }

        writer.WriteStartArray(Tags);
        writer.WriteStartObject();
        writer.WriteString(Names.Name, TagName);
        writer.WriteString(Value, _organization);
        writer.WriteEndObject();
        writer.WriteEndArray();
    }
}
