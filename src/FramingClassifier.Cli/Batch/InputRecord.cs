namespace FramingClassifier.Cli.Batch;

/// <summary>
/// A record to score: where it starts, its document id (null: the line), its text, the columns to copy
/// to the output, and the column on <see cref="Line"/> where the text starts.
/// </summary>
internal sealed record InputRecord(string File, long Line, string? Id, string Text, string?[] Kept, int TextColumn = 1)
{
    /// <summary>A row that was skipped, kept only to hold its place in output that is aligned with the input.</summary>
    public bool Skipped { get; init; }

    public static InputRecord Placeholder(string file, long line) => new(file, line, null, "", []) { Skipped = true };
}
