namespace FramingClassifier;

/// <summary>
/// The vector operations of featurizing and scoring, implemented once per instruction set:
/// <see cref="ScalarKernels"/>, <see cref="Vector128Kernels"/> and <see cref="Vector256Kernels"/>.
/// All give the same bits, so which one runs (<see cref="KernelChoice.Best"/>) changes only the speed.
/// </summary>
/// <remarks>Implemented by empty structs, so generic code over them is compiled once per set.</remarks>
internal interface IKernels
{
    /// <summary>Whether this machine runs these kernels in hardware rather than in a software fallback.</summary>
    static abstract bool IsAccelerated { get; }

    /// <summary>y += a * x, one fused multiply-add per float.</summary>
    static abstract void Axpy(float a, ReadOnlySpan<float> x, Span<float> y);

    /// <summary>Replaces each hash in <paramref name="hashes"/> by its <see cref="NgramHasher.Bucket"/>.</summary>
    static abstract void Buckets(FeatureKind kind, Span<uint> hashes, uint buckets);
}
