using System.Text.Json;

namespace DefenderConnector.Encoders.Ecs;

/// <summary>
/// <c>host.*</c>, <c>user.*</c>, <c>process.*</c> (with <c>parent</c>), <c>file.*</c> and
/// <c>registry.*</c>, <c>dll.*</c>. For Process Activity the ECS process is the launched one and its
/// parent the actor; for every other class the ECS process is the actor (the process that did the
/// thing). In a finding's evidence the process named is the subject, as in Process Activity.
/// </summary>
internal static class EcsEntityFields
{
    public static void Fill(OcsfView e, EcsDocument d, bool evidence = false)
    {
        // One evidence's device must not mix its addresses into another device's host fields.
        FillHost(e, d, writeHost: !evidence || !d.Has("host"));

        var isProcessActivity = (evidence || e.Long("class_uid") == 1007) && e.Has("process");
        var user = e.Has("user") ? "user" : isProcessActivity && e.Has("process.user") ? "process.user" : e.Has("actor.user") ? "actor.user" : "actor.process.user";
        FillUser(e, user, "user", d);
        if (isProcessActivity)
        {
            FillProcess(e.Element("process"), "process", d);
            FillProcess(OcsfView.Find(e.Element("process"), "parent_process") ?? e.Element("actor.process"), "process.parent", d);
        }
        else
        {
            FillProcess(e.Element("actor.process"), "process", d);
            FillProcess(e.Element("actor.process.parent_process"), "process.parent", d);
        }

        // After a rename the file is the new name; ECS has no field for the old one (it stays in ocsf.original).
        FillFile(e.Element("file_result") ?? e.Element("file"), "file", d);
        FillFile(e.Element("module.file"), "dll", d);
        FillRegistry(e, d);
    }

    private static void FillHost(OcsfView e, EcsDocument d, bool writeHost)
    {
        // Found once and read from there: an event or evidence without a device costs one lookup.
        if (e.Element("device") is not { } device)
        {
            return;
        }

        ReadOnlyMemory<char>? Chars(string path) => OcsfView.CharsAt(device, path);
        d.Add("related.ip", Chars("ip"));
        d.Add("related.hosts", Chars("hostname"));
        d.Add("related.hosts", Chars("name"));
        if (!writeHost)
        {
            return;
        }

        d.Set("host.id", Chars("uid"));
        d.Set("host.name", Chars("name") ?? Chars("hostname"));
        d.Set("host.hostname", Chars("hostname"));
        d.Set("host.domain", Chars("domain"));
        d.Add("host.ip", Chars("ip"));
        d.Add("host.mac", Chars("mac"));
        d.Set("host.type", Chars("type"));
        d.Set("host.os.name", Chars("os.name"));
        d.Set("host.os.version", Chars("os.version") ?? Chars("os.build"));
        d.SetLowered("host.os.type", Chars("os.type"));
    }

    public static void FillUser(OcsfView e, string from, string to, EcsDocument d)
    {
        if (e.Element(from) is not { } user)
        {
            return;
        }

        ReadOnlyMemory<char>? Chars(string path) => OcsfView.CharsAt(user, path);
        var toPaths = FieldPath.Under(to);
        var name = Chars("name");
        d.Set(toPaths["name"], name);
        d.Set(toPaths["id"], Chars("uid"));
        d.Set(toPaths["domain"], Chars("domain"));
        d.Set(toPaths["email"], Chars("email_addr"));
        d.Set(toPaths["full_name"], Chars("full_name") ?? Chars("display_name"));
        d.Add("related.user", name);
    }

