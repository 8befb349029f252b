namespace FramingClassifier;

/// <summary>Where a feature came from: enough to print it for an explanation.</summary>
/// <param name="Kind">The kind of feature.</param>
/// <param name="FirstToken">Index of its first token.</param>
/// <param name="TokenCount">Number of tokens (1 for words and char n-grams, 0 for sentence flags).</param>
/// <param name="CharStart">For a char n-gram, its start in "&lt;word&gt;"; for a sentence flag, the flag's id.</param>
/// <param name="CharLength">For a char n-gram, its length in "&lt;word&gt;".</param>
public readonly record struct FeatureOrigin(FeatureKind Kind, int FirstToken, int TokenCount, int CharStart = 0, int CharLength = 0);

/// <summary>
/// Receives the buckets the <see cref="Featurizer"/> emits. Implemented by structs, so the JIT
/// specializes the featurizer per sink: with <see cref="RecordsOrigins"/> false the origins are never
/// built, and the hot path pays only for the bucket.
/// </summary>
public interface IFeatureSink
{
    /// <summary>True if the sink wants <see cref="Add(uint, in FeatureOrigin)"/> calls, false for <see cref="Add(uint)"/>.</summary>
    static abstract bool RecordsOrigins { get; }

    /// <summary>Called once per feature occurrence when <see cref="RecordsOrigins"/> is false.</summary>
    void Add(uint bucket);

    /// <summary>Called once per feature occurrence, with where it came from, when <see cref="RecordsOrigins"/> is true.</summary>
    void Add(uint bucket, in FeatureOrigin origin);

    /// <summary>
    /// Called with all character n-grams of one word when <see cref="RecordsOrigins"/> is false: the same
    /// as <see cref="Add(uint)"/> on each in turn, which is what this default does. A sink that keeps
    /// state in fields can override it to hold that state in locals over the whole word.
    /// </summary>
    void AddRange(ReadOnlySpan<uint> buckets)
    {
        foreach (uint bucket in buckets) Add(bucket);
    }
}
