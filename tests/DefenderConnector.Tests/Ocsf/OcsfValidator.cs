using System.Globalization;
using System.Text.Json;

namespace DefenderConnector.Tests.Ocsf;

/// <summary>
/// Validates one OCSF event against the compiled schema, following the checks (and their order)
/// of the official ocsf-server validator: class, profiles, version, type_uid, constraints,
/// attributes (required, unknown, types, enums, siblings), observables. Errors fail a test;
/// warnings are returned apart (recommended attributes are not reported at all).
/// Self-contained with <see cref="OcsfSchema"/> so other test projects can link both files.
/// </summary>
internal sealed partial class OcsfValidator
{
    private static readonly Lazy<OcsfValidator> LazyShared = new(() => new OcsfValidator(OcsfSchema.LoadFromOutput()));

    private readonly OcsfSchema _schema;

    public OcsfValidator(OcsfSchema schema) => _schema = schema;

    /// <summary>One validator over the vendored schema, loaded on first use.</summary>
    public static OcsfValidator Shared => LazyShared.Value;

    /// <summary>The errors (empty when the event is valid).</summary>
    public IReadOnlyList<string> Validate(ReadOnlySpan<byte> json) => ValidateWithWarnings(json).Errors;

    public (IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings) ValidateWithWarnings(ReadOnlySpan<byte> json)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            errors.Add($"not_json: {e.Message}");
            return (errors, warnings);
        }

        using (document)
        {
            Run(document.RootElement, errors, warnings);
        }

        return (errors, warnings);
    }

    private void Run(JsonElement root, List<string> errors, List<string> warnings)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("attribute_wrong_type: the event is not a JSON object");
            return;
        }

        if (!root.TryGetProperty("class_uid", out var classUid) || classUid.ValueKind != JsonValueKind.Number || !classUid.TryGetInt64(out var uid))
        {
            errors.Add("attribute_wrong_type: class_uid is missing or not an integer");
            return;
        }

        if (!_schema.TryGetClass(uid, out var cls))
        {
            errors.Add($"class_uid_unknown: {uid}");
            return;
        }

        if (cls.TryGetProperty("@deprecated", out _))
        {
            warnings.Add($"class_deprecated: {uid}");
        }

        var profiles = ReadProfiles(root, errors);
        CheckVersion(root, errors, warnings);
        CheckTypeUid(root, errors);
        var context = new Context(profiles, errors, warnings);
        CheckConstraints(cls, root, string.Empty, errors);
        CheckObject(cls.GetProperty("attributes"), root, string.Empty, context);
        CheckObservables(cls, root, context);
    }

    private HashSet<string> ReadProfiles(JsonElement root, List<string> errors)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        if (root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("profiles", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                var name = item.ValueKind == JsonValueKind.String ? item.GetString()! : item.ToString();
                if (!_schema.Profiles.TryGetProperty(name, out _))
                {
                    errors.Add($"profile_unknown: {name}");
                }

                declared.Add(name);
            }
        }

        return declared;
    }

    private void CheckVersion(JsonElement root, List<string> errors, List<string> warnings)
    {
        if (!root.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object
            || !metadata.TryGetProperty("version", out var versionElement) || versionElement.ValueKind != JsonValueKind.String)
        {
            return; // reported as a missing required attribute
        }

        var version = versionElement.GetString()!;
        if (version == _schema.Version)
        {
            return;
        }

        var core = version.Split('-', 2);
        if (!System.Version.TryParse(core[0], out var given) || !System.Version.TryParse(_schema.Version, out var schema))
        {
            errors.Add($"version_invalid: {version}");
        }
        else if (given.Major == 0)
        {
            errors.Add($"version_incompatible_initial_development: {version}");
        }
        else if (core.Length > 1)
        {
            errors.Add($"version_incompatible_prerelease: {version}");
        }
        else if (given > schema)
        {
            errors.Add($"version_incompatible_later: {version} is newer than {_schema.Version}");
        }
        else
        {
            warnings.Add($"version_earlier: {version}");
        }
    }

    private static void CheckTypeUid(JsonElement root, List<string> errors)
    {
        if (root.TryGetProperty("class_uid", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt64(out var classUid)
            && root.TryGetProperty("activity_id", out var a) && a.ValueKind == JsonValueKind.Number && a.TryGetInt64(out var activity)
            && root.TryGetProperty("type_uid", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var typeUid)
            && typeUid != (classUid * 100) + activity)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"type_uid_incorrect: {typeUid}, expected {(classUid * 100) + activity}"));
        }
    }

    private static void CheckConstraints(JsonElement definition, JsonElement value, string path, List<string> errors)
    {
        if (!definition.TryGetProperty("constraints", out var constraints))
        {
            return;
        }

        foreach (var constraint in constraints.EnumerateObject())
        {
            var present = 0;
            var keys = new List<string>();
            foreach (var key in constraint.Value.EnumerateArray())
            {
                var name = key.GetString()!;
                keys.Add(name);
                if (value.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null)
                {
                    present++;
                }
            }

            var ok = constraint.Name switch
            {
                "at_least_one" => present >= 1,
                "just_one" => present == 1,
                _ => true,
            };
            if (!ok)
            {
                errors.Add($"constraint_failed: {(path.Length == 0 ? "<event>" : path)} {constraint.Name}({string.Join(", ", keys)})");
            }
        }
    }

    private sealed record Context(HashSet<string> Profiles, List<string> Errors, List<string> Warnings);
}
