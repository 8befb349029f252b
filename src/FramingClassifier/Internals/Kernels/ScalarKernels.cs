namespace FramingClassifier;

/// <summary>One float or hash at a time: the fallback without SIMD, and the reference for the others.</summary>
internal readonly struct ScalarKernels : IKernels
{
    public static bool IsAccelerated => true;

    public static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++)
            y[i] = MathF.FusedMultiplyAdd(a, x[i], y[i]);
    }

    public static void Buckets(FeatureKind kind, Span<uint> hashes, uint buckets)
    {
        for (int i = 0; i < hashes.Length; i++) hashes[i] = NgramHasher.Bucket(kind, hashes[i], buckets);
    }
}
