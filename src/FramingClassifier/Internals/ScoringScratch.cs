namespace FramingClassifier;

/// <summary>
/// Per-thread buffers for featurizing and scoring. The model stays immutable and thread-safe;
/// each thread reuses its own scratch, so the scoring path allocates nothing once warm.
/// </summary>
internal sealed class ScoringScratch
{
    [ThreadStatic]
    private static ScoringScratch? t_current;

    public char[] Chars = new char[256];
    public Token[] Tokens = new Token[64];
    public readonly FeatureCounter Counter = new();
    public float[] Scores = new float[16];
    public float[] Accumulator = new float[16];

    /// <summary>The tree scorers' feature vector; kept all zeros between predictions.</summary>
    public float[] TreeValues = [];

    // What Featurizer.Extract returned for the last text featurized.
    private int _classesSeen;

    public static ScoringScratch Current => t_current ??= new ScoringScratch();

    /// <summary>
    /// Normalizes, tokenizes and counts features; the counts are left in <see cref="Counter"/>. With
    /// <paramref name="prefetch"/> (a table indexed by bucket), each bucket's entry is requested from
    /// memory as the bucket is first counted (see <see cref="FeatureCounter.Reset"/>).
    /// </summary>
    public ReadOnlySpan<Token> Featurize(in FeaturizerOptions options, ReadOnlySpan<char> text, out ReadOnlySpan<char> normalized, int[]? prefetch = null)
    {
        int length = TextNormalizer.Normalize(text, options.RemoveDiacritics, ref Chars);
        normalized = Chars.AsSpan(0, length);
        int count = Tokenizer.Tokenize(normalized, ref Tokens);
        ReadOnlySpan<Token> tokens = Tokens.AsSpan(0, count);
        Counter.Reset(prefetch);
        var sink = new CountingSink(Counter);
        _classesSeen = Featurizer.Extract(options, normalized, tokens, ref sink);
        return tokens;
    }

    /// <summary>
    /// A bit per <see cref="DesignationClass"/> whose words the text last featurized (<paramref name="normalized"/>,
    /// <paramref name="tokens"/>) contains: the featurizer's by-product with mention features, else a pass of its own.
    /// </summary>
    public int ClassesSeen(in FeaturizerOptions options, ReadOnlySpan<char> normalized, ReadOnlySpan<Token> tokens) =>
        options.MentionFeatures ? _classesSeen : MentionFeatures.ClassesSeen(normalized, tokens);

    public void EnsureTreeWidth(int width)
    {
        if (TreeValues.Length < width) TreeValues = new float[width];
    }

    public void EnsureWidth(int width)
    {
        if (Scores.Length < width)
        {
            Scores = new float[width];
            Accumulator = new float[width];
        }
    }
}
