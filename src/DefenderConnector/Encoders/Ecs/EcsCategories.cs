namespace DefenderConnector.Encoders.Ecs;

/// <summary>
/// <c>event.kind</c>, <c>event.category</c> and <c>event.type</c> per OCSF class and activity,
/// using only ECS 8.x allowed values. Activity numbers differ per OCSF class (Registry Value 2 is
/// Set, Registry Key 2 is Read), so each class has its own activity table. The table is repeated
/// in <c>Encoders/README.md</c>; classes not listed fall back on their OCSF category.
/// </summary>
internal static class EcsCategories
{
    public static (string Kind, EcsKeywords Categories, EcsKeywords Types) For(long? classUid, long? categoryUid, long? activityId) => classUid switch
    {
        1001 => ("event", new("file"), new(activityId switch { 1 => "creation", 2 or 8 or 9 or 14 => "access", 3 or 5 or 6 or 7 or 10 or 11 => "change", 4 => "deletion", _ => "info" })),
        1004 => ("event", new("process"), new(activityId switch { 2 or 8 => "change", 7 => "access", _ => "info" })),
        1005 => ("event", new("library"), new(activityId switch { 1 => "start", 2 => "end", _ => "info" })),
        1006 => ("event", new("configuration"), new(activityId switch { 1 => "creation", 2 or 4 or 5 => "change", 3 => "deletion", 6 => "start", _ => "info" })),
        1007 => ("event", new("process"), new(activityId switch { 1 => "start", 2 => "end", 3 => "access", 4 or 5 => "change", _ => "info" })),
        1009 => ("event", new("process"), new("info")),
        1010 => ("event", new("host"), new("info")),
        201001 => ("event", new("registry"), new(activityId switch { 1 => "creation", 2 or 9 => "access", 3 or 5 or 6 or 7 or 8 => "change", 4 => "deletion", _ => "info" })),
        201002 => ("event", new("registry"), new(activityId switch { 1 => "access", 2 or 3 => "change", 4 => "deletion", _ => "info" })),
        201004 => ("event", new("configuration"), new(activityId switch { 1 => "creation", 2 or 5 or 6 => "change", 3 => "start", 4 => "end", 7 => "deletion", _ => "info" })),
        2004 or 2005 => ("alert", new("intrusion_detection"), new("info")),
        3001 => ("event", new("iam"), new("user", activityId switch { 1 => "creation", 6 => "deletion", 0 or 99 or null => "info", _ => "change" })),
        3002 => ("event", new("authentication"), new(activityId switch { 1 => "start", 2 => "end", _ => "info" })),
        3004 => ("event", new("iam"), new("change")),
        3006 => ("event", new("iam"), new("group", activityId switch { 6 => "creation", 5 => "deletion", 0 or 99 or null => "info", _ => "change" })),
        4001 => ("event", new("network"), new("connection", activityId switch { 1 or 7 => "start", 2 or 3 => "end", 5 => "denied", _ => "info" })),
        4002 => ("event", new("network", "web"), new("access")),
        4003 => ("event", new("network"), new("protocol", "info")),
        4009 => ("event", new("email"), new("info")),
        5001 => ("event", new("host"), new("info")),
        6001 => ("event", new("web"), new(Crud(activityId))),
        6003 => ("event", new("web"), new(Crud(activityId))),
        6006 => ("event", new("file"), new(activityId switch { 1 => "creation", 2 or 9 or 14 or 17 => "access", 3 or 5 or 6 or 7 or 8 or 12 or 13 => "change", 4 => "deletion", _ => "info" })),
        6007 => ("event", new("malware"), new("info")),
        0 => ("event", default, new("info")),
        _ => ("event", ByCategory(categoryUid), new("info")),
    };

    /// <summary>Findings report a status of the finding (New, Resolved...), not an outcome of an action.</summary>
    public static bool IsFinding(long? classUid) => classUid is >= 2000 and < 3000;

    /// <summary>The 1 Create, 2 Read, 3 Update, 4 Delete numbering that Web Resources and API Activity share.</summary>
    private static string Crud(long? activityId) => activityId switch
    {
        1 => "creation",
        2 => "access",
        3 => "change",
        4 => "deletion",
        _ => "info",
    };

    private static EcsKeywords ByCategory(long? categoryUid) => categoryUid switch
    {
        1 or 5 => new("host"),
        2 => new("intrusion_detection"),
        3 => new("iam"),
        4 => new("network"),
        6 => new("web"),
        7 => new("configuration"),
        _ => default,
    };
}

/// <summary>
/// The one or two values an ECS keyword array gets from <see cref="EcsCategories"/> (<c>event.category</c>,
/// <c>event.type</c>), held in place: an array per event would be garbage for every event.
/// </summary>
internal readonly struct EcsKeywords(string? first = null, string? second = null)
{
    public string? First { get; } = first;

    public string? Second { get; } = second;

    /// <summary>Appends the values to <paramref name="field"/> in order (none: nothing).</summary>
    public void AddTo(EcsDocument d, string field)
    {
        d.Add(field, First);
        d.Add(field, Second);
    }
}
