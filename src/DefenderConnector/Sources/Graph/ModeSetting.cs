namespace DefenderConnector.Sources.Graph;

/// <summary>The <c>graph.mode</c> setting: automatic fallback, or one API pinned.</summary>
/// <param name="Pinned">The pinned API, or null for <c>auto</c>.</param>
internal readonly record struct ModeSetting(ApiMode? Pinned)
{
    public static ModeSetting Auto => new(null);

    public bool IsAuto => Pinned is null;

    public override string ToString() => Pinned is { } m ? m.ToString().ToLowerInvariant() : "auto";
}
