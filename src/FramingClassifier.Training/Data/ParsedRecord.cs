namespace FramingClassifier.Training;

/// <summary>A record of a delimited file: the line it starts on, its fields and the column each field starts at (1-based).</summary>
internal readonly record struct ParsedRecord(long Line, string[] Fields, int[] Columns);
