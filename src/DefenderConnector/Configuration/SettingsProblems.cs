using DefenderConnector.Abstractions;

namespace DefenderConnector.Configuration;

/// <summary>Collects every settings problem so they can be reported together.</summary>
internal sealed class SettingsProblems
{
    private readonly List<SettingsProblem> _problems = [];

    public IReadOnlyList<SettingsProblem> All => _problems;

    public bool Any => _problems.Count > 0;

    /// <summary>Adds a problem; a quoted value that looks like a secret is never echoed (<see cref="SecretRedaction"/>).</summary>
    public void Add(string setting, string message) => _problems.Add(new SettingsProblem(setting, SecretRedaction.Redact(message.Replace('\0', '?'))));

    public SettingsValidation ToValidation() => new(_problems.ToArray());
}
