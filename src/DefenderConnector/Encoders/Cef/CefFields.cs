namespace DefenderConnector.Encoders.Cef;

/// <summary>
/// Fills the standard CEF extension keys from whichever OCSF objects an event carries, so a class
/// the encoder was not written for still yields its device, actor, file and endpoint keys.
/// Source-side keys (<c>s*</c>) take the acting process and user, destination-side keys (<c>d*</c>)
/// the target: the created process, the logged-on user, the remote endpoint.
/// </summary>
internal static class CefFields
{
    public static void Fill(OcsfView e, long? classUid, CefExtension x)
    {
        x.Add("rt", e.Chars("time"));
        x.Add("start", e.Chars("start_time"));
        x.Add("end", e.Chars("end_time"));
        AddDevice(e, x);
        x.Add("externalId", e.Chars("finding_info.uid") ?? e.Chars("metadata.original_event_uid"));
        x.Add("cat", e.Chars("class_name"));
        x.Add("act", e.Chars("disposition") ?? e.Chars("action") ?? e.Chars("activity_name"));
        // A finding's status (New, Resolved) is no outcome; CefClassFields labels it instead.
        x.Add("outcome", classUid is >= 2000 and < 3000 ? null : e.Chars("status"));
        x.Add("reason", e.Chars("status_detail"));
        if (classUid == 4009)
        {
            // For mail the subject is the line a reader wants first.
            x.Add("msg", e.Chars("email.subject"));
        }

        x.Add("msg", e.Chars("message") ?? e.Chars("finding_info.desc"));
        AddActor(e, x);
        AddTarget(e, x);
        AddFiles(e, classUid, x);
        AddNetwork(e, x);

        // A finding names its device, file, process, user and addresses in evidences; keys the
        // event itself filled win (the first value set for a key is kept).
        foreach (var evidence in e.Array("evidences"))
        {
            var view = new OcsfView(evidence);
            AddDevice(view, x);
            AddActor(view, x);
            AddTarget(view, x);
            AddFiles(view, 1007, x);
            AddNetwork(view, x);
        }
    }

    // Each OCSF object is found once and read from there: one an event (or an evidence) lacks costs
    // one lookup instead of one per key.
    private static void AddDevice(OcsfView e, CefExtension x)
    {
        if (e.Element("device") is not { } device)
        {
            return;
        }

        x.Add("deviceExternalId", OcsfView.CharsAt(device, "uid"));
        x.Add("dvchost", OcsfView.CharsAt(device, "hostname") ?? OcsfView.CharsAt(device, "name"));
        x.Add("dvc", OcsfView.CharsAt(device, "ip"));
    }

    private static void AddActor(OcsfView e, CefExtension x)
    {
        var actor = e.Element("actor");
        var process = OcsfView.Find(actor, "process");
        var user = OcsfView.Find(actor, "user");
        var processUser = OcsfView.Find(process, "user");
        x.Add("sproc", OcsfView.CharsAt(process, "name") ?? OcsfView.CharsAt(process, "file.name"));
        x.Add("spid", OcsfView.CharsAt(process, "pid"));
        x.Add("suser", OcsfView.CharsAt(user, "name") ?? OcsfView.CharsAt(processUser, "name") ?? e.Chars("email.from"));
        x.Add("suid", OcsfView.CharsAt(user, "uid") ?? OcsfView.CharsAt(processUser, "uid"));
        x.Add("sntdom", OcsfView.CharsAt(user, "domain") ?? OcsfView.CharsAt(processUser, "domain"));
    }

    private static void AddTarget(OcsfView e, CefExtension x)
    {
        var process = e.Element("process");
        var user = e.Element("user");
        var processUser = OcsfView.Find(process, "user");
        x.Add("dproc", OcsfView.CharsAt(process, "name") ?? OcsfView.CharsAt(process, "file.name"));
        x.Add("dpid", OcsfView.CharsAt(process, "pid"));
        x.Add("duser", OcsfView.CharsAt(user, "name") ?? OcsfView.CharsAt(processUser, "name") ?? e.Chars("assignee.name") ?? Join(e, "email.to")?.AsMemory());
        x.Add("duid", OcsfView.CharsAt(user, "uid") ?? OcsfView.CharsAt(processUser, "uid"));
        x.Add("dntdom", OcsfView.CharsAt(user, "domain") ?? OcsfView.CharsAt(processUser, "domain"));
    }

