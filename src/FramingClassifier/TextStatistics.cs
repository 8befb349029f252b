namespace FramingClassifier;

/// <summary>
/// Dense per-sentence counts the tree scorers see next to the sparse n-grams: length in characters
/// and tokens, quotation marks, and reporting or labelling cues. Shared by training and scoring so
/// both compute them from the same normalized text and tokens.
/// </summary>
internal static class TextStatistics
{
    /// <summary>Number of statistics <see cref="Fill"/> writes.</summary>
    public const int Count = 4;

    public static void Fill(ReadOnlySpan<char> normalized, ReadOnlySpan<Token> tokens, Span<float> values)
    {
        int quotes = 0, cues = 0;
        foreach (Token token in tokens)
        {
            if (token.Has(TokenFlags.QuoteMark)) quotes++;
            if (token.Has(TokenFlags.Cue)) cues++;
        }
        values[0] = normalized.Length;
        values[1] = tokens.Length;
        values[2] = quotes;
        values[3] = cues;
    }
}