    private static void FillProcess(OcsfNode? process, string to, EcsDocument d)
    {
        if (process is null)
        {
            return;
        }

        ReadOnlyMemory<char>? Chars(string path) => OcsfView.CharsAt(process, path);
        var toPaths = FieldPath.Under(to);
        d.Set(toPaths["pid"], OcsfView.Find(process, "pid") is { ValueKind: JsonValueKind.Number } pid && pid.TryGetInt64(out var p) ? p : null);
        d.Set(toPaths["name"], Chars("name") ?? Chars("file.name"));
        d.Set(toPaths["command_line"], Chars("cmd_line"));
        d.Set(toPaths["executable"], Chars("file.path") ?? Chars("path"));
        d.Set(toPaths["entity_id"], Chars("uid"));
        d.Set(toPaths["working_directory"], Chars("working_directory"));
        d.SetTime(toPaths["start"], OcsfView.Find(process, "created_time") is { ValueKind: JsonValueKind.Number } t && t.TryGetInt64(out var ms) ? ms : null);
        FillHashes(OcsfView.Find(process, "file"), toPaths["hash"], d);
    }

    private static void FillFile(OcsfNode? file, string to, EcsDocument d)
    {
        if (file is null)
        {
            return;
        }

        ReadOnlyMemory<char>? Chars(string path) => OcsfView.CharsAt(file, path);
        var toPaths = FieldPath.Under(to);
        d.Set(toPaths["name"], Chars("name"));
        d.Set(toPaths["path"], Chars("path"));
        FillHashes(file, toPaths["hash"], d);
        if (to == "dll")
        {
            // ECS dll.* has name, path and hashes only.
            return;
        }

        d.Set(toPaths["directory"], Chars("parent_folder"));
        d.Set(toPaths["extension"], Chars("ext"));
        d.Set(toPaths["mime_type"], Chars("mime_type"));
        d.Set(toPaths["size"], OcsfView.Find(file, "size") is { ValueKind: JsonValueKind.Number } s && s.TryGetInt64(out var size) ? size : null);
    }

    // ECS hash fields by OCSF algorithm id, in the order they are set.
    private static readonly (int Id, string Name)[] HashNames = [(OcsfView.Md5, "md5"), (OcsfView.Sha1, "sha1"), (OcsfView.Sha256, "sha256"), (OcsfView.Sha512, "sha512")];

    public static void FillHashes(OcsfNode? file, string to, EcsDocument d, EcsDocument? related = null)
    {
        var toPaths = FieldPath.Under(to);
        var hashes = OcsfView.HashesOf(file);
        foreach (var (id, name) in HashNames)
        {
            var value = hashes[id];
            d.Set(toPaths[name], value);
            (related ?? d).Add("related.hash", value);
        }
    }

    private static void FillRegistry(OcsfView e, EcsDocument d)
    {
        var keyPath = e.Text("reg_key.path") ?? e.Text("reg_value.path");
        if (keyPath is null)
        {
            return;
        }

        var valueName = e.Text("reg_value.name");
        d.Set("registry.path", valueName is null ? keyPath : keyPath.TrimEnd('\\') + "\\" + valueName);
        var slash = keyPath.IndexOf('\\', StringComparison.Ordinal);
        d.Set("registry.hive", slash > 0 ? Hive(keyPath[..slash]) : Hive(keyPath));
        d.Set("registry.key", slash > 0 ? keyPath[(slash + 1)..] : null);
        d.Set("registry.value", valueName);
        d.Set("registry.data.type", e.Chars("reg_value.type"));
        d.Add("registry.data.strings", e.Chars("reg_value.data"));
    }

    /// <summary>ECS abbreviates hives (HKLM); Defender writes them in full.</summary>
    private static string? Hive(string root) => root.ToUpperInvariant() switch
    {
        "HKEY_LOCAL_MACHINE" or "HKLM" => "HKLM",
        "HKEY_CURRENT_USER" or "HKCU" => "HKCU",
        "HKEY_USERS" or "HKU" => "HKU",
        "HKEY_CLASSES_ROOT" or "HKCR" => "HKCR",
        "HKEY_CURRENT_CONFIG" or "HKCC" => "HKCC",
        _ => null,
    };
}
