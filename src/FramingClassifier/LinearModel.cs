using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace FramingClassifier;

/// <summary>
/// The weights of every head's multinomial logistic regression, stored by feature: the row of a
/// bucket holds the weights of all classes of all heads side by side, then the bucket's IDF, padded
/// to a multiple of 8 floats, so one feature costs one contiguous load (one 64-byte cache line for up
/// to 15 classes) however many heads there are. The IDF slot rides along in the SIMD multiply-add
/// and lands in a score slot nobody reads. Only buckets seen at training have a row; <see cref="RowOf"/> maps a
/// bucket to its row (-1 when absent). That keeps the file small while lookups stay O(1).
/// </summary>
/// <remarks>
/// <para>
/// Precision: weights stay float32, which the multiply-add reads directly; a smaller format would
/// need a new file format version (see docs/performance-log.md).
/// </para>
/// <para>
/// Buckets: 2^20 by default, where hash collisions stop costing accuracy. <see cref="RowOf"/> costs
/// 4 bytes per bucket and is read once per feature, at random, before the row; it is prefetched.
/// </para>
/// </remarks>
internal sealed class LinearModel
{
    public LinearModel(int buckets, int classes, uint[] rowBuckets, float[] storage, int start, float[] bias, float defaultIdf)
    {
        Classes = classes;
        Stride = StrideFor(classes);
        RowBuckets = rowBuckets;
        Bias = bias;
        DefaultIdf = defaultIdf;
        _storage = storage;
        _start = start;
        RowOf = new int[buckets];
        Array.Fill(RowOf, -1);
        for (int r = 0; r < rowBuckets.Length; r++)
            RowOf[rowBuckets[r]] = r;
    }

    /// <summary>
    /// Storage for <paramref name="rows"/> rows of <paramref name="stride"/> floats whose first row, from
    /// <paramref name="start"/> on, begins a 64-byte cache line, so a row of up to 16 floats sits in one line,
    /// not across two. The array is pinned, so the alignment holds for its life.
    /// </summary>
    public static unsafe float[] NewRowStorage(int rows, int stride, out int start)
    {
        const int LineFloats = 64 / sizeof(float);
        float[] storage = GC.AllocateArray<float>(checked(rows * stride + LineFloats - 1), pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(storage));
        start = (int)((64 - address % 64) % 64 / sizeof(float));
        return storage;
    }

    private readonly float[] _storage;
    private readonly int _start;

    /// <summary>Total classes over all heads.</summary>
    public int Classes { get; }

    /// <summary>Floats per row: <see cref="Classes"/> + 1 (the IDF) rounded up to a multiple of 8.</summary>
    public int Stride { get; }

    public static int StrideFor(int classes) => (classes + 1 + 7) & ~7;

    /// <summary>Bucket of each row, ascending.</summary>
    public uint[] RowBuckets { get; }

    /// <summary>IDF of a row's bucket (1 when the model does not use IDF).</summary>
    public float IdfOf(int row) => Weights[row * Stride + Classes];

    /// <summary>IDF of a bucket never seen at training.</summary>
    public float DefaultIdf { get; }

    /// <summary>Row-major weights, <see cref="Stride"/> floats per row: the classes, then the IDF.</summary>
    public ReadOnlySpan<float> Weights => _storage.AsSpan(_start, RowBuckets.Length * Stride);

    /// <summary>One bias per class, padded to <see cref="Stride"/>.</summary>
    public float[] Bias { get; }

    public int[] RowOf { get; }

    /// <summary>A row's class weights (without the IDF slot).</summary>
    public ReadOnlySpan<float> Row(int row) => Weights.Slice(row * Stride, Classes);

    /// <summary>
    /// Scores the counted features into <paramref name="scores"/> (length <see cref="Stride"/>):
    /// bias + (sum over features of tf-idf * row) / L2 norm of the tf-idf vector.
    /// </summary>
    public void Score(in FeaturizerOptions options, FeatureCounter counter, Span<float> accumulator, Span<float> scores) =>
        ScoreWith(KernelChoice.Best, options, counter, accumulator, scores);

    /// <summary><see cref="Score"/> with the kernels of <paramref name="kernels"/>.</summary>
    [SkipLocalsInit]
    public void ScoreWith(KernelSet kernels, in FeaturizerOptions options, FeatureCounter counter, Span<float> accumulator, Span<float> scores)
    {
        accumulator = accumulator[..Stride];
        float sumSquares = Accumulate(kernels, options, counter, accumulator);
        float scale = sumSquares > 0 ? 1f / MathF.Sqrt(sumSquares) : 0f;
        for (int k = 0; k < Stride; k++)
            scores[k] = Bias[k] + scale * accumulator[k];
    }

