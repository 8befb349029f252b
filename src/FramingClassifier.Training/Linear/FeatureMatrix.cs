namespace FramingClassifier.Training;

/// <summary>
/// The training texts as tf-idf rows over a compact feature index: only the buckets that occur in
/// the training data get a column, in ascending bucket order. Row values are computed exactly as
/// <see cref="LinearModel.Score"/> computes them at prediction time. With a sentence encoder, each
/// row also holds α times the text's embedding in <see cref="DenseColumns"/> columns after the n-gram
/// columns (<see cref="WithEmbeddings"/>), as <see cref="EmbeddingFeatures"/> scores them.
/// </summary>
internal sealed class FeatureMatrix
{
    private FeatureMatrix(int[] rowStart, int[] columns, float[] values, uint[] buckets, float[] idf, float defaultIdf, int denseColumns = 0, float scale = 0)
    {
        DenseColumns = denseColumns;
        EmbeddingScale = scale;
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

    /// <summary>Columns: the n-gram columns, then the embedding's.</summary>
    public int FeatureCount => Buckets.Length + DenseColumns;

    /// <summary>The embedding's columns after the n-gram columns (0 without embeddings).</summary>
    public int DenseColumns { get; }

    /// <summary>The factor α on the embedding columns.</summary>
    public float EmbeddingScale { get; }

    /// <summary>The largest squared L2 norm of a row: 1 for the n-gram vector, plus α² with embeddings.</summary>
    public double MaxRowNormSquared => DenseColumns == 0 ? 1 : 1 + (double)EmbeddingScale * EmbeddingScale;

    /// <summary>
    /// The rows over a column per bucket that occurs in at least <paramref name="minDocumentFrequency"/> of them; the
    /// rarer buckets get no column but still count in each row's L2 norm, at the default IDF, as scoring counts them.
    /// </summary>
    public static FeatureMatrix Build(IReadOnlyList<string> texts, FeaturizerOptions options, ParallelOptions parallel, int minDocumentFrequency = 1)
    {
        var (rowBuckets, rowCounts) = CountAll(texts, options, parallel);
        var (buckets, column) = ColumnIndex(rowBuckets, [], options.Buckets);
        var df = new int[buckets.Length];
        foreach (uint[] row in rowBuckets)
            foreach (uint b in row) df[column[b]]++;
        if (minDocumentFrequency > 1) (buckets, df) = DropRare(buckets, df, column, minDocumentFrequency);
        int n = texts.Count;
        float defaultIdf = options.UseIdf ? (float)(Math.Log(n + 1.0) + 1.0) : 1f;
        bool useIdf = options.UseIdf;
        float[] idf = df.Select(d => useIdf ? (float)(Math.Log((n + 1.0) / (d + 1.0)) + 1.0) : 1f).ToArray();
        return Assemble(rowBuckets, column, rowCounts, buckets, idf, defaultIdf, options);
    }

    // Renumbers the kept buckets' columns in place; a dropped bucket's column becomes -1.
    private static (uint[] Buckets, int[] Df) DropRare(uint[] buckets, int[] df, int[] column, int minDocumentFrequency)
    {
        var kept = new List<uint>();
        var keptDf = new List<int>();
        for (int c = 0; c < buckets.Length; c++)
        {
            bool keep = df[c] >= minDocumentFrequency;
            column[buckets[c]] = keep ? kept.Count : -1;
            if (!keep) continue;
            kept.Add(buckets[c]);
            keptDf.Add(df[c]);
        }
        return (kept.ToArray(), keptDf.ToArray());
    }

    /// <summary>The training matrix <paramref name="options"/> asks for: over the base model's columns when training continues from one.</summary>
    public static FeatureMatrix For(IReadOnlyList<string> texts, TrainingOptions options, ParallelOptions parallel)
    {
        FeatureMatrix x;
        if (options.BaseModel is null) x = Build(texts, options.Featurizer, parallel, options.MinDocumentFrequency);
        else
        {
            WarmStart.CheckCompatible(options.BaseModel, options);
            x = BuildOver(texts, options.BaseModel.Linear, options.Featurizer, parallel);
        }
        if (options.Embeddings is not { } encoder) return x;
        return x.WithEmbeddings(FramingModel.EncodeAll(encoder, texts, parallel), encoder.Dimension, options.EmbeddingScale);
    }

    /// <summary>This matrix with <paramref name="scale"/> times each row's embedding (row i at [i × dimension, (i + 1) × dimension)) appended as dense columns.</summary>
    public FeatureMatrix WithEmbeddings(float[] embeddings, int dimension, float scale)
    {
        int rows = Rows, ngrams = Buckets.Length;
        var rowStart = new int[rows + 1];
        for (int i = 0; i < rows; i++) rowStart[i + 1] = checked(rowStart[i] + RowStart[i + 1] - RowStart[i] + dimension);
        var columns = new int[rowStart[^1]];
        var values = new float[rowStart[^1]];
        for (int i = 0; i < rows; i++)
        {
            int sparse = RowStart[i + 1] - RowStart[i], to = rowStart[i];
            Array.Copy(Columns, RowStart[i], columns, to, sparse);
            Array.Copy(Values, RowStart[i], values, to, sparse);
            for (int d = 0; d < dimension; d++)
            {
                columns[to + sparse + d] = ngrams + d;
                values[to + sparse + d] = scale * embeddings[i * dimension + d];
            }
        }
        return new FeatureMatrix(rowStart, columns, values, Buckets, Idf, DefaultIdf, dimension, scale);
    }

    /// <summary>
    /// The texts over the columns of <paramref name="baseModel"/> plus any bucket it lacks, with its
    /// IDF (its default IDF for the new buckets), so that its weights keep their meaning as a start point.
    /// </summary>
    public static FeatureMatrix BuildOver(IReadOnlyList<string> texts, LinearModel baseModel, FeaturizerOptions options, ParallelOptions parallel)
    {
        var (rowBuckets, rowCounts) = CountAll(texts, options, parallel);
        var (buckets, column) = ColumnIndex(rowBuckets, baseModel.RowBuckets, options.Buckets);
        float[] idf = buckets.Select(b => baseModel.RowOf[b] is int r and >= 0 ? baseModel.IdfOf(r) : baseModel.DefaultIdf).ToArray();
        return Assemble(rowBuckets, column, rowCounts, buckets, idf, baseModel.DefaultIdf, options);
    }

    /// <summary>
    /// Gives every bucket that occurs in the rows or in <paramref name="extra"/> a column, in ascending
    /// bucket order; returns the buckets and the column of each bucket, one int per bucket: a direct
    /// table is far faster than sorting and binary-searching every entry.
    /// </summary>
    private static (uint[] Buckets, int[] Column) ColumnIndex(uint[][] rowBuckets, uint[] extra, int bucketCount)
    {
        var column = new int[bucketCount];
        foreach (uint b in extra) column[b] = 1;
        foreach (uint[] row in rowBuckets)
            foreach (uint b in row) column[b] = 1;
        var buckets = new List<uint>();
        for (int b = 0; b < bucketCount; b++)
        {
            if (column[b] == 0) continue;
            column[b] = buckets.Count;
            buckets.Add((uint)b);
        }
        return (buckets.ToArray(), column);
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

    /// <summary>
    /// The rows in one pair of arrays, each row's buckets mapped to columns through <paramref name="column"/>
    /// on the way (an array of columns per row as well held 27 MB more on the emoji set, each fresh page
    /// a page fault).
    /// </summary>
    private static FeatureMatrix Assemble(uint[][] rowBuckets, int[] column, int[][] rowCounts, uint[] buckets, float[] idf, float defaultIdf, in FeaturizerOptions options)
    {
        var rowStart = new int[rowBuckets.Length + 1];
        for (int i = 0; i < rowBuckets.Length; i++) rowStart[i + 1] = rowStart[i] + rowBuckets[i].Length;
        var columns = new int[rowStart[^1]];
        var values = new float[rowStart[^1]];
        var rowEnd = new int[rowBuckets.Length];
        for (int i = 0; i < rowBuckets.Length; i++)
        {
            int start = rowStart[i], kept = start;
            float sumSquares = 0;
            for (int j = 0; j < rowBuckets[i].Length; j++)
            {
                int c = column[rowBuckets[i][j]];
                float v = FeatureValues.Value(options, rowCounts[i][j], c >= 0 ? idf[c] : defaultIdf);
                sumSquares += v * v;
                if (c < 0) continue;
                columns[kept] = c;
                values[kept++] = v;
            }
            float scale = sumSquares > 0 ? 1f / MathF.Sqrt(sumSquares) : 0f;
            for (int j = start; j < kept; j++) values[j] *= scale;
            rowEnd[i] = kept;
        }
        return Compact(rowStart, rowEnd, columns, values, buckets, idf, defaultIdf);
    }

    // Closes the gaps that dropped buckets left at the ends of rows; without them, the arrays as they are.
    private static FeatureMatrix Compact(int[] rowStart, int[] rowEnd, int[] columns, float[] values, uint[] buckets, float[] idf, float defaultIdf)
    {
        int rows = rowEnd.Length;
        if (Enumerable.Range(0, rows).All(i => rowEnd[i] == rowStart[i + 1])) return new FeatureMatrix(rowStart, columns, values, buckets, idf, defaultIdf);
        var start = new int[rows + 1];
        for (int i = 0; i < rows; i++) start[i + 1] = start[i] + rowEnd[i] - rowStart[i];
        var packedColumns = new int[start[^1]];
        var packedValues = new float[start[^1]];
        for (int i = 0; i < rows; i++)
        {
            Array.Copy(columns, rowStart[i], packedColumns, start[i], rowEnd[i] - rowStart[i]);
            Array.Copy(values, rowStart[i], packedValues, start[i], rowEnd[i] - rowStart[i]);
        }
        return new FeatureMatrix(start, packedColumns, packedValues, buckets, idf, defaultIdf);
    }
}
