using System.Collections.Frozen;
using System.Text;
using K = DefenderConnector.Mapping.Device.DeviceEventKind;

namespace DefenderConnector.Mapping.Device;

/// <summary>
/// Every DeviceEvents ActionType Microsoft documents, routed to an OCSF class and activity (the table
/// with the reasons is in the Mapping README). An ActionType not listed is still routed when it follows
/// one of the naming conventions Microsoft documents for the event groups (Asr*, ExploitGuard*,
/// SmartScreen*, ControlledFolderAccess*, AppControl*, AppLocker*, Firewall*Blocked, *ApiCall);
/// anything else is undocumented and becomes a Base Event counted by name.
/// </summary>
internal static class DeviceEventsCatalogue
{
    private static readonly (string ActionType, K Kind, byte Activity)[] Documented =
    [
        // Microsoft Defender Antivirus: detections and reports are findings; scans and updates are activity.
        ("AntivirusDetection", K.Detection, 1), ("AntivirusReport", K.Detection, 1), ("AntivirusMalwareBlocked", K.Detection, 1),
        ("AntivirusMalwareActionFailed", K.Detection, 1), ("AntivirusDetectionActionType", K.Detection, 1), ("AmsiScriptDetection", K.Detection, 1),
        ("AntivirusScanCompleted", K.Scan, 2), ("AntivirusScanCancelled", K.Scan, 3), ("AntivirusScanFailed", K.Scan, 6),
        ("AntivirusDefinitionsUpdated", K.Lifecycle, 8), ("AntivirusDefinitionsUpdateFailed", K.Lifecycle, 8), ("AntivirusEmergencyUpdatesInstalled", K.Lifecycle, 8),
        ("AntivirusError", K.Lifecycle, 99), ("AntivirusTroubleshootModeEvent", K.Lifecycle, 99),
        ("TamperingAttempt", K.Detection, 1),

        // Attack surface reduction rules (audit and block of every rule).
        ("AsrAdobeReaderChildProcessAudited", K.Detection, 1), ("AsrAdobeReaderChildProcessBlocked", K.Detection, 1),
        ("AsrExecutableEmailContentAudited", K.Detection, 1), ("AsrExecutableEmailContentBlocked", K.Detection, 1),
        ("AsrExecutableOfficeContentAudited", K.Detection, 1), ("AsrExecutableOfficeContentBlocked", K.Detection, 1),
        ("AsrLsassCredentialTheftAudited", K.Detection, 1), ("AsrLsassCredentialTheftBlocked", K.Detection, 1),
        ("AsrObfuscatedScriptAudited", K.Detection, 1), ("AsrObfuscatedScriptBlocked", K.Detection, 1),
        ("AsrOfficeChildProcessAudited", K.Detection, 1), ("AsrOfficeChildProcessBlocked", K.Detection, 1),
        ("AsrOfficeCommAppChildProcessAudited", K.Detection, 1), ("AsrOfficeCommAppChildProcessBlocked", K.Detection, 1),
        ("AsrOfficeMacroWin32ApiCallsAudited", K.Detection, 1), ("AsrOfficeMacroWin32ApiCallsBlocked", K.Detection, 1),
        ("AsrOfficeProcessInjectionAudited", K.Detection, 1), ("AsrOfficeProcessInjectionBlocked", K.Detection, 1),
        ("AsrPersistenceThroughWmiAudited", K.Detection, 1), ("AsrPersistenceThroughWmiBlocked", K.Detection, 1),
        ("AsrPsexecWmiChildProcessAudited", K.Detection, 1), ("AsrPsexecWmiChildProcessBlocked", K.Detection, 1),
        ("AsrRansomwareAudited", K.Detection, 1), ("AsrRansomwareBlocked", K.Detection, 1),
        ("AsrScriptExecutableDownloadAudited", K.Detection, 1), ("AsrScriptExecutableDownloadBlocked", K.Detection, 1),
        ("AsrUntrustedExecutableAudited", K.Detection, 1), ("AsrUntrustedExecutableBlocked", K.Detection, 1),
        ("AsrUntrustedUsbProcessAudited", K.Detection, 1), ("AsrUntrustedUsbProcessBlocked", K.Detection, 1),
        ("AsrVulnerableSignedDriverAudited", K.Detection, 1), ("AsrVulnerableSignedDriverBlocked", K.Detection, 1),

        // Exploit protection, network protection, controlled folder access, SmartScreen.
        ("ExploitGuardAcgAudited", K.Detection, 1), ("ExploitGuardAcgEnforced", K.Detection, 1),
        ("ExploitGuardChildProcessAudited", K.Detection, 1), ("ExploitGuardChildProcessBlocked", K.Detection, 1),
        ("ExploitGuardEafViolationAudited", K.Detection, 1), ("ExploitGuardEafViolationBlocked", K.Detection, 1),
        ("ExploitGuardIafViolationAudited", K.Detection, 1), ("ExploitGuardIafViolationBlocked", K.Detection, 1),
        ("ExploitGuardLowIntegrityImageAudited", K.Detection, 1), ("ExploitGuardLowIntegrityImageBlocked", K.Detection, 1),
        ("ExploitGuardNonMicrosoftSignedAudited", K.Detection, 1), ("ExploitGuardNonMicrosoftSignedBlocked", K.Detection, 1),
        ("ExploitGuardRopExploitAudited", K.Detection, 1), ("ExploitGuardRopExploitBlocked", K.Detection, 1),
        ("ExploitGuardSharedBinaryAudited", K.Detection, 1), ("ExploitGuardSharedBinaryBlocked", K.Detection, 1),
        ("ExploitGuardWin32SystemCallAudited", K.Detection, 1), ("ExploitGuardWin32SystemCallBlocked", K.Detection, 1),
        ("ExploitGuardNetworkProtectionAudited", K.Detection, 1), ("ExploitGuardNetworkProtectionBlocked", K.Detection, 1),
        ("NetworkProtectionUserBypassEvent", K.Detection, 1), ("ControlFlowGuardViolation", K.Detection, 1),
        ("ControlledFolderAccessViolationAudited", K.Detection, 1), ("ControlledFolderAccessViolationBlocked", K.Detection, 1),
        ("SmartScreenAppWarning", K.Detection, 1), ("SmartScreenExploitWarning", K.Detection, 1),
        ("SmartScreenUrlWarning", K.Detection, 1), ("SmartScreenUserOverride", K.Detection, 1),

        // Application control (WDAC) and AppLocker decisions.
        ("AppControlAppInstallationAudited", K.Detection, 1), ("AppControlAppInstallationBlocked", K.Detection, 1),
        ("AppControlCIScriptAudited", K.Detection, 1), ("AppControlCIScriptBlocked", K.Detection, 1),
        ("AppControlCodeIntegrityDriverRevoked", K.Detection, 1), ("AppControlCodeIntegrityImageAudited", K.Detection, 1),
        ("AppControlCodeIntegrityImageRevoked", K.Detection, 1), ("AppControlCodeIntegrityOriginAllowed", K.Detection, 1),
        ("AppControlCodeIntegrityOriginAudited", K.Detection, 1), ("AppControlCodeIntegrityOriginBlocked", K.Detection, 1),
        ("AppControlCodeIntegrityPolicyAudited", K.Detection, 1), ("AppControlCodeIntegrityPolicyBlocked", K.Detection, 1),
        ("AppControlExecutableAudited", K.Detection, 1), ("AppControlExecutableBlocked", K.Detection, 1),
        ("AppControlPackagedAppAudited", K.Detection, 1), ("AppControlPackagedAppBlocked", K.Detection, 1),
        ("AppControlScriptAudited", K.Detection, 1), ("AppControlScriptBlocked", K.Detection, 1),
        ("AppLockerBlockExecutable", K.Detection, 1), ("AppLockerBlockPackagedApp", K.Detection, 1),
        ("AppLockerBlockPackagedAppInstallation", K.Detection, 1), ("AppLockerBlockScript", K.Detection, 1),
        ("AppControlCodeIntegrityPolicyLoaded", K.Config, 1), ("AppControlPolicyApplied", K.Config, 1),
        ("AppControlCodeIntegritySigningInformation", K.File, 8),

        // Device control.
        ("PnpDeviceBlocked", K.Detection, 1), ("RemovableStoragePolicyTriggered", K.Detection, 1),
        ("BluetoothPolicyTriggered", K.Detection, 1), ("PrintJobBlocked", K.Detection, 1),
        ("OtherAlertRelatedActivity", K.Detection, 1),

        // Windows API calls: injection is Process Activity, memory operations Memory Activity.
        ("CreateRemoteThreadApiCall", K.Process, 4), ("QueueUserApcRemoteApiCall", K.Process, 4),
        ("SetThreadContextRemoteApiCall", K.Process, 4), ("OpenProcessApiCall", K.Process, 3),
        ("ProcessCreatedUsingWmiQuery", K.Process, 1), ("ProcessPrimaryTokenModified", K.Process, 5),
        ("NtAllocateVirtualMemoryApiCall", K.Memory, 1), ("NtAllocateVirtualMemoryRemoteApiCall", K.Memory, 1),
        ("NtProtectVirtualMemoryApiCall", K.Memory, 2), ("MemoryRemoteProtect", K.Memory, 2),
        ("NtMapViewOfSectionRemoteApiCall", K.Memory, 9), ("ReadProcessMemoryApiCall", K.Memory, 7),
        ("WriteProcessMemoryApiCall", K.Memory, 8), ("WriteToLsassProcessMemory", K.Memory, 8),
        ("GetAsyncKeyStateApiCall", K.ProcessSelf, 99), ("GetClipboardData", K.ProcessSelf, 99),
        ("ScreenshotTaken", K.ProcessSelf, 99), ("LdapSearch", K.ProcessSelf, 99), ("DpapiAccessed", K.ProcessSelf, 99),
        ("CredentialsBackup", K.ProcessSelf, 99), ("RemoteWmiOperation", K.ProcessSelf, 99),
        ("WmiBindEventFilterToConsumer", K.ProcessSelf, 99), ("ClrUnbackedModuleLoaded", K.ProcessSelf, 99),

        // Scheduled tasks, DNS, scripts, peripherals.
        ("ScheduledTaskCreated", K.ScheduledTask, 1), ("ScheduledTaskUpdated", K.ScheduledTask, 2), ("ScheduledTaskDeleted", K.ScheduledTask, 3),
        ("ScheduledTaskEnabled", K.ScheduledTask, 4), ("ScheduledTaskDisabled", K.ScheduledTask, 5),
        ("DnsQueryResponse", K.Dns, 2), ("DnsQueryRequest", K.Dns, 1),
        ("PowerShellCommand", K.Script, 1), ("ScriptContent", K.Script, 1), ("AmsiScriptContent", K.Script, 1),
        ("UsbDriveMounted", K.Peripheral, 1), ("UsbDriveMount", K.Peripheral, 1), ("PnpDeviceConnected", K.Peripheral, 1),
        ("PnpDeviceAllowed", K.Peripheral, 1), ("UsbDriveUnmounted", K.Peripheral, 5), ("UsbDriveUnmount", K.Peripheral, 5),
        ("UsbDriveDriveLetterChanged", K.Peripheral, 99),

        // Local accounts and groups.
        ("UserAccountCreated", K.Account, 1), ("UserAccountDeleted", K.Account, 6), ("UserAccountModified", K.Account, 99),
        ("PasswordChangeAttempt", K.Account, 3), ("AccountCheckedForBlankPassword", K.Account, 99), ("LogonRightsSettingEnabled", K.Account, 7),
        ("UserAccountAddedToLocalGroup", K.Group, 3), ("UserAccountRemovedFromLocalGroup", K.Group, 4),
        ("SecurityGroupCreated", K.Group, 6), ("SecurityGroupDeleted", K.Group, 5),
        ("DirectoryServiceObjectCreated", K.Entity, 1), ("DirectoryServiceObjectModified", K.Entity, 3),

        // Services, drivers, logs, device state.
        ("ServiceInstalled", K.Service, 1), ("FirewallServiceStopped", K.Service, 4), ("DriverLoad", K.Driver, 1),
        ("SecurityLogCleared", K.EventLog, 1), ("AuditPolicyModification", K.Config, 1), ("BitLockerAuditCompleted", K.Config, 1),
        ("DeviceBootAttestationInfo", K.Config, 1),
        ("AppGuardCreateContainer", K.Lifecycle, 3), ("AppGuardResumeContainer", K.Lifecycle, 3),
        ("AppGuardSuspendContainer", K.Lifecycle, 4), ("AppGuardStopContainer", K.Lifecycle, 4),

        // Network and web.
        ("FirewallInboundConnectionBlocked", K.Network, 5), ("FirewallInboundConnectionToAppBlocked", K.Network, 5),
        ("FirewallOutboundConnectionBlocked", K.Network, 5), ("RemoteDesktopConnection", K.Network, 1), ("UntrustedWifiConnection", K.Network, 1),
        ("BrowserLaunchedToOpenUrl", K.Web, 2), ("AppGuardBrowseToUrl", K.Web, 2), ("AppGuardLaunchedWithUrl", K.Web, 2),

        // Files and shares.
        ("FileTimestampModificationEvent", K.File, 6), ("ShellLinkCreateFileEvent", K.File, 1), ("SensitiveFileRead", K.File, 2),
        ("NamedPipeEvent", K.File, 99), ("RemovableStorageFileEvent", K.File, 99), ("DlpPocPrintJob", K.File, 99),
        ("PlistPropertyModified", K.File, 3), ("SafeDocFileScan", K.File, 8),
        ("NetworkShareObjectAdded", K.Share, 12), ("NetworkShareObjectDeleted", K.Share, 4),
        ("NetworkShareObjectModified", K.Share, 3), ("NetworkShareObjectAccessChecked", K.Share, 17),
    ];

