namespace DefenderConnector.Encoders.Ecs;

/// <summary><c>source.*</c>, <c>destination.*</c>, <c>network.*</c>, <c>url.*</c> and <c>email.*</c>.</summary>
internal static class EcsNetworkFields
{
    public static void Fill(OcsfView e, EcsDocument d)
    {
        // Each OCSF object is found once and read from there; one an event (or an evidence) lacks costs
        // one lookup instead of one per field.
        FillEndpoint(e.Element("src_endpoint"), "source", d);
        FillEndpoint(e.Element("dst_endpoint"), "destination", d);
        var connection = e.Element("connection_info");
        d.SetLowered("network.transport", OcsfView.CharsAt(connection, "protocol_name"));
        d.Set("network.iana_number", OcsfView.CharsAt(connection, "protocol_num"));
        d.SetLowered("network.protocol", e.Chars("app_protocol_name"));
        d.Set("network.direction", OcsfView.LongAt(connection, "direction_id") switch { 1 => "inbound", 2 => "outbound", 3 => "internal", _ => null });
        var traffic = e.Element("traffic");
        d.Set("source.bytes", OcsfView.LongAt(traffic, "bytes_out"));
        d.Set("destination.bytes", OcsfView.LongAt(traffic, "bytes_in"));
        var request = e.Element("http_request");
        var url = e.Element("url") ?? OcsfView.Find(request, "url");
        d.Set("url.original", OcsfView.CharsAt(url, "url_string") ?? e.Chars("web_resources.0.url_string"));
        d.Set("url.domain", OcsfView.CharsAt(url, "hostname"));
        d.Set("url.path", OcsfView.CharsAt(url, "path"));
        d.Set("url.scheme", OcsfView.CharsAt(url, "scheme"));
        d.Set("url.query", OcsfView.CharsAt(url, "query_string"));
        d.Set("url.port", OcsfView.LongAt(url, "port"));
        d.Set("http.request.method", OcsfView.CharsAt(request, "http_method"));
        d.Set("user_agent.original", OcsfView.CharsAt(request, "user_agent"));
        d.Set("dns.question.name", e.Chars("query.hostname"));
        FillEmail(e, d);
    }

    private static void FillEndpoint(OcsfNode? endpoint, string to, EcsDocument d)
    {
        if (endpoint is null)
        {
            return;
        }

        ReadOnlyMemory<char>? Chars(string path) => OcsfView.CharsAt(endpoint, path);
        var toPaths = FieldPath.Under(to);
        var ip = Chars("ip");
        d.Set(toPaths["ip"], ip);
        d.Set(toPaths["port"], OcsfView.LongAt(endpoint, "port"));
        d.Set(toPaths["domain"], Chars("hostname") ?? Chars("domain"));
        d.Set(toPaths["mac"], Chars("mac"));
        d.Set(toPaths["geo.country_iso_code"], Chars("location.country"));
        d.Set(toPaths["geo.city_name"], Chars("location.city"));
        d.Add("related.ip", ip);
        d.Add("related.hosts", Chars("hostname"));
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
            var attachment = d.NewItem();
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
