namespace FramingClassifier.Training;

/// <summary>
/// The raw (unbinned) feature rows one tree head trains on, in the layout <see cref="TreeEnsemble"/>
/// reads at prediction time: sparse selected n-gram values (CSR, features ascending within a row),
/// then dense columns (text statistics, then for a stacked head its out-of-fold linear scores).
/// </summary>
internal sealed class TreeInputs
{
    public TreeInputs(int sparseFeatures, int[] rowStart, int[] features, float[] values, int denseFeatures, float[] dense)
    {
        SparseFeatures = sparseFeatures;
        RowStart = rowStart;
        Features = features;
        Values = values;
        DenseFeatures = denseFeatures;
        Dense = dense;
    }

    public int SparseFeatures { get; }
    public int[] RowStart { get; }
    public int[] Features { get; }
    public float[] Values { get; }
    public int DenseFeatures { get; }

    /// <summary>Row-major dense values, <see cref="DenseFeatures"/> per row.</summary>
    public float[] Dense { get; }

    public int Rows => RowStart.Length - 1;

    public int FeatureCount => SparseFeatures + DenseFeatures;

    /// <summary>
    /// Rows <paramref name="rows"/> of <paramref name="x"/> restricted to <paramref name="selected"/> columns,
    /// with <paramref name="statistics"/> (per row of x) and optional <paramref name="stacked"/> scores (per entry of rows).
    /// </summary>
    public static TreeInputs Build(FeatureMatrix x, int[] rows, int[] selected, float[] statistics, float[]? stacked, int classes)
    {
        var featureOf = new int[x.FeatureCount];
        Array.Fill(featureOf, -1);
        for (int f = 0; f < selected.Length; f++) featureOf[selected[f]] = f;
        var rowStart = new int[rows.Length + 1];
        var features = new List<int>();
        var values = new List<float>();
        var entries = new List<(int Feature, float Value)>();
        for (int r = 0; r < rows.Length; r++)
        {
            entries.Clear();
            for (int j = x.RowStart[rows[r]]; j < x.RowStart[rows[r] + 1]; j++)
                if (featureOf[x.Columns[j]] is var f and >= 0) entries.Add((f, x.Values[j]));
            entries.Sort((a, b) => a.Feature.CompareTo(b.Feature));
            foreach (var (f, v) in entries) { features.Add(f); values.Add(v); }
            rowStart[r + 1] = features.Count;
        }
        int denseCount = TextStatistics.Count + (stacked is null ? 0 : classes);
        var dense = new float[rows.Length * denseCount];
        for (int r = 0; r < rows.Length; r++)
        {
            statistics.AsSpan(rows[r] * TextStatistics.Count, TextStatistics.Count).CopyTo(dense.AsSpan(r * denseCount));
            stacked?.AsSpan(r * classes, classes).CopyTo(dense.AsSpan(r * denseCount + TextStatistics.Count));
        }
        return new TreeInputs(selected.Length, rowStart, features.ToArray(), values.ToArray(), denseCount, dense);
    }

    /// <summary>The <see cref="TextStatistics"/> of every text, row-major.</summary>
    public static float[] Statistics(IReadOnlyList<string> texts, FeaturizerOptions options, ParallelOptions parallel)
    {
        var statistics = new float[texts.Count * TextStatistics.Count];
        Parallel.For(0, texts.Count, parallel, i =>
        {
            ScoringScratch scratch = ScoringScratch.Current;
            ReadOnlySpan<Token> tokens = scratch.Featurize(options, texts[i], out ReadOnlySpan<char> normalized);
            TextStatistics.Fill(normalized, tokens, statistics.AsSpan(i * TextStatistics.Count, TextStatistics.Count));
        });
        return statistics;
    }

    /// <summary>The rows at <paramref name="indices"/>, in that order.</summary>
    public TreeInputs Subset(int[] indices)
    {
        var rowStart = new int[indices.Length + 1];
        for (int i = 0; i < indices.Length; i++) rowStart[i + 1] = rowStart[i] + RowStart[indices[i] + 1] - RowStart[indices[i]];
        var features = new int[rowStart[^1]];
        var values = new float[rowStart[^1]];
        var dense = new float[indices.Length * DenseFeatures];
        for (int i = 0; i < indices.Length; i++)
        {
            int from = RowStart[indices[i]], length = RowStart[indices[i] + 1] - from;
            Array.Copy(Features, from, features, rowStart[i], length);
            Array.Copy(Values, from, values, rowStart[i], length);
            Array.Copy(Dense, indices[i] * DenseFeatures, dense, i * DenseFeatures, DenseFeatures);
        }
        return new TreeInputs(SparseFeatures, rowStart, features, values, DenseFeatures, dense);
    }
}