    private static void AddFiles(OcsfView e, long? classUid, CefExtension x)
    {
        // A rename carries the old name in file and the new one in file_result.
        var current = e.Has("file_result") ? "file_result"
            : e.Has("file") ? "file"
            : e.Has("module.file") ? "module.file"
            : classUid == 1007 && e.Has("process.file") ? "process.file"
            : null;
        if (current is null)
        {
            return;
        }

        var currentPaths = FieldPath.Under(current);
        x.Add("fname", e.Chars(currentPaths["name"]));
        x.Add("filePath", e.Chars(currentPaths["path"]));
        x.Add("fileHash", BestHash(e, current));
        x.Add("fsize", e.Chars(currentPaths["size"]));
        x.Add("fileType", e.Chars(currentPaths["type"]));
        if (current == "file_result")
        {
            x.Add("oldFileName", e.Chars("file.name"));
            x.Add("oldFilePath", e.Chars("file.path"));
            x.Add("oldFileHash", BestHash(e, "file"));
        }
    }

    private static void AddNetwork(OcsfView e, CefExtension x)
    {
        var source = e.Element("src_endpoint");
        x.Add("src", OcsfView.CharsAt(source, "ip"));
        x.Add("spt", OcsfView.CharsAt(source, "port"));
        x.Add("shost", OcsfView.CharsAt(source, "hostname") ?? OcsfView.CharsAt(source, "name"));
        x.Add("smac", OcsfView.CharsAt(source, "mac"));
        var destination = e.Element("dst_endpoint");
        x.Add("dst", OcsfView.CharsAt(destination, "ip"));
        x.Add("dpt", OcsfView.CharsAt(destination, "port"));
        x.Add("dhost", OcsfView.CharsAt(destination, "hostname") ?? OcsfView.CharsAt(destination, "name"));
        x.Add("dmac", OcsfView.CharsAt(destination, "mac"));
        var connection = e.Element("connection_info");
        x.Add("proto", OcsfView.Scalar(OcsfView.Find(connection, "protocol_name"))?.ToUpperInvariant());
        x.Add("app", e.Chars("app_protocol_name"));
        x.Add("deviceDirection", OcsfView.LongAt(connection, "direction_id") switch { 1 => "0", 2 => "1", _ => null });
        var request = e.Element("http_request");
        x.Add("request", e.Chars("url.url_string") ?? OcsfView.CharsAt(request, "url.url_string") ?? e.Chars("web_resources.0.url_string"));
        x.Add("requestMethod", OcsfView.CharsAt(request, "http_method"));
        x.Add("requestClientApplication", OcsfView.CharsAt(request, "user_agent"));
        var traffic = e.Element("traffic");
        x.Add("in", OcsfView.CharsAt(traffic, "bytes_in"));
        x.Add("out", OcsfView.CharsAt(traffic, "bytes_out"));
    }

    /// <summary>SHA-256 when present, then SHA-1, then MD5: the strongest hash the record has.</summary>
    public static ReadOnlyMemory<char>? BestHash(OcsfView e, string fileObject)
    {
        var hashes = OcsfView.HashesOf(e.Element(fileObject));
        return hashes[OcsfView.Sha256] ?? hashes[OcsfView.Sha1] ?? hashes[OcsfView.Md5];
    }

    public static string? Join(OcsfView e, string path)
    {
        string? joined = null;
        foreach (var item in e.Array(path))
        {
            if (OcsfView.Scalar(item) is { } value)
            {
                joined = joined is null ? value : string.Concat(joined, ",", value);
            }
        }

        return joined;
    }
}
