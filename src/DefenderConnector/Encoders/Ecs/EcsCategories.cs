namespace DefenderConnector.Encoders.Ecs;

/// <summary>
/// <c>event.kind</c>, <c>event.category</c> and <c>event.type</c> per OCSF class and activity,
/// using only the ECS 8.x allowed values. The table is repeated in <c>Encoders/README.md</c>.
/// Classes not listed fall back on their OCSF category.
/// </summary>
internal static class EcsCategories
{
    public static (string Kind, string[] Categories, string[] Types) For(long? classUid, long? categoryUid, long? activityId) => classUid switch
    {
        1001 or 6006 => ("event", ["file"], [FileType(classUid, activityId)]),
        1004 => ("event", ["process"], [activityId == 2 ? "change" : "info"]),
        1005 => ("event", ["library"], [activityId == 1 ? "start" : "info"]),
        1006 => ("event", ["configuration"], [Crud(activityId)]),
        1007 => ("event", ["process"], [activityId switch { 1 => "start", 2 => "end", 3 => "access", 4 => "change", _ => "info" }]),
        1009 => ("event", ["process"], ["info"]),
        1010 => ("event", ["host"], ["info"]),
        201001 or 201002 => ("event", ["registry"], [Crud(activityId)]),
        201004 => ("event", ["configuration"], [Crud(activityId)]),
        2004 => ("alert", ["intrusion_detection"], ["info"]),
        2005 => ("alert", ["intrusion_detection"], ["info"]),
        3001 => ("event", ["iam"], ["user", Crud(activityId)]),
        3002 => ("event", ["authentication"], [activityId switch { 1 => "start", 2 => "end", _ => "info" }]),
        3004 => ("event", ["iam"], ["change"]),
        3006 => ("event", ["iam"], ["group", "change"]),
        4001 => ("event", ["network"], ["connection", activityId switch { 1 => "start", 2 => "end", 5 => "denied", 7 => "start", _ => "info" }]),
        4002 => ("event", ["network", "web"], ["access"]),
        4003 => ("event", ["network"], ["protocol", "info"]),
        4009 => ("event", ["email"], ["info"]),
        5001 => ("event", ["host"], ["info"]),
        6001 => ("event", ["web"], ["access"]),
        6003 => ("event", ["web"], [Crud(activityId)]),
        6007 => ("event", ["malware"], ["info"]),
        0 => ("event", [], ["info"]),
        _ => ("event", ByCategory(categoryUid), ["info"]),
    };

    /// <summary>OCSF's common activity numbering: 1 Create, 2 Read, 3 Update, 4 Delete.</summary>
    private static string Crud(long? activityId) => activityId switch
    {
        1 => "creation",
        2 => "access",
        3 or 5 => "change",
        4 => "deletion",
        _ => "info",
    };

    private static string FileType(long? classUid, long? activityId) => classUid == 6006
        ? activityId switch { 1 => "creation", 2 or 9 or 14 => "access", 3 or 5 or 6 or 7 or 12 => "change", 4 => "deletion", _ => "info" }
        : Crud(activityId);

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
