using System.Runtime.CompilerServices;

namespace FramingClassifier;

/// <summary>The kinds of feature; each is a salt in <see cref="NgramHasher.Bucket"/> so kinds do not share buckets by design.</summary>
public enum FeatureKind : byte
{
    /// <summary>A single token.</summary>
    Word = 1,
    /// <summary>A sequence of 2 or 3 tokens.</summary>
    WordNgram = 2,
    /// <summary>A character n-gram of a word wrapped in &lt; and &gt;.</summary>
    CharNgram = 3,
    /// <summary>A word inside a quotation.</summary>
    QuotedWord = 4,
    /// <summary>A word after a reporting or labelling cue, outside quotation marks.</summary>
    ReportedWord = 5,
    /// <summary>A sentence-level flag such as "has a quotation".</summary>
    SentenceFlag = 6,
    /// <summary>A feature of the sentence's deciding designation (<see cref="MentionFeatures"/>).</summary>
    Mention = 7,
    /// <summary>A word beside the deciding designation (<see cref="MentionFeatures"/>).</summary>
    MentionWord = 8,
    /// <summary>The whole sentence embedding of a model with <see cref="FramingModel.Embedding"/>, reported as one contribution; never hashed.</summary>
    Embedding = 9,
}

/// <summary>
/// The fixed hash that maps features to buckets. Its values are pinned by golden tests: changing
/// any constant here invalidates every model file ever written.
/// <list type="bullet">
/// <item>A token hashes with 32-bit FNV-1a over its UTF-16 code units (offset 2166136261, prime 16777619).</item>
/// <item>A word n-gram folds its token hashes left to right with h = h * 116049371 + next, as fastText does.</item>
/// <item>A character n-gram is FNV-1a over the code units of the slice of "&lt;word&gt;".</item>
/// <item>The bucket is murmur3's fmix32 of (hash XOR kind * 0x9E3779B9), mapped to [0, buckets) by
/// multiply-shift (Lemire's fastrange), so any bucket count works without a division.</item>
/// </list>
/// </summary>
public static class NgramHasher
{
    /// <summary>FNV-1a offset basis.</summary>
    public const uint OffsetBasis = 2166136261;

    /// <summary>FNV-1a prime.</summary>
    public const uint Prime = 16777619;

    /// <summary>Multiplier that folds token hashes into an n-gram hash.</summary>
    public const uint NgramMultiplier = 116049371;

    /// <summary>FNV-1a over the code units of <paramref name="token"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint HashToken(ReadOnlySpan<char> token)
    {
        uint h = OffsetBasis;
        foreach (char c in token)
            h = Step(h, c);
        return h;
    }

    /// <summary>One FNV-1a step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Step(uint h, char c) => (h ^ c) * Prime;

    /// <summary>Extends an n-gram hash by one token.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Combine(uint ngram, uint token) => unchecked(ngram * NgramMultiplier + token);

    /// <summary>The bucket of a feature of <paramref name="kind"/> with hash <paramref name="hash"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Bucket(FeatureKind kind, uint hash, uint buckets)
    {
        uint x = hash ^ Salt(kind);
        x ^= x >> 16;
        x = unchecked(x * Mix1);
        x ^= x >> 13;
        x = unchecked(x * Mix2);
        x ^= x >> 16;
        return (uint)(((ulong)x * buckets) >> 32);
    }

    /// <summary>
    /// Replaces each hash in <paramref name="hashes"/> by its <see cref="Bucket"/>: a word's character
    /// n-grams go through here together, in the kernels of <see cref="KernelChoice.Best"/>.
    /// </summary>
    public static void Buckets(FeatureKind kind, Span<uint> hashes, uint buckets)
    {
        switch (KernelChoice.Best)
        {
            case KernelSet.Vector256: Vector256Kernels.Buckets(kind, hashes, buckets); break;
            case KernelSet.Vector128: Vector128Kernels.Buckets(kind, hashes, buckets); break;
            default: ScalarKernels.Buckets(kind, hashes, buckets); break;
        }
    }

    /// <summary>The first multiplier of murmur3's fmix32.</summary>
    internal const uint Mix1 = 0x85EBCA6Bu;

    /// <summary>The second multiplier of murmur3's fmix32.</summary>
    internal const uint Mix2 = 0xC2B2AE35u;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Salt(FeatureKind kind) => unchecked((uint)kind * 0x9E3779B9u);
}
