using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>
/// The actor of a device event: the initiating process and its account. OCSF needs at least one
/// of them; a row with neither names the sensor (app_name) so the event stays valid.
/// </summary>
internal static class ActorBlock
{
    private static readonly JsonEncodedText Sensor = JsonEncodedText.Encode("Microsoft Defender for Endpoint");

    public static void WriteInitiating(OcsfEventWriter writer, in Row row)
    {
        writer.WriteStartObject(Names.Actor);
        var any = ProcessBlock.Write(writer, "process"u8, row, ProcessColumns.Initiating, UserColumns.InitiatingProcess, withUser: false, withParent: true);
        any |= UserBlock.Write(writer, "user"u8, row, UserColumns.InitiatingProcess);
        if (!any)
        {
            writer.WriteString(Names.AppName, Sensor);
        }

        writer.WriteEndObject();
    }

    public static void Observe(ref ObservableWriter observables, in Row row)
    {
        ProcessBlock.Observe(ref observables, "actor.process"u8, row, ProcessColumns.Initiating);
        observables.Add("actor.user.name"u8, 4, UserBlock.NameOf(row, UserColumns.InitiatingProcess));
    }
}
