namespace FramingClassifier.Cli.Batch;

/// <summary>What `framing predict` writes: JSON Lines (the default), each head's label, tab-separated, as `fasttext predict` does, or an Apache Parquet file.</summary>
internal enum OutputFormat { Jsonl, Labels, Parquet }

/// <summary>How many of each head's probabilities to write: none, the <see cref="Top"/> most probable labels, or all.</summary>
internal readonly record struct ProbabilityChoice(int Top)
{
    public static ProbabilityChoice All => new(int.MaxValue);

    public static ProbabilityChoice None => new(0);

    /// <summary>"all", "none" or a count k of at least 1; null picks the format's default (JSONL all, labels none, Parquet the label's own).</summary>
    public static ProbabilityChoice Parse(string? value, OutputFormat format) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => format switch { OutputFormat.Jsonl => All, OutputFormat.Parquet => new(1), _ => None },
        "all" => All,
        "none" => None,
        var k when int.TryParse(k, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int top) && top >= 1 => new(top),
        _ => throw new ArgumentException($"--probabilities: '{value}' is not all, none or a count of at least 1."),
    };

    /// <summary>The <see cref="Top"/> most probable label indices of <paramref name="head"/>, most probable first (ties in label order).</summary>
    public int[] Ranked(HeadPrediction head)
    {
        if (Top == 0) return [];
        float[] p = head.Probabilities.ToArray();
        return [.. Enumerable.Range(0, p.Length).OrderByDescending(k => p[k]).ThenBy(k => k).Take(Top)];
    }
}
