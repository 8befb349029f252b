namespace FramingClassifier.Training;

/// <summary>
/// The training texts as tf-idf rows over a compact feature index: only the buckets that occur in
/// the training data get a column, in ascending bucket order. Row values are computed exactly as
/// <see cref="LinearModel.Score"/> computes them at prediction time.
/// </summary>
internal sealed class FeatureMatrix
{
    private FeatureMatrix(int[] rowStart, int[] columns, float[] values, uint[] buckets, float[] idf, float defaultIdf)
    {
        RowStart = rowStart;
        Columns = columns;
        Values = values;
        Buckets = buckets;
        Idf = idf;
        DefaultIdf = defaultIdf;
    }

    public int[] RowStart { get; }
    public int[] Columns { get; }
    public float[] Values { get; }

    /// <summary>The bucket of each column, ascending.</summary>
    public uint[] Buckets { get; }

    /// <summary>The IDF of each column (1 when IDF is off).</summary>
    public float[] Idf { get; }

    public float DefaultIdf { get; }

    public int Rows => RowStart.Length - 1;

    public int FeatureCount => Buckets.Length;

    public static FeatureMatrix Build(IReadOnlyList<string> texts, FeaturizerOptions options, ParallelOptions parallel)
    {
        var (rowBuckets, rowCounts) = CountAll(texts, options, parallel);
        uint[] buckets = rowBuckets.SelectMany(b => b).Distinct().Order().ToArray();
        var df = new int[buckets.Length];
        var columnsPerRow = new int[texts.Count][];
        for (int i = 0; i < texts.Count; i++)
        {
            columnsPerRow[i] = rowBuckets[i].Select(b => Array.BinarySearch(buckets, b)).ToArray();
            foreach (int c in columnsPerRow[i]) df[c]++;
        }
        int n = texts.Count;
        float defaultIdf = options.UseIdf ? (float)(Math.Log(n + 1.0) + 1.0) : 1f;
        bool useIdf = options.UseIdf;
        float[] idf = df.Select(d => useIdf ? (float)(Math.Log((n + 1.0) / (d + 1.0)) + 1.0) : 1f).ToArray();
        return Assemble(columnsPerRow, rowCounts, buckets, idf, defaultIdf, options);
    }

    /// <summary>The training matrix <paramref name="options"/> asks for: over the base model's columns when training continues from one.</summary>
    public static FeatureMatrix For(IReadOnlyList<string> texts, TrainingOptions options, ParallelOptions parallel)
    {
        if (options.BaseModel is null) return Build(texts, options.Featurizer, parallel);
        WarmStart.CheckCompatible(options.BaseModel, options);
        return BuildOver(texts, options.BaseModel.Linear, options.Featurizer, parallel);
    }

    /// <summary>
    /// The texts over the columns of <paramref name="baseModel"/> plus any bucket it lacks, with its
    /// IDF (its default IDF for the new buckets), so that its weights keep their meaning as a start point.
    /// </summary>
    public static FeatureMatrix BuildOver(IReadOnlyList<string> texts, LinearModel baseModel, FeaturizerOptions options, ParallelOptions parallel)
    {
        var (rowBuckets, rowCounts) = CountAll(texts, options, parallel);
        uint[] buckets = baseModel.RowBuckets.Concat(rowBuckets.SelectMany(b => b)).Distinct().Order().ToArray();
        float[] idf = buckets.Select(b => baseModel.RowOf[b] is int r and >= 0 ? baseModel.IdfOf(r) : baseModel.DefaultIdf).ToArray();
        int[][] columnsPerRow = rowBuckets.Select(row => row.Select(b => Array.BinarySearch(buckets, b)).ToArray()).ToArray();
        return Assemble(columnsPerRow, rowCounts, buckets, idf, baseModel.DefaultIdf, options);
    }

    private static (uint[][], int[][]) CountAll(IReadOnlyList<string> texts, FeaturizerOptions options, ParallelOptions parallel)
    {
        var buckets = new uint[texts.Count][];
        var counts = new int[texts.Count][];
        Parallel.For(0, texts.Count, parallel, i =>
        {
            ScoringScratch scratch = ScoringScratch.Current;
            scratch.Featurize(options, texts[i], out _);
            buckets[i] = scratch.Counter.Buckets.ToArray();
            counts[i] = scratch.Counter.Counts.ToArray();
        });
        return (buckets, counts);
    }

    private static FeatureMatrix Assemble(int[][] columnsPerRow, int[][] rowCounts, uint[] buckets, float[] idf, float defaultIdf, in FeaturizerOptions options)
    {
        var rowStart = new int[columnsPerRow.Length + 1];
        for (int i = 0; i < columnsPerRow.Length; i++) rowStart[i + 1] = rowStart[i] + columnsPerRow[i].Length;
        var columns = new int[rowStart[^1]];
        var values = new float[rowStart[^1]];
        for (int i = 0; i < columnsPerRow.Length; i++)
        {
            int start = rowStart[i];
            float sumSquares = 0;
            for (int j = 0; j < columnsPerRow[i].Length; j++)
            {
                int c = columnsPerRow[i][j];
                float v = FeatureValues.Value(options, rowCounts[i][j], idf[c]);
                columns[start + j] = c;
                values[start + j] = v;
                sumSquares += v * v;
            }
            float scale = sumSquares > 0 ? 1f / MathF.Sqrt(sumSquares) : 0f;
            for (int j = 0; j < columnsPerRow[i].Length; j++) values[start + j] *= scale;
        }
        return new FeatureMatrix(rowStart, columns, values, buckets, idf, defaultIdf);
    }
}
