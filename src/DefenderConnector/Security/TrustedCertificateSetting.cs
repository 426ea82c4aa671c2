using DefenderConnector.Configuration;

namespace DefenderConnector.Security;

/// <summary>
/// Reads a <c>trustedCertificate</c> setting (Event Hubs, the Blob checkpoint store, the Storage export
/// source): a PEM file trusted beside the system store, resolved against the settings file's folder; the
/// problem names the setting.
/// </summary>
internal static class TrustedCertificateSetting
{
    public static string? Read(SettingsNode node, string baseDirectory, SettingsProblems problems)
    {
        var text = node.String("trustedCertificate");
        var path = text is null ? null : SettingsPaths.Resolve(text, baseDirectory, node.Name("trustedCertificate"), problems);
        if (path is not null && !File.Exists(path))
        {
            problems.Add(node.Name("trustedCertificate"), $"refers to file {text}, which does not exist.");
        }
        else if (path is not null && !TrustedCertificates.IsReadable(path))
        {
            problems.Add(node.Name("trustedCertificate"), "must be a PEM file with one or more -----BEGIN CERTIFICATE----- blocks (a CA bundle or one server certificate).");
        }

        return path;
    }
}
