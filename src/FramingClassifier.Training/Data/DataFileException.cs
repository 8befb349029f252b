namespace FramingClassifier.Training;

/// <summary>Bad input data, located by file, line and column (both 1-based; 0 when not applicable).</summary>
public sealed class DataFileException : Exception
{
    /// <summary>Creates the exception; the message is prefixed with "file:line:column: ".</summary>
    public DataFileException(string file, long line, int column, string message)
        : base($"{file}:{line}:{column}: {message}")
    {
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>
    /// A JSON error in line <paramref name="line"/> of <paramref name="file"/>, whose text is <paramref name="text"/>:
    /// the reason without .NET's own position ("LineNumber: 0 | BytePositionInLine: 9"), located by character, not UTF-8 byte.
    /// </summary>
    public static DataFileException FromJson(string file, long line, string text, System.Text.Json.JsonException e)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(e);
        string reason = e.Message.Split([" LineNumber:", " Path:"], StringSplitOptions.None)[0].TrimEnd('.');
        long bytes = 0, target = e.BytePositionInLine ?? 0;
        int i = 0;
        while (i < text.Length && bytes < target)
        {
            int width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            bytes += System.Text.Encoding.UTF8.GetByteCount(text.AsSpan(i, width));
            i += width;
        }
        return new DataFileException(file, line, i + 1, $"invalid JSON: {reason}.");
    }

    /// <summary>The file.</summary>
    public string File { get; }

    /// <summary>The line, 1-based.</summary>
    public long Line { get; }

    /// <summary>The column (character position in the line), 1-based.</summary>
    public int Column { get; }
}
