namespace DefenderConnector.Mapping.Identity;

/// <summary>
/// Which OCSF class and activity a Defender for Identity directory ActionType is (matched ignoring
/// case; Defender's spelling of these names varies in capitalization).
/// </summary>
internal static class IdentityDirectoryActions
{
    public enum Target
    {
        Account,
        Group,
        Other,
    }

    public static (Target Target, int Activity) Classify(ReadOnlySpan<byte> action) => action switch
    {
        _ when Is(action, "Account Password changed"u8) || Is(action, "Account Password Change"u8) => (Target.Account, 3),
        _ when Is(action, "Account Password reset"u8) => (Target.Account, 4),
        _ when Is(action, "Account Disabled"u8) => (Target.Account, 5),
        _ when Is(action, "Account Enabled"u8) => (Target.Account, 2),
        _ when Is(action, "Account Locked"u8) => (Target.Account, 9),
        _ when Is(action, "Account Unlocked"u8) || Is(action, "Account Unlock"u8) => (Target.Account, 12),
        _ when Is(action, "User Account created"u8) || Is(action, "Computer Account created"u8) => (Target.Account, 1),
        _ when Is(action, "Security Principal Deleted"u8) || Is(action, "Account Deleted"u8) => (Target.Account, 6),
        _ when action.StartsWith("Account "u8) && action.EndsWith(" changed"u8) => (Target.Account, 99),
        _ when Is(action, "Group Membership changed"u8) => (Target.Group, 0),
        _ => (Target.Other, 99),
    };

    private static bool Is(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => System.Text.Ascii.EqualsIgnoreCase(a, b);
}
