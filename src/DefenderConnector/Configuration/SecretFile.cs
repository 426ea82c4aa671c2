using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace DefenderConnector.Configuration;

/// <summary>
/// Reads a <c>file:</c> secret safely: it must be a regular file (a FIFO, socket or device is refused
/// rather than blocking start-up or reading without end) of at most <see cref="MaxBytes"/>; it is opened
/// without blocking and read up to one byte past the bound. Trailing line breaks are removed.
/// </summary>
internal static class SecretFile
{
    /// <summary>The largest secret file accepted: keys, secrets and passwords are far smaller.</summary>
    public const int MaxBytes = 64 * 1024;

    private const int ReadOnlyNonBlocking = 0x800; // O_RDONLY | O_NONBLOCK on Linux

    /// <returns>The value, or null and the problem in words ("is empty", "is a FIFO, not a regular file", ...).</returns>
    public static (string? Value, string? Problem) Read(string path)
    {
        try
        {
            using var handle = Open(path);
            if (handle.IsInvalid)
            {
                return (null, $"cannot be opened (error {Marshal.GetLastWin32Error()})");
            }

            // Only a regular file can seek; a FIFO or socket cannot (a device is caught by the size bound).
            using var stream = new FileStream(handle, FileAccess.Read, 1);
            if (!stream.CanSeek)
            {
                return (null, "is a pipe or socket, not a regular file");
            }

            var buffer = new byte[MaxBytes + 1];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }

            if (total > MaxBytes)
            {
                return (null, $"is larger than {MaxBytes / 1024} KB; a secret file holds only the secret");
            }

            var value = Encoding.UTF8.GetString(buffer, 0, total).TrimEnd('\r', '\n');
            return value.Length == 0 ? (null, "is empty") : (value, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return (null, $"cannot be read ({e.GetType().Name})");
        }
    }

    private static SafeFileHandle Open(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            // Opening a FIFO for reading would wait for a writer; without blocking it opens at once and is refused below.
            return new SafeFileHandle(OpenNative(path, ReadOnlyNonBlocking), ownsHandle: true);
        }

        return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in the whole plugin for this one call.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int OpenNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
#pragma warning restore SYSLIB1054
}
