using System.Globalization;

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
        x.Add("rt", e.Text("time"));
        x.Add("start", e.Text("start_time"));
        x.Add("end", e.Text("end_time"));
        x.Add("deviceExternalId", e.Text("device.uid"));
        x.Add("dvchost", e.Text("device.hostname") ?? e.Text("device.name"));
        x.Add("dvc", e.Text("device.ip"));
        x.Add("externalId", e.Text("finding_info.uid") ?? e.Text("metadata.original_event_uid"));
        x.Add("cat", e.Text("class_name"));
        x.Add("act", e.Text("disposition") ?? e.Text("action") ?? e.Text("activity_name"));
        // A finding's status (New, Resolved) is no outcome; CefClassFields labels it instead.
        x.Add("outcome", classUid is >= 2000 and < 3000 ? null : e.Text("status"));
        x.Add("reason", e.Text("status_detail"));
        if (classUid == 4009)
        {
            // For mail the subject is the line a reader wants first.
            x.Add("msg", e.Text("email.subject"));
        }

        x.Add("msg", e.Text("message") ?? e.Text("finding_info.desc"));
        AddActor(e, x);
        AddTarget(e, x);
        AddFiles(e, classUid, x);
        AddNetwork(e, x);

        // A finding names its device, file, process, user and addresses in evidences; keys the
        // event itself filled win (the first value set for a key is kept).
        foreach (var evidence in e.Array("evidences"))
        {
            var view = new OcsfView(evidence);
            x.Add("deviceExternalId", view.Text("device.uid"));
            x.Add("dvchost", view.Text("device.hostname") ?? view.Text("device.name"));
            x.Add("dvc", view.Text("device.ip"));
            AddActor(view, x);
            AddTarget(view, x);
            AddFiles(view, 1007, x);
            AddNetwork(view, x);
        }
    }

    private static void AddActor(OcsfView e, CefExtension x)
    {
        x.Add("sproc", e.Text("actor.process.name") ?? e.Text("actor.process.file.name"));
        x.Add("spid", e.Text("actor.process.pid"));
        x.Add("suser", e.Text("actor.user.name") ?? e.Text("actor.process.user.name") ?? e.Text("email.from"));
        x.Add("suid", e.Text("actor.user.uid") ?? e.Text("actor.process.user.uid"));
        x.Add("sntdom", e.Text("actor.user.domain") ?? e.Text("actor.process.user.domain"));
    }

    private static void AddTarget(OcsfView e, CefExtension x)
    {
        x.Add("dproc", e.Text("process.name") ?? e.Text("process.file.name"));
        x.Add("dpid", e.Text("process.pid"));
        x.Add("duser", e.Text("user.name") ?? e.Text("process.user.name") ?? e.Text("assignee.name") ?? Join(e, "email.to"));
        x.Add("duid", e.Text("user.uid") ?? e.Text("process.user.uid"));
        x.Add("dntdom", e.Text("user.domain") ?? e.Text("process.user.domain"));
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

        x.Add("fname", e.Text(current + ".name"));
        x.Add("filePath", e.Text(current + ".path"));
        x.Add("fileHash", BestHash(e, current));
        x.Add("fsize", e.Text(current + ".size"));
        x.Add("fileType", e.Text(current + ".type"));
        if (current == "file_result")
        {
            x.Add("oldFileName", e.Text("file.name"));
            x.Add("oldFilePath", e.Text("file.path"));
            x.Add("oldFileHash", BestHash(e, "file"));
        }
    }

    private static void AddNetwork(OcsfView e, CefExtension x)
    {
        x.Add("src", e.Text("src_endpoint.ip"));
        x.Add("spt", e.Text("src_endpoint.port"));
        x.Add("shost", e.Text("src_endpoint.hostname") ?? e.Text("src_endpoint.name"));
        x.Add("smac", e.Text("src_endpoint.mac"));
        x.Add("dst", e.Text("dst_endpoint.ip"));
        x.Add("dpt", e.Text("dst_endpoint.port"));
        x.Add("dhost", e.Text("dst_endpoint.hostname") ?? e.Text("dst_endpoint.name"));
        x.Add("dmac", e.Text("dst_endpoint.mac"));
        x.Add("proto", e.Text("connection_info.protocol_name")?.ToUpperInvariant());
        x.Add("app", e.Text("app_protocol_name"));
        x.Add("deviceDirection", e.Long("connection_info.direction_id") switch { 1 => "0", 2 => "1", _ => null });
        x.Add("request", e.Text("url.url_string") ?? e.Text("http_request.url.url_string") ?? e.Text("web_resources.0.url_string"));
        x.Add("requestMethod", e.Text("http_request.http_method"));
        x.Add("requestClientApplication", e.Text("http_request.user_agent"));
        x.Add("in", e.Text("traffic.bytes_in"));
        x.Add("out", e.Text("traffic.bytes_out"));
    }

    /// <summary>SHA-256 when present, then SHA-1, then MD5: the strongest hash the record has.</summary>
    public static string? BestHash(OcsfView e, string fileObject) =>
        e.Hash(fileObject, OcsfView.Sha256) ?? e.Hash(fileObject, OcsfView.Sha1) ?? e.Hash(fileObject, OcsfView.Md5);

    public static string? Join(OcsfView e, string path)
    {
        var values = e.Array(path).Select(v => OcsfView.Scalar(v)).OfType<string>().ToArray();
        return values.Length == 0 ? null : string.Join(',', values);
    }

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
