namespace DefenderConnector.Encoders.Ecs;

/// <summary>
/// <c>event.kind</c>, <c>event.category</c> and <c>event.type</c> per OCSF class and activity,
/// using only ECS 8.x allowed values. Activity numbers differ per OCSF class (Registry Value 2 is
/// Set, Registry Key 2 is Read), so each class has its own activity table. The table is repeated
/// in <c>Encoders/README.md</c>; classes not listed fall back on their OCSF category.
/// </summary>
internal static class EcsCategories
{
    public static (string Kind, string[] Categories, string[] Types) For(long? classUid, long? categoryUid, long? activityId) => classUid switch
    {
        1001 => ("event", ["file"], [activityId switch { 1 => "creation", 2 or 8 or 9 or 14 => "access", 3 or 5 or 6 or 7 or 10 or 11 => "change", 4 => "deletion", _ => "info" }]),
        1004 => ("event", ["process"], [activityId switch { 2 or 8 => "change", 7 => "access", _ => "info" }]),
        1005 => ("event", ["library"], [activityId switch { 1 => "start", 2 => "end", _ => "info" }]),
        1006 => ("event", ["configuration"], [activityId switch { 1 => "creation", 2 or 4 or 5 => "change", 3 => "deletion", 6 => "start", _ => "info" }]),
        1007 => ("event", ["process"], [activityId switch { 1 => "start", 2 => "end", 3 => "access", 4 or 5 => "change", _ => "info" }]),
        1009 => ("event", ["process"], ["info"]),
        1010 => ("event", ["host"], ["info"]),
        201001 => ("event", ["registry"], [activityId switch { 1 => "creation", 2 or 9 => "access", 3 or 5 or 6 or 7 or 8 => "change", 4 => "deletion", _ => "info" }]),
        201002 => ("event", ["registry"], [activityId switch { 1 => "access", 2 or 3 => "change", 4 => "deletion", _ => "info" }]),
        201004 => ("event", ["configuration"], [activityId switch { 1 => "creation", 2 or 5 or 6 => "change", 3 => "start", 4 => "end", 7 => "deletion", _ => "info" }]),
        2004 or 2005 => ("alert", ["intrusion_detection"], ["info"]),
        3001 => ("event", ["iam"], ["user", activityId switch { 1 => "creation", 6 => "deletion", 0 or 99 or null => "info", _ => "change" }]),
        3002 => ("event", ["authentication"], [activityId switch { 1 => "start", 2 => "end", _ => "info" }]),
        3004 => ("event", ["iam"], ["change"]),
        3006 => ("event", ["iam"], ["group", activityId switch { 6 => "creation", 5 => "deletion", 0 or 99 or null => "info", _ => "change" }]),
        4001 => ("event", ["network"], ["connection", activityId switch { 1 or 7 => "start", 2 or 3 => "end", 5 => "denied", _ => "info" }]),
        4002 => ("event", ["network", "web"], ["access"]),
        4003 => ("event", ["network"], ["protocol", "info"]),
        4009 => ("event", ["email"], ["info"]),
        5001 => ("event", ["host"], ["info"]),
        6001 => ("event", ["web"], [Crud(activityId)]),
        6003 => ("event", ["web"], [Crud(activityId)]),
        6006 => ("event", ["file"], [activityId switch { 1 => "creation", 2 or 9 or 14 or 17 => "access", 3 or 5 or 6 or 7 or 8 or 12 or 13 => "change", 4 => "deletion", _ => "info" }]),
        6007 => ("event", ["malware"], ["info"]),
        0 => ("event", [], ["info"]),
        _ => ("event", ByCategory(categoryUid), ["info"]),
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

    private static string[] ByCategory(long? categoryUid) => categoryUid switch
    {
        1 or 5 => ["host"],
        2 => ["intrusion_detection"],
        3 => ["iam"],
        4 => ["network"],
        6 => ["web"],
        7 => ["configuration"],
        _ => [],
    };
}
