namespace FramingClassifier.Training;

/// <summary>The input formats the readers understand.</summary>
public enum DataFormat
{
    /// <summary>Pick from the file extension: .tsv/.tab, .csv, .jsonl/.ndjson/.json; anything else is plain text.</summary>
    Auto,
    /// <summary>Tab-separated with a header line; no quoting.</summary>
    Tsv,
    /// <summary>Comma-separated with a header line; RFC 4180 quoting, embedded newlines allowed.</summary>
    Csv,
    /// <summary>One JSON object per line.</summary>
    Jsonl,
    /// <summary>One text per line, no header (prediction input only).</summary>
    Text,
}

/// <summary>Chooses a <see cref="DataFormat"/> for a file.</summary>
public static class DataFormats
{
    /// <summary>Returns <paramref name="requested"/>, or the format the extension of <paramref name="path"/> implies when it is <see cref="DataFormat.Auto"/>.</summary>
    public static DataFormat Resolve(string path, DataFormat requested = DataFormat.Auto)
    {
        if (requested != DataFormat.Auto) return requested;
        string ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".tsv" or ".tab" => DataFormat.Tsv,
            ".csv" => DataFormat.Csv,
            ".jsonl" or ".ndjson" or ".json" => DataFormat.Jsonl,
            _ => DataFormat.Text,
        };
    }
}
