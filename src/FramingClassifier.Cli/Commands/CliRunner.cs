using FramingClassifier.Training;

namespace FramingClassifier.Cli.Commands;

/// <summary>Runs a handler and turns the errors users can cause into one clear line on stderr and exit code 1.</summary>
internal static class CliRunner
{
    public static int Run(Func<int> handler)
    {
        try
        {
            return handler();
        }
        catch (Exception e) when (e is DataFileException or ModelFormatException or FileNotFoundException or DirectoryNotFoundException
            or ArgumentException or KeyNotFoundException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 1;
        }
    }

    public static string[] SplitList(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static FramingModel LoadModel(string? path) => path is null ? FramingModel.Default : FramingModel.Load(path);

    /// <summary>Writes through a temporary file renamed into place, so a failed run leaves an earlier output intact.</summary>
    public static void WriteAtomically(string path, Action<Stream> write) => AtomicFile.Write(path, write);
}
