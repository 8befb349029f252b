namespace FramingClassifier;

/// <summary>
/// Everything that decides how text becomes features. Stored in every model file, so a model
/// always featurizes at prediction time exactly as it did at training time.
/// </summary>
/// <example><code>var options = FeaturizerOptions.Default with { Buckets = 1 &lt;&lt; 18, WordNgrams = 3 };</code></example>
public readonly record struct FeaturizerOptions
{
    /// <summary>The defaults: 2^20 buckets, word 1-2 grams, char 3-5 grams, sublinear TF, IDF, L2, quote and cue features.</summary>
    public static FeaturizerOptions Default => new();

    /// <summary>Creates the default options.</summary>
    public FeaturizerOptions() { }

    /// <summary>The most buckets a model may have: 2^26, whose row map takes 256 MB.</summary>
    /// <remarks>A model holds one int per bucket in memory however small its file, so a model file cannot ask for more.</remarks>
    public const int MaxBuckets = 1 << 26;

    /// <summary>Number of hash buckets every feature is folded into (default 2^20, at most <see cref="MaxBuckets"/>).</summary>
    public int Buckets { get; init; } = 1 << 20;

    /// <summary>Longest word n-gram, 1 to 3 (default 2).</summary>
    public int WordNgrams { get; init; } = 2;

    /// <summary>Shortest character n-gram inside a word, including the &lt; and &gt; word boundaries (default 3).</summary>
    public int CharNgramMin { get; init; } = 3;

    /// <summary>Longest character n-gram; 0 turns character n-grams off (default 5).</summary>
    public int CharNgramMax { get; init; } = 5;

    /// <summary>Strip diacritics after NFKC normalization (default false).</summary>
    public bool RemoveDiacritics { get; init; }

    /// <summary>Use 1 + ln(count) instead of the raw count (default true).</summary>
    public bool SublinearTf { get; init; } = true;

    /// <summary>Weight features by the inverse document frequency learned at training (default true).</summary>
    public bool UseIdf { get; init; } = true;

    /// <summary>Add features for words inside quotation marks and after reporting cues (default true).</summary>
    public bool VoiceFeatures { get; init; } = true;

    /// <summary>
    /// Add features of the sentence's deciding designation word: its codebook class, who owns it
    /// (quoted, reported, labelled, before a trailing attribution) and the words beside it (default false;
    /// models written without it featurize as before).
    /// </summary>
    public bool MentionFeatures { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> if an option is outside its range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Buckets, 16, nameof(Buckets));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Buckets, MaxBuckets, nameof(Buckets));
        ArgumentOutOfRangeException.ThrowIfLessThan(WordNgrams, 1, nameof(WordNgrams));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(WordNgrams, 3, nameof(WordNgrams));
        if (CharNgramMax != 0)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(CharNgramMin, 1, nameof(CharNgramMin));
            ArgumentOutOfRangeException.ThrowIfLessThan(CharNgramMax, CharNgramMin, nameof(CharNgramMax));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(CharNgramMax, 8, nameof(CharNgramMax));
        }
    }
}
