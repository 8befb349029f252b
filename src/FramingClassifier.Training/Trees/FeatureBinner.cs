namespace FramingClassifier.Training;

/// <summary>
/// Quantizes every feature into at most MaxBins bins, as histogram-based boosting does (LightGBM,
/// Ke et al. 2017; FastTree's binning, after Burges' LambdaMART implementation): split finding then
/// scans bins instead of sorted values. Bin b holds the values v with Threshold[b-1] &lt; v &lt;= Threshold[b],
/// so a split "bin &lt;= b" is exactly "value &lt;= Threshold[b]" at prediction time.
/// <para>
/// For a sparse (n-gram) feature bin 0 holds exactly the zeros, that is the rows where the n-gram is
/// absent: histograms never visit those rows and get bin 0 as the leaf total minus the other bins.
/// </para>
/// </summary>
internal sealed class FeatureBinner
{
    /// <summary>Fewest rows a bin may hold when values must share bins (LightGBM's min_data_in_bin default).</summary>
    private const int MinRowsPerBin = 3;

    private FeatureBinner(float[][] thresholds) => Thresholds = thresholds;

    /// <summary>Upper bounds of every bin but the last, per feature.</summary>
    public float[][] Thresholds { get; }

    public int BinCount(int feature) => Thresholds[feature].Length + 1;

    public static FeatureBinner Fit(TreeInputs inputs, int maxBins)
    {
        var thresholds = new float[inputs.FeatureCount][];
        var sparseValues = new List<float>[inputs.SparseFeatures];
        for (int f = 0; f < sparseValues.Length; f++) sparseValues[f] = [];
        for (int j = 0; j < inputs.Features.Length; j++) sparseValues[inputs.Features[j]].Add(inputs.Values[j]);
        for (int f = 0; f < sparseValues.Length; f++)
        {
            float[] cuts = Cuts(sparseValues[f], maxBins - 1);
            // Bin 0 is exactly zero: its bound sits between 0 and the smallest non-zero value.
            thresholds[f] = sparseValues[f].Count == 0 ? [] : [Midpoint(0f, sparseValues[f].Min()), .. cuts];
        }
        for (int d = 0; d < inputs.DenseFeatures; d++)
        {
            var values = new List<float>(inputs.Rows);
            for (int r = 0; r < inputs.Rows; r++) values.Add(inputs.Dense[r * inputs.DenseFeatures + d]);
            thresholds[inputs.SparseFeatures + d] = Cuts(values, maxBins);
        }
        return new FeatureBinner(thresholds);
    }

    /// <summary>The bin of <paramref name="value"/>: the first bin whose upper bound is at least the value.</summary>
    public byte Bin(int feature, float value)
    {
        float[] t = Thresholds[feature];
        int lo = 0, hi = t.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (t[mid] >= value) hi = mid; else lo = mid + 1;
        }
        return (byte)lo;
    }

    /// <summary>
    /// Bounds between the distinct values so each of at most <paramref name="bins"/> bins holds about
    /// the same number of rows, and at least <see cref="MinRowsPerBin"/>: tf-idf values of a rare n-gram
    /// are nearly all distinct, and a bin per row would only make split scans longer.
    /// </summary>
    private static float[] Cuts(List<float> values, int bins)
    {
        if (values.Count == 0) return [];
        values.Sort();
        var distinct = new List<(float Value, int Count)>();
        foreach (float v in values)
        {
            if (distinct.Count > 0 && distinct[^1].Value == v) distinct[^1] = (v, distinct[^1].Count + 1);
            else distinct.Add((v, 1));
        }
        var cuts = new List<float>();
        double perBin = Math.Max((double)values.Count / bins, MinRowsPerBin);
        long seen = 0;
        for (int i = 0; i < distinct.Count - 1 && cuts.Count < bins - 1; i++)
        {
            seen += distinct[i].Count;
            if (seen >= perBin * (cuts.Count + 1))
                cuts.Add(Midpoint(distinct[i].Value, distinct[i + 1].Value));
        }
        return cuts.ToArray();
    }

    /// <summary>A bound b with low &lt;= b &lt; high, as close to the middle as a float allows.</summary>
    private static float Midpoint(float low, float high)
    {
        float m = (float)((low + (double)high) / 2);
        return m >= high ? low : m;
    }
}
