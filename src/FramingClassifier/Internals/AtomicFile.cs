using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace FramingClassifier;

/// <summary>
/// The one writer of output files (models, reports, predictions): bytes go to a temporary file beside
/// the target, renamed into place when complete, so a failed or interrupted run never leaves a
/// half-written file or destroys an earlier one. The temporary file is removed on failure, on Ctrl-C
/// and on SIGTERM; ones left by a killed run (SIGKILL, power loss) are removed by the next write to the
/// same target.
/// </summary>
internal static partial class AtomicFile
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(1);

    /// <summary>Writes <paramref name="path"/> through a temporary file; errors name the target, not the temporary file.</summary>
    public static void Write(string path, Action<Stream> write, bool flushToDisk = false)
    {
        string full = Path.GetFullPath(path);
        string temp = TempName(full);
        RemoveStale(full);
        using var signals = new SignalCleanup(temp);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (Names(e, temp))
        {
            throw Renamed(e, temp, full);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Throws, naming <paramref name="path"/>, unless it could be written now: a check before hours of work.</summary>
    public static void CheckWritable(string path)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new IOException($"{path}: is a folder, not a file.");
        string temp = TempName(full);
        try
        {
            using (new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (Names(e, temp))
        {
            throw Renamed(e, temp, full);
        }
    }

    private static string TempName(string full) => full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";

    private static bool Names(Exception e, string temp) =>
        e is IOException or UnauthorizedAccessException && e.Message.Contains(temp, StringComparison.Ordinal);

    private static Exception Renamed(Exception e, string temp, string full)
    {
        string message = e.Message.Replace(temp, full, StringComparison.Ordinal);
        return e is UnauthorizedAccessException ? new UnauthorizedAccessException(message, e) : new IOException(message, e);
    }

    // Temporary files of this target whose writer is gone: not written to for a while, and not open (a
    // running writer holds a lock that FileShare.None cannot get).
    private static void RemoveStale(string full)
    {
        string? folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder)) return;
        string prefix = Path.GetFileName(full) + ".";
        foreach (string file in Directory.EnumerateFiles(folder, prefix + "*.tmp"))
        {
            if (!TempSuffix().IsMatch(Path.GetFileName(file)[prefix.Length..])) continue;
            try
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) < StaleAfter) continue;
                using (new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    [GeneratedRegex("^[0-9a-f]{8}\\.tmp$")]
    private static partial Regex TempSuffix();

    /// <summary>Deletes the temporary file when the process is told to stop, then lets it stop.</summary>
    private sealed class SignalCleanup : IDisposable
    {
        private readonly List<PosixSignalRegistration> _registrations = [];

        public SignalCleanup(string temp)
        {
            foreach (PosixSignal signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
            {
                try
                {
                    _registrations.Add(PosixSignalRegistration.Create(signal, _ =>
                    {
                        try { File.Delete(temp); }
                        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
                    }));
                }
                catch (PlatformNotSupportedException) { }
            }
        }

        public void Dispose()
        {
            foreach (PosixSignalRegistration registration in _registrations) registration.Dispose();
        }
    }
}
