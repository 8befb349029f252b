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
            or ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("error: " + Printable(e.Message));
            return 1;
        }
    }

    /// <summary>
    /// A message with control and bidirectional formatting characters written as \uXXXX, so a file's
    /// contents echoed in it (a header, a field) cannot move the cursor, recolour or clear a terminal.
    /// </summary>
    public static string Printable(string message)
    {
        if (!message.AsSpan().ContainsAny(Unprintable)) return message;
        var escaped = new System.Text.StringBuilder(message.Length + 16);
        foreach (char c in message)
        {
            if (Unprintable.Contains(c)) escaped.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else escaped.Append(c);
        }
        return escaped.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> Unprintable = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c),
         '\u061C', '\u200E', '\u200F', .. Enumerable.Range(0x202A, 5).Select(c => (char)c), .. Enumerable.Range(0x2066, 4).Select(c => (char)c)]);

    public static string[] SplitList(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The model at <paramref name="path"/>, of either tier, or the embedded default model.</summary>
    public static FramingModel LoadModel(string? path) => path is null ? FramingModel.Default : Embeddings.EmbeddingModel.Load(path);

    /// <summary>Writes through a temporary file renamed into place, so a failed run leaves an earlier output intact.</summary>
    public static void WriteAtomically(string path, Action<Stream> write) => AtomicFile.Write(path, write);
}
