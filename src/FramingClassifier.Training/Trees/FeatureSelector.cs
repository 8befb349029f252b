namespace FramingClassifier.Training;

/// <summary>
/// Picks the n-gram columns a tree head may split on, by the chi-square statistic of the
/// (present, absent) x label contingency table, among columns with enough document frequency.
/// <para>
/// Sparse input, and why select at all. LightGBM stores a mostly-zero feature as a sparse bin (the
/// non-zero entries only), builds its histogram from those entries and recovers the zero bin as the
/// leaf total minus the rest; it also bundles mutually exclusive sparse features into one (Exclusive
/// Feature Bundling). FastTree bins every feature and stores each binned column as a dense or a
/// delta-encoded sparse array, chosen by sparsity, grouped into feature "flocks". Both still carry
/// every column. Hashed n-grams give hundreds of thousands of columns, almost all rare, and a column
/// seen in a handful of rows can never pass the minimum-examples-per-leaf test; so we first keep the
/// most label-dependent columns, then do what LightGBM does for the rest: histograms walk only
/// non-zero entries and derive bin 0 by subtraction (<see cref="Histogram"/>). No dense rows x
/// columns matrix is ever built.
/// </para>
/// </summary>
internal static class FeatureSelector
{
    /// <summary>The selected columns, ascending. Ties in the statistic go to the lower column, so the choice is deterministic.</summary>
    public static int[] Select(FeatureMatrix x, int[] rows, int[] labels, int classes, int maxFeatures, int minDocumentFrequency)
    {
        int features = x.FeatureCount;
        var present = new int[features * classes];
        var df = new int[features];
        var classCount = new int[classes];
        for (int r = 0; r < rows.Length; r++)
        {
            int y = labels[r];
            classCount[y]++;
            for (int j = x.RowStart[rows[r]]; j < x.RowStart[rows[r] + 1]; j++)
            {
                present[x.Columns[j] * classes + y]++;
                df[x.Columns[j]]++;
            }
        }
        var candidates = Enumerable.Range(0, features).Where(f => df[f] >= minDocumentFrequency && df[f] < rows.Length).ToArray();
        if (maxFeatures == 0 || candidates.Length <= maxFeatures) return candidates;
        var score = candidates.Select(f => ChiSquare(present.AsSpan(f * classes, classes), df[f], classCount, rows.Length)).ToArray();
        var order = Enumerable.Range(0, candidates.Length).ToArray();
        Array.Sort(order, (a, b) => score[a] != score[b] ? score[b].CompareTo(score[a]) : a.CompareTo(b));
        int[] kept = order[..maxFeatures].Select(i => candidates[i]).ToArray();
        Array.Sort(kept);
        return kept;
    }

    private static double ChiSquare(ReadOnlySpan<int> present, int df, int[] classCount, int n)
    {
        double chi = 0;
        for (int k = 0; k < classCount.Length; k++)
        {
            double expectedPresent = (double)df * classCount[k] / n;
            double expectedAbsent = (double)(n - df) * classCount[k] / n;
            if (expectedPresent > 0) chi += Square(present[k] - expectedPresent) / expectedPresent;
            if (expectedAbsent > 0) chi += Square(classCount[k] - present[k] - expectedAbsent) / expectedAbsent;
        }
        return chi;
    }

    private static double Square(double v) => v * v;
}
