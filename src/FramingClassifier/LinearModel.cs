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
/// Precision: weights stay float32, which the multiply-add reads directly. Rounding the default
/// model's weights to float16, or to int8 with one scale per row, left its held-out macro-F1 unchanged
/// on all three heads (0.9355 / 0.8546 / 0.7492 in each case), so a smaller format is possible. A
/// prototype holding int8 rows with their scale in memory (32 bytes a row for 20 classes, widened to
/// float in the multiply-add) scored 50,000 emoji test tweets with the emoji model 4.5% faster than
/// float32 rows in the same loop, on one thread; it needs a new file format version and is not done.
/// </para>
/// <para>
/// Buckets: 2^20 by default. <see cref="RowOf"/> costs 4 bytes per bucket (4 MB) and is read once per
/// feature, at random, before the row. Held-out macro-F1 of the default corpus by bucket count
/// (framing / voice / stance): 2^16 0.934 / 0.844 / 0.743 (51,746 rows: collisions merge n-grams),
/// 2^18 0.935 / 0.849 / 0.749, 2^20 0.936 / 0.855 / 0.749 (97,059 rows), 2^22 0.937 / 0.857 / 0.747
/// (16 MB of <see cref="RowOf"/> for at most 0.2 points): 2^20 is where collisions stop costing.
/// A rank bitmap in place of <see cref="RowOf"/> (one bit per bucket, each 64-bit word beside the
/// count of rows before it: 256 KB, resident in L2) was slower than the prefetched int per bucket:
/// scoring on one thread, median of 5 alternated, the pooled stance model 199,000 against 212,000
/// rows/s, the emoji model 191,000 against 200,000, the default model 231,000 against 240,000.
/// </para>
/// </remarks>
internal sealed class LinearModel
{
    public LinearModel(int buckets, int classes, uint[] rowBuckets, float[] weights, float[] bias, float defaultIdf)
    {
        Classes = classes;
        Stride = StrideFor(classes);
        RowBuckets = rowBuckets;
        Bias = bias;
        DefaultIdf = defaultIdf;
        Weights = weights;
        RowOf = new int[buckets];
        Array.Fill(RowOf, -1);
        for (int r = 0; r < rowBuckets.Length; r++)
            RowOf[rowBuckets[r]] = r;
    }

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
    public float[] Weights { get; }

    /// <summary>One bias per class, padded to <see cref="Stride"/>.</summary>
    public float[] Bias { get; }

    public int[] RowOf { get; }

    /// <summary>A row's class weights (without the IDF slot).</summary>
    public ReadOnlySpan<float> Row(int row) => Weights.AsSpan(row * Stride, Classes);

    /// <summary>
    /// Scores the counted features into <paramref name="scores"/> (length <see cref="Stride"/>):
    /// bias + (sum over features of tf-idf * row) / L2 norm of the tf-idf vector.
    /// </summary>
    [SkipLocalsInit]
    public void Score(in FeaturizerOptions options, FeatureCounter counter, Span<float> accumulator, Span<float> scores)
    {
        accumulator = accumulator[..Stride];
        float sumSquares = !VectorKernels.UseSimd ? Accumulate<ScalarRowSum>(options, counter, accumulator)
            : Stride <= RegisterRowSum.MaxWidth ? Accumulate<RegisterRowSum>(options, counter, accumulator)
            : Accumulate<SimdRowSum>(options, counter, accumulator);
        float scale = sumSquares > 0 ? 1f / MathF.Sqrt(sumSquares) : 0f;
        for (int k = 0; k < Stride; k++)
            scores[k] = Bias[k] + scale * accumulator[k];
    }

    // Specialized per kernel, so the choice is made once per sentence, not once per feature.
    private float Accumulate<TSum>(in FeaturizerOptions options, FeatureCounter counter, Span<float> accumulator)
        where TSum : IRowSum<TSum>, allows ref struct
    {
        ReadOnlySpan<uint> buckets = counter.Buckets;
        ReadOnlySpan<float> tf = counter.Frequencies(options);
        ref int rowOf = ref MemoryMarshal.GetArrayDataReference(RowOf);
        ref float weights = ref MemoryMarshal.GetArrayDataReference(Weights);
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
    /// places on, both of its cache lines. 50,000 emoji test tweets, one thread, median of 8 alternating
    /// runs: the emoji model 184,000 rows/s prefetching the entries 16 places ahead in this loop (the
    /// previous design), 198,000 as now; the default model 221,000 and 240,000. With no prefetching at
    /// all, the emoji model ran at 155,000 in a run where this design ran at 210,000. Reading all
    /// entries, then all rows, in passes before scoring was as fast on those batches, but it cost about
    /// 0.3 µs more on a 30-word sentence whose rows are already cached. Without SSE (ARM) nothing is
    /// prefetched.
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