    private static readonly FrozenDictionary<string, DeviceEventRoute> Routes =
        Documented.ToFrozenDictionary(e => e.ActionType, e => new DeviceEventRoute(e.Kind, e.Activity), StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, DeviceEventRoute>.AlternateLookup<ReadOnlySpan<char>> ByChars =
        Routes.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Every documented ActionType and its route, for the tests and the README.</summary>
    public static IReadOnlyDictionary<string, DeviceEventRoute> All => Routes;

    /// <summary>The route of <paramref name="action"/>: listed, else by a documented naming convention; false when undocumented.</summary>
    public static bool TryRoute(ReadOnlySpan<byte> action, out DeviceEventRoute route)
    {
        Span<char> chars = stackalloc char[128];
        if (action.Length <= chars.Length && Ascii.ToUtf16(action, chars, out var written) == System.Buffers.OperationStatus.Done
            && ByChars.TryGetValue(chars[..written], out route))
        {
            return true;
        }

        return TryConvention(action, out route);
    }

    // The event groups of Microsoft's MiscEvents/DeviceEvents guide are named by prefix or suffix,
    // so a new member of a documented group (a new ASR rule, a new exploit mitigation) is still classed.
    private static bool TryConvention(ReadOnlySpan<byte> action, out DeviceEventRoute route)
    {
        route = default;
        if (action.StartsWith("Asr"u8) || action.StartsWith("ExploitGuard"u8) || action.StartsWith("SmartScreen"u8)
            || action.StartsWith("ControlledFolderAccess"u8) || action.StartsWith("AppControl"u8) || action.StartsWith("AppLocker"u8))
        {
            route = new DeviceEventRoute(K.Detection, 1);
            return true;
        }

        if (action.StartsWith("Firewall"u8) && action.EndsWith("Blocked"u8))
        {
            route = new DeviceEventRoute(K.Network, 5);
            return true;
        }

        if (action.EndsWith("ApiCall"u8))
        {
            route = new DeviceEventRoute(K.ProcessSelf, 99);
            return true;
        }

        return false;
    }
}

/// <summary>Where one DeviceEvents ActionType goes: the writer and the OCSF activity_id.</summary>
internal readonly record struct DeviceEventRoute(DeviceEventKind Kind, byte Activity);
