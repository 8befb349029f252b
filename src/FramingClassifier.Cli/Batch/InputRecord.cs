namespace FramingClassifier.Cli.Batch;

/// <summary>A record to score: where it starts, its document id (null: the line), its text and the columns to copy to the output.</summary>
internal sealed record InputRecord(string File, long Line, string? Id, string Text, string?[] Kept);
