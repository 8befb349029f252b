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

    /// <summary>The file.</summary>
    public string File { get; }

    /// <summary>The line, 1-based.</summary>
    public long Line { get; }

    /// <summary>The column (character position in the line), 1-based.</summary>
    public int Column { get; }
}
