namespace FramingClassifier.Training;

/// <summary>A record of a table: where it starts and its fields, in the order the reader was asked for.</summary>
/// <param name="File">The file it came from.</param>
/// <param name="Line">The line it starts on, 1-based.</param>
/// <param name="Values">One value per requested column; null where a JSONL object lacks the field.</param>
public sealed record TableRow(string File, long Line, string?[] Values);
