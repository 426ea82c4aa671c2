namespace DefenderConnector.Host.Outputs.Relp;

/// <summary>One RELP frame as received: <c>TXNR SP COMMAND SP DATALEN [SP DATA] LF</c>.</summary>
internal sealed record RelpFrame(int Txnr, string Command, byte[] Data)
{
    /// <summary>For a <c>rsp</c> frame, the three-digit status at the start of its data (200 is success).</summary>
    public int Status => Data.Length >= 3 && int.TryParse(Data.AsSpan(0, 3), out var code) ? code : 0;

    public string Text => System.Text.Encoding.UTF8.GetString(Data);
}
