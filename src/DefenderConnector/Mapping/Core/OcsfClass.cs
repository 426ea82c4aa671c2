using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>One OCSF event class: its ids and captions, pre-encoded so writing them costs no transcoding.</summary>
internal sealed class OcsfClass
{
    private readonly Dictionary<int, (JsonEncodedText Activity, JsonEncodedText Type)> _activities = [];

    public OcsfClass(int uid, string name, int categoryUid, string categoryName, Dictionary<int, string> activities)
    {
        Uid = uid;
        Name = JsonEncodedText.Encode(name);
        CategoryUid = categoryUid;
        CategoryName = JsonEncodedText.Encode(categoryName);
        foreach (var (id, caption) in activities)
        {
            _activities[id] = (JsonEncodedText.Encode(caption), JsonEncodedText.Encode($"{name}: {caption}"));
        }
    }

    public int Uid { get; }

    public JsonEncodedText Name { get; }

    public int CategoryUid { get; }

    public JsonEncodedText CategoryName { get; }

    public bool HasActivity(int activityId) => _activities.ContainsKey(activityId);

    /// <summary>
    /// Writes class, category, activity and type. An activity the class does not define becomes 99
    /// (Other) with <paramref name="sourceActivity"/> (the Defender ActionType) as its name.
    /// </summary>
    public void WriteClassification(OcsfEventWriter writer, int activityId, ReadOnlySpan<byte> sourceActivity)
    {
        if (!_activities.TryGetValue(activityId, out var activity))
        {
            activityId = 99;
            activity = _activities[99];
        }

        writer.WriteNumber(Names.ClassUid, Uid);
        writer.WriteString(Names.ClassName, Name);
        writer.WriteNumber(Names.CategoryUid, CategoryUid);
        writer.WriteString(Names.CategoryName, CategoryName);
        writer.WriteNumber(Names.ActivityId, activityId);
        if (activityId == 99 && !sourceActivity.IsEmpty)
        {
            writer.WriteString(Names.ActivityName, sourceActivity);
        }
        else
        {
            writer.WriteString(Names.ActivityName, activity.Activity);
        }

        writer.WriteNumber(Names.TypeUid, ((long)Uid * 100) + activityId);
        writer.WriteString(Names.TypeName, activity.Type);
    }
}
