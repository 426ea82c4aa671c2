namespace DefenderConnector.Host.Outputs;

/// <summary>One event an output set aside, with the reason (a short code such as <c>too_large</c>) and a readable detail.</summary>
internal sealed record HostDeadLetter(string Output, string Reason, string Detail, string Source, string Format, ReadOnlyMemory<byte> Event);
