namespace DefenderConnector.Encoders.Ecs;

/// <summary>
/// The envelope: <c>@timestamp</c>, <c>event.*</c>, <c>observer.*</c>, <c>cloud.*</c>,
/// <c>organization.id</c> (the tenant) and the <c>ocsf.*</c> classification, which keeps the OCSF
/// class queryable next to the ECS categories.
/// </summary>
internal static class EcsEventFields
{
    public const string EcsVersion = "8.11.0";

    public static void Fill(OcsfView e, EcsDocument d, ReadOnlyMemory<byte>? original)
    {
        var classUid = e.Long("class_uid");
        d.Set("@timestamp", OcsfView.IsoTime(e.Long("time")));
        d.Set("ecs.version", EcsVersion);
        var (kind, categories, types) = EcsCategories.For(classUid, e.Long("category_uid"), e.Long("activity_id"));
        d.Set("event.kind", kind);
        foreach (var category in categories)
        {
            d.Add("event.category", category);
        }

        foreach (var type in types)
        {
            d.Add("event.type", type);
        }

        // Elastic's Defender integration writes the lower-cased ActionType; the OCSF activity is the fallback.
        d.Set("event.action", (e.Text("metadata.event_code") ?? e.Text("activity_name"))?.ToLowerInvariant());
        d.Set("event.id", e.Text("metadata.uid"));
        d.Set("event.code", e.Text("type_uid"));
        d.Set("event.module", "defender_xdr");
        d.Set("event.dataset", "defender_xdr." + Dataset(classUid));
        d.Set("event.provider", e.Text("metadata.product.feature.name") ?? e.Text("metadata.log_name"));
        d.Set("event.severity", e.Long("severity_id"));
        d.Set("event.outcome", EcsCategories.IsFinding(classUid) ? null : e.Long("status_id") switch { 1 => "success", 2 => "failure", 0 => "unknown", _ => null });
        d.Set("event.reason", e.Text("status_detail"));
        d.Set("event.start", OcsfView.IsoTime(e.Long("start_time")));
        d.Set("event.end", OcsfView.IsoTime(e.Long("end_time")));
        d.Set("event.created", OcsfView.IsoTime(e.Long("finding_info.created_time")));
        d.Set("event.url", e.Text("finding_info.src_url") ?? e.Text("src_url"));
        d.Set("message", e.Text("message") ?? e.Text("finding_info.desc") ?? e.Text("desc"));
        d.Set("observer.vendor", e.Text("metadata.product.vendor_name") ?? "Microsoft");
        d.Set("observer.product", e.Text("metadata.product.name") ?? "Microsoft Defender XDR");
        d.Set("observer.version", e.Text("metadata.product.version"));
        d.Set("organization.id", e.Text("metadata.tenant_uid"));
        d.Set("organization.name", OrganizationLabel.Of(e)?.ToString());
        d.Set("cloud.provider", e.Text("cloud.provider"));
        d.Set("cloud.region", e.Text("cloud.region"));
        d.Set("cloud.account.id", e.Text("cloud.account.uid"));
        d.Set("cloud.account.name", e.Text("cloud.account.name"));
        FillOcsf(e, d, original);
    }

    private static string Dataset(long? classUid) => classUid switch
    {
        2004 => "alert",
        2005 => "incident",
        _ => "event",
    };

    private static void FillOcsf(OcsfView e, EcsDocument d, ReadOnlyMemory<byte>? original)
    {
        d.Set("ocsf.version", e.Text("metadata.version"));
        d.Set("ocsf.class_uid", e.Long("class_uid"));
        d.Set("ocsf.class_name", e.Text("class_name"));
        d.Set("ocsf.category_uid", e.Long("category_uid"));
        d.Set("ocsf.category_name", e.Text("category_name"));
        d.Set("ocsf.activity_id", e.Long("activity_id"));
        d.Set("ocsf.activity_name", e.Text("activity_name"));
        d.Set("ocsf.type_uid", e.Long("type_uid"));
        d.Set("ocsf.severity", e.Text("severity"));
        d.Set("ocsf.log_name", e.Text("metadata.log_name"));
        d.Set("ocsf.original_event_uid", e.Text("metadata.original_event_uid"));
        d.Set("labels.ocsf_class", e.Text("class_name"));
        d.Set("labels.defender_table", e.Text("metadata.log_name"));

        // Whatever the ECS fields above cannot hold stays reachable: the whole OCSF event as text,
        // one keyword-or-text field instead of hundreds of dynamic fields (index field limits).
        // output.ecsOriginal = false leaves it out when index size matters more.
        if (original is { } json)
        {
            d.SetUtf8("ocsf.original", json);
        }
    }
}
