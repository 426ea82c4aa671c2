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
        // Objects read for several fields are found once and read from there.
        var metadata = e.Element("metadata");
        var product = OcsfView.Find(metadata, "product");
        var finding = e.Element("finding_info");
        d.SetTime("@timestamp", e.Long("time"));
        d.Set("ecs.version", EcsVersion);
        var (kind, categories, types) = EcsCategories.For(classUid, e.Long("category_uid"), e.Long("activity_id"));
        d.Set("event.kind", kind);
        categories.AddTo(d, "event.category");
        types.AddTo(d, "event.type");

        // Elastic's Defender integration writes the lower-cased ActionType; the OCSF activity is the fallback.
        d.SetLowered("event.action", OcsfView.CharsAt(metadata, "event_code") ?? e.Chars("activity_name"));
        d.Set("event.id", OcsfView.CharsAt(metadata, "uid"));
        d.Set("event.code", e.Chars("type_uid"));
        d.Set("event.module", "defender_xdr");
        d.Set("event.dataset", Dataset(classUid));
        d.Set("event.provider", OcsfView.CharsAt(product, "feature.name") ?? OcsfView.CharsAt(metadata, "log_name"));
        d.Set("event.severity", e.Long("severity_id"));
        d.Set("event.outcome", EcsCategories.IsFinding(classUid) ? null : e.Long("status_id") switch { 1 => "success", 2 => "failure", 0 => "unknown", _ => null });
        d.Set("event.reason", e.Chars("status_detail"));
        d.SetTime("event.start", e.Long("start_time"));
        d.SetTime("event.end", e.Long("end_time"));
        d.SetTime("event.created", OcsfView.LongAt(finding, "created_time"));
        d.Set("event.url", OcsfView.CharsAt(finding, "src_url") ?? e.Chars("src_url"));
        d.Set("message", e.Chars("message") ?? OcsfView.CharsAt(finding, "desc") ?? e.Chars("desc"));
        d.Set("observer.vendor", OcsfView.CharsAt(product, "vendor_name") ?? "Microsoft".AsMemory());
        d.Set("observer.product", OcsfView.CharsAt(product, "name") ?? "Microsoft Defender XDR".AsMemory());
        d.Set("observer.version", OcsfView.CharsAt(product, "version"));
        d.Set("organization.id", OcsfView.CharsAt(metadata, "tenant_uid"));
        d.Set("organization.name", OrganizationLabel.Of(e));
        var cloud = e.Element("cloud");
        d.Set("cloud.provider", OcsfView.CharsAt(cloud, "provider"));
        d.Set("cloud.region", OcsfView.CharsAt(cloud, "region"));
        d.Set("cloud.account.id", OcsfView.CharsAt(cloud, "account.uid"));
        d.Set("cloud.account.name", OcsfView.CharsAt(cloud, "account.name"));
        FillOcsf(e, metadata, d, original);
    }

    private static string Dataset(long? classUid) => classUid switch
    {
        2004 => "defender_xdr.alert",
        2005 => "defender_xdr.incident",
        _ => "defender_xdr.event",
    };

    private static void FillOcsf(OcsfView e, OcsfNode? metadata, EcsDocument d, ReadOnlyMemory<byte>? original)
    {
        d.Set("ocsf.version", OcsfView.CharsAt(metadata, "version"));
        d.Set("ocsf.class_uid", e.Long("class_uid"));
        d.Set("ocsf.class_name", e.Chars("class_name"));
        d.Set("ocsf.category_uid", e.Long("category_uid"));
        d.Set("ocsf.category_name", e.Chars("category_name"));
        d.Set("ocsf.activity_id", e.Long("activity_id"));
        d.Set("ocsf.activity_name", e.Chars("activity_name"));
        d.Set("ocsf.type_uid", e.Long("type_uid"));
        d.Set("ocsf.severity", e.Chars("severity"));
        d.Set("ocsf.log_name", OcsfView.CharsAt(metadata, "log_name"));
        d.Set("ocsf.original_event_uid", OcsfView.CharsAt(metadata, "original_event_uid"));
        d.Set("labels.ocsf_class", e.Chars("class_name"));
        d.Set("labels.defender_table", OcsfView.CharsAt(metadata, "log_name"));

        // Whatever the ECS fields above cannot hold stays reachable: the whole OCSF event as text,
        // one keyword-or-text field instead of hundreds of dynamic fields (index field limits).
        // output.ecsOriginal = false leaves it out when index size matters more.
        if (original is { } json)
        {
            d.SetUtf8("ocsf.original", json);
        }
    }
}
