using System.Globalization;
using System.Text;

namespace DefenderConnector.IntegrationTests.EventHub;

/// <summary>Streaming API records (DeviceProcessEvents rows) and the envelopes Defender XDR writes to the hub.</summary>
internal static class DefenderRecords
{
    public static string Line(long id)
    {
        var minute = (id / 60 % 60).ToString("00", CultureInfo.InvariantCulture);
        var second = (id % 60).ToString("00", CultureInfo.InvariantCulture);
        var device = (id % 97).ToString(CultureInfo.InvariantCulture);
        var n = id.ToString(CultureInfo.InvariantCulture);
        return "{\"time\":\"2026-11-23T04:" + minute + ":" + second + ".000Z\",\"tenantId\":\"3f1e2c4d-0000-4000-8000-000000000001\","
            + "\"operationName\":\"Publish\",\"category\":\"AdvancedHunting-DeviceProcessEvents\",\"properties\":{"
            + "\"Timestamp\":\"2026-11-23T04:00:00Z\",\"DeviceId\":\"d" + device + "\",\"DeviceName\":\"host-" + device + ".contoso.local\","
            + "\"ActionType\":\"ProcessCreated\",\"FileName\":\"cmd.exe\",\"FolderPath\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\","
            + "\"ProcessCommandLine\":\"cmd.exe /c echo " + n + "\",\"AccountName\":\"svc\",\"ReportId\":" + n + ","
            + "\"InitiatingProcessFileName\":\"explorer.exe\"}}";
    }

    public static IEnumerable<string> Lines(long first, int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Line(first + i);
        }
    }

    /// <summary>One message body: <c>{"records":[...]}</c> with <paramref name="count"/> records.</summary>
    public static byte[] Envelope(long first, int count) =>
        Encoding.UTF8.GetBytes("{\"records\":[" + string.Join(",", Lines(first, count)) + "]}");
}
