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
        x.Add("deviceExternalId", e.Chars("device.uid"));
        x.Add("dvchost", e.Chars("device.hostname") ?? e.Chars("device.name"));
        x.Add("dvc", e.Chars("device.ip"));
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
            x.Add("deviceExternalId", view.Chars("device.uid"));
            x.Add("dvchost", view.Chars("device.hostname") ?? view.Chars("device.name"));
            x.Add("dvc", view.Chars("device.ip"));
            AddActor(view, x);
            AddTarget(view, x);
            AddFiles(view, 1007, x);
            AddNetwork(view, x);
        }
    }

    private static void AddActor(OcsfView e, CefExtension x)
    {
        x.Add("sproc", e.Chars("actor.process.name") ?? e.Chars("actor.process.file.name"));
        x.Add("spid", e.Chars("actor.process.pid"));
        x.Add("suser", e.Chars("actor.user.name") ?? e.Chars("actor.process.user.name") ?? e.Chars("email.from"));
        x.Add("suid", e.Chars("actor.user.uid") ?? e.Chars("actor.process.user.uid"));
        x.Add("sntdom", e.Chars("actor.user.domain") ?? e.Chars("actor.process.user.domain"));
    }

    private static void AddTarget(OcsfView e, CefExtension x)
    {
        x.Add("dproc", e.Chars("process.name") ?? e.Chars("process.file.name"));
        x.Add("dpid", e.Chars("process.pid"));
        x.Add("duser", e.Chars("user.name") ?? e.Chars("process.user.name") ?? e.Chars("assignee.name") ?? Join(e, "email.to")?.AsMemory());
        x.Add("duid", e.Chars("user.uid") ?? e.Chars("process.user.uid"));
        x.Add("dntdom", e.Chars("user.domain") ?? e.Chars("process.user.domain"));
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
        x.Add("src", e.Chars("src_endpoint.ip"));
        x.Add("spt", e.Chars("src_endpoint.port"));
        x.Add("shost", e.Chars("src_endpoint.hostname") ?? e.Chars("src_endpoint.name"));
        x.Add("smac", e.Chars("src_endpoint.mac"));
        x.Add("dst", e.Chars("dst_endpoint.ip"));
        x.Add("dpt", e.Chars("dst_endpoint.port"));
        x.Add("dhost", e.Chars("dst_endpoint.hostname") ?? e.Chars("dst_endpoint.name"));
        x.Add("dmac", e.Chars("dst_endpoint.mac"));
        x.Add("proto", e.Text("connection_info.protocol_name")?.ToUpperInvariant());
        x.Add("app", e.Chars("app_protocol_name"));
        x.Add("deviceDirection", e.Long("connection_info.direction_id") switch { 1 => "0", 2 => "1", _ => null });
        x.Add("request", e.Chars("url.url_string") ?? e.Chars("http_request.url.url_string") ?? e.Chars("web_resources.0.url_string"));
        x.Add("requestMethod", e.Chars("http_request.http_method"));
        x.Add("requestClientApplication", e.Chars("http_request.user_agent"));
        x.Add("in", e.Chars("traffic.bytes_in"));
        x.Add("out", e.Chars("traffic.bytes_out"));
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
