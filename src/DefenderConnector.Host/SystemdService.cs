using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;

namespace DefenderConnector.Host;

/// <summary>
/// Whether <c>run</c> is a systemd service, and the systemd lifetime (READY=1, STOPPING=1, stop on SIGTERM)
/// when it is. Besides the library's own test (parent process is systemd), systemd 248 and later name the
/// unit's main process in <c>SYSTEMD_EXEC_PID</c> (systemd.exec(5), "Environment Variables in Spawned
/// Processes"), which also holds when the unit starts the connector through a shell that <c>exec</c>s it.
/// </summary>
internal static class SystemdService
{
    public static bool IsRunningUnder() =>
        SystemdHelpers.IsSystemdService()
        || Environment.GetEnvironmentVariable("SYSTEMD_EXEC_PID") == Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Registers the systemd lifetime when <see cref="IsRunningUnder"/>; otherwise leaves the default console lifetime.</summary>
    public static void AddLifetime(IServiceCollection services)
    {
        if (IsRunningUnder())
        {
            services.AddSingleton<ISystemdNotifier, SystemdNotifier>();
            services.AddSingleton<IHostLifetime, SystemdLifetime>();
        }
    }
}
