namespace DefenderConnector.Emulator.EventHubs;

/// <summary>The claims an authorization carries: SAS policies of the emulator grant all; Entra roles grant what they name.</summary>
[Flags]
public enum AccessRights
{
    None = 0,
    Listen = 1,
    Send = 2,
    All = Listen | Send,
}
