namespace DefenderConnector.Abstractions;

/// <summary>One problem with one setting.</summary>
/// <param name="Setting">The setting's path, for example <c>eventHub.sasKey</c>.</param>
/// <param name="Message">What is wrong and what would be right, in plain words. Never contains a secret.</param>
public sealed record SettingsProblem(string Setting, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Setting}: {Message}";
}

/// <summary>The result of validating settings: every problem at once.</summary>
public sealed class SettingsValidation
{
    /// <summary>Creates a result.</summary>
    public SettingsValidation(IReadOnlyList<SettingsProblem> problems) => Problems = problems;

    /// <summary>The problems found; empty when the settings are valid.</summary>
    public IReadOnlyList<SettingsProblem> Problems { get; }

    /// <summary>True when there are no problems.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>One readable message listing every problem.</summary>
    public override string ToString() => IsValid
        ? "Settings are valid."
        : $"Settings are invalid ({Problems.Count} problem{(Problems.Count == 1 ? "" : "s")}):{System.Environment.NewLine}"
          + string.Join(System.Environment.NewLine, Problems.Select(p => "  - " + p));
}

/// <summary>Thrown by <see cref="IConnectorPlugin.Create"/> when settings are invalid.</summary>
public sealed class ConnectorSettingsException : Exception
{
    /// <summary>Creates the exception from a validation result.</summary>
    public ConnectorSettingsException(SettingsValidation validation)
        : base(validation.ToString()) => Validation = validation;

    /// <summary>The problems.</summary>
    public SettingsValidation Validation { get; }
}
