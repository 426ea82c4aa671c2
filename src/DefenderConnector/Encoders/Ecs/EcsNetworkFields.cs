namespace DefenderConnector.Encoders.Ecs;

/// <summary><c>source.*</c>, <c>destination.*</c>, <c>network.*</c>, <c>url.*</c> and <c>email.*</c>.</summary>
internal static class EcsNetworkFields
{
    public static void Fill(OcsfView e, EcsDocument d)
    {
        FillEndpoint(e, "src_endpoint", "source", d);
        FillEndpoint(e, "dst_endpoint", "destination", d);
        d.SetLowered("network.transport", e.Chars("connection_info.protocol_name"));
        d.Set("network.iana_number", e.Chars("connection_info.protocol_num"));
        d.SetLowered("network.protocol", e.Chars("app_protocol_name"));
        d.Set("network.direction", e.Long("connection_info.direction_id") switch { 1 => "inbound", 2 => "outbound", 3 => "internal", _ => null });
        d.Set("source.bytes", e.Long("traffic.bytes_out"));
        d.Set("destination.bytes", e.Long("traffic.bytes_in"));
        var url = e.Has("url") ? "url" : "http_request.url";
        var urlPaths = FieldPath.Under(url);
        d.Set("url.original", e.Chars(urlPaths["url_string"]) ?? e.Chars("web_resources.0.url_string"));
        d.Set("url.domain", e.Chars(urlPaths["hostname"]));
        d.Set("url.path", e.Chars(urlPaths["path"]));
        d.Set("url.scheme", e.Chars(urlPaths["scheme"]));
        d.Set("url.query", e.Chars(urlPaths["query_string"]));
        d.Set("url.port", e.Long(urlPaths["port"]));
        d.Set("http.request.method", e.Chars("http_request.http_method"));
        d.Set("user_agent.original", e.Chars("http_request.user_agent"));
        d.Set("dns.question.name", e.Chars("query.hostname"));
        FillEmail(e, d);
    }

    private static void FillEndpoint(OcsfView e, string from, string to, EcsDocument d)
    {
        var (fromPaths, toPaths) = (FieldPath.Under(from), FieldPath.Under(to));
        var ip = e.Chars(fromPaths["ip"]);
        d.Set(toPaths["ip"], ip);
        d.Set(toPaths["port"], e.Long(fromPaths["port"]));
        d.Set(toPaths["domain"], e.Chars(fromPaths["hostname"]) ?? e.Chars(fromPaths["domain"]));
        d.Set(toPaths["mac"], e.Chars(fromPaths["mac"]));
        d.Set(toPaths["geo.country_iso_code"], e.Chars(fromPaths["location.country"]));
        d.Set(toPaths["geo.city_name"], e.Chars(fromPaths["location.city"]));
        d.Add("related.ip", ip);
        d.Add("related.hosts", e.Chars(fromPaths["hostname"]));
    }

    private static readonly (string From, string To)[] Recipients = [("email.to", "email.to.address"), ("email.cc", "email.cc.address")];

    private static void FillEmail(OcsfView e, EcsDocument d)
    {
        if (!e.Has("email"))
        {
            return;
        }

        d.Add("email.from.address", e.Chars("email.from"));
        d.Add("related.user", e.Chars("email.from"));
        foreach (var (from, to) in Recipients)
        {
            foreach (var address in e.Array(from))
            {
                d.Add(to, OcsfView.ScalarChars(address));
                d.Add("related.user", OcsfView.ScalarChars(address));
            }
        }

        d.Add("email.sender.address", e.Chars("email.smtp_from"));
        d.Add("email.reply_to.address", e.Chars("email.reply_to"));
        d.Set("email.subject", e.Chars("email.subject"));
        d.Set("email.message_id", e.Chars("email.message_uid"));
        d.Set("email.local_id", e.Chars("email.uid"));
        d.Set("email.direction", e.Long("direction_id") switch { 1 => "inbound", 2 => "outbound", 3 => "internal", _ => null });
        foreach (var file in e.Array("email.files"))
        {
            var attachment = new EcsDocument();
            attachment.Set("file.name", OcsfView.CharsAt(file, "name"));
            attachment.Set("file.mime_type", OcsfView.CharsAt(file, "mime_type"));
            attachment.Set("file.size", OcsfView.Find(file, "size")?.TryGetInt64(out var size) == true ? size : null);
            EcsEntityFields.FillHashes(file, "file.hash", attachment, related: d);
            d.AddObject("email.attachments", attachment);
        }

        foreach (var url in e.Array("email.urls"))
        {
            d.Add("defender.email.urls", OcsfView.CharsAt(url, "url_string"));
        }
    }
}