    // Rows of up to 32 floats keep their sums in registers; wider ones in memory.
    private float Accumulate(KernelSet kernels, in FeaturizerOptions options, FeatureCounter counter, Span<float> accumulator) => kernels switch
    {
        KernelSet.Vector256 when Stride <= Vector256RegisterRowSum.MaxWidth => Accumulate<Vector256RegisterRowSum>(options, counter, accumulator),
        KernelSet.Vector256 => Accumulate<MemoryRowSum<Vector256Kernels>>(options, counter, accumulator),
        KernelSet.Vector128 when Stride <= Vector128RegisterRowSum.MaxWidth => Accumulate<Vector128RegisterRowSum>(options, counter, accumulator),
        KernelSet.Vector128 => Accumulate<MemoryRowSum<Vector128Kernels>>(options, counter, accumulator),
        _ => Accumulate<MemoryRowSum<ScalarKernels>>(options, counter, accumulator),
    };

    // Specialized per kernel, so the choice is made once per sentence, not once per feature.
    private float Accumulate<TSum>(in FeaturizerOptions options, FeatureCounter counter, Span<float> accumulator)
        where TSum : IRowSum<TSum>, allows ref struct
    {
        ReadOnlySpan<uint> buckets = counter.Buckets;
        ReadOnlySpan<float> tf = counter.Frequencies(options);
        ref int rowOf = ref MemoryMarshal.GetArrayDataReference(RowOf);
        ref float weights = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_storage), _start);
        int stride = Stride, classes = Classes;
        float sumSquares = 0;
        TSum sum = TSum.Start(accumulator);
        for (int i = 0; i < buckets.Length; i++)
        {
            Prefetch(buckets, i, ref rowOf, ref weights);
            int row = Unsafe.Add(ref rowOf, (nint)buckets[i]);
            if (row < 0)
            {
                float unseen = FeatureValues.Weighted(options, tf[i], DefaultIdf);
                sumSquares += unseen * unseen;
                continue;
            }
            ref float weightsAndIdf = ref Unsafe.Add(ref weights, (nint)row * stride);
            float v = FeatureValues.Weighted(options, tf[i], Unsafe.Add(ref weightsAndIdf, classes));
            sumSquares += v * v;
            sum.Add(v, ref weightsAndIdf);
        }
        sum.Finish();
        return sumSquares;
    }

    /// <summary>
    /// Every feature costs two dependent random reads, its <see cref="RowOf"/> entry and then its row,
    /// and on real text they are rarely in cache (the emoji model: 4 MB of RowOf and 41 MB of rows; even
    /// the default model's 10 MB share the last-level cache with everything else). So the featurizer
    /// asks for each RowOf entry as it first counts the bucket (<see cref="FeatureCounter.Reset"/>), well
    /// before this loop reads it, and this loop asks for the row of the feature <see cref="Ahead"/>
    /// places on, both of its cache lines. Without SSE (ARM) nothing is prefetched.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe void Prefetch(ReadOnlySpan<uint> buckets, int i, ref int rowOf, ref float weights)
    {
        if (!Sse.IsSupported || i + Ahead >= buckets.Length) return;
        int row = Unsafe.Add(ref rowOf, (nint)buckets[i + Ahead]);
        if (row < 0) return;
        ref float start = ref Unsafe.Add(ref weights, (nint)row * Stride);
        Sse.Prefetch0(Unsafe.AsPointer(ref start));
        Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref start, Stride - 1)));
    }

    private const int Ahead = 8;

    /// <summary>1 / the L2 norm of the counted features' tf-idf vector (0 for no features), summed in the order <see cref="Score"/> uses.</summary>
    public float InverseNorm(in FeaturizerOptions options, FeatureCounter counter)
    {
        ReadOnlySpan<uint> buckets = counter.Buckets;
        ReadOnlySpan<int> counts = counter.Counts;
        float sumSquares = 0;
        for (int i = 0; i < buckets.Length; i++)
        {
            float v = FeatureValue(options, counts[i], RowOf[buckets[i]]);
            sumSquares += v * v;
        }
        return sumSquares > 0 ? 1f / MathF.Sqrt(sumSquares) : 0f;
    }

    /// <summary>Sublinear TF times IDF, before L2 normalization.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float FeatureValue(in FeaturizerOptions options, int count, int row) =>
        FeatureValues.Value(options, count, row >= 0 ? IdfOf(row) : DefaultIdf);
}
