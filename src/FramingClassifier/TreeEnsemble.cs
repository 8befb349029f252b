namespace FramingClassifier;

/// <summary>
/// One head's gradient-boosted trees, flattened into node arrays so scoring is a tight loop over
/// arrays with no per-prediction allocation. Tree t adds to class t mod <see cref="Classes"/>.
/// <para>
/// Feature layout, the same at training and scoring: [0, S) the tf-idf values (after L2
/// normalization, exactly as the linear scorer computes them) of the S selected linear rows in
/// <see cref="FeatureRows"/>; then the <see cref="TextStatistics"/>; then, for a stacked head, the
/// head's own linear scores. An absent n-gram has the value 0.
/// </para>
/// <para>
/// A node n sends a row left when value[<see cref="SplitFeature"/>[n]] &lt;= <see cref="Threshold"/>[n].
/// A child index &gt;= 0 is a node, and always greater than its parent (so a corrupted file cannot
/// make scoring loop); a negative child c is the leaf ~c.
/// </para>
/// </summary>
internal sealed class TreeEnsemble
{
    private readonly int[] _featureOfRow;

    public TreeEnsemble(HeadScorer kind, int classes, int linearRows, int[] featureRows, float[] baseScores,
        int[] roots, int[] splitFeature, float[] threshold, int[] left, int[] right, float[] leafValues)
    {
        Kind = kind;
        Classes = classes;
        FeatureRows = featureRows;
        BaseScores = baseScores;
        Roots = roots;
        SplitFeature = splitFeature;
        Threshold = threshold;
        Left = left;
        Right = right;
        LeafValues = leafValues;
        Validate(linearRows);
        _featureOfRow = new int[linearRows];
        Array.Fill(_featureOfRow, -1);
        for (int f = 0; f < featureRows.Length; f++) _featureOfRow[featureRows[f]] = f;
    }

    public HeadScorer Kind { get; }

    public int Classes { get; }

    /// <summary>The linear row (compact n-gram column) of each sparse feature, ascending.</summary>
    public int[] FeatureRows { get; }

    public float[] BaseScores { get; }

    public int[] Roots { get; }

    public int[] SplitFeature { get; }

    public float[] Threshold { get; }

    public int[] Left { get; }

    public int[] Right { get; }

    public float[] LeafValues { get; }

    /// <summary>Index of the first text statistic in the feature layout.</summary>
    public int StatisticsStart => FeatureRows.Length;

    /// <summary>Length of the feature vector the trees read.</summary>
    public int FeatureCount => LayoutWidth(FeatureRows.Length, Kind, Classes);

    public static int LayoutWidth(int sparse, HeadScorer kind, int classes) =>
        sparse + TextStatistics.Count + (kind == HeadScorer.Stacked ? classes : 0);

    /// <summary>
    /// Replaces <paramref name="headScores"/> (the head's linear scores on entry) with the ensemble's
    /// scores. <paramref name="values"/> must be all zeros on entry; it is all zeros again on return.
    /// </summary>
    public void Score(in FeaturizerOptions options, LinearModel linear, FeatureCounter counter, ReadOnlySpan<char> normalized,
        ReadOnlySpan<Token> tokens, Span<float> headScores, Span<float> values)
    {
        Gather(options, linear, counter, normalized, tokens, headScores, values);
        BaseScores.CopyTo(headScores);
        for (int t = 0; t < Roots.Length; t++)
            headScores[t % Classes] += Evaluate(t, values);
        values[..FeatureCount].Clear();
    }

    /// <summary>Writes the feature vector the trees read into <paramref name="values"/> (zeros on entry).</summary>
    public void Gather(in FeaturizerOptions options, LinearModel linear, FeatureCounter counter, ReadOnlySpan<char> normalized,
        ReadOnlySpan<Token> tokens, ReadOnlySpan<float> linearScores, Span<float> values)
    {
        float scale = linear.InverseNorm(options, counter);
        ReadOnlySpan<uint> buckets = counter.Buckets;
        ReadOnlySpan<int> counts = counter.Counts;
        for (int i = 0; i < buckets.Length; i++)
        {
            int row = linear.RowOf[buckets[i]];
            if (row < 0) continue;
            int f = _featureOfRow[row];
            if (f >= 0) values[f] = linear.FeatureValue(options, counts[i], row) * scale;
        }
        TextStatistics.Fill(normalized, tokens, values.Slice(StatisticsStart, TextStatistics.Count));
        if (Kind == HeadScorer.Stacked)
            linearScores[..Classes].CopyTo(values[(StatisticsStart + TextStatistics.Count)..]);
    }

    private float Evaluate(int tree, ReadOnlySpan<float> values)
    {
        int node = Roots[tree];
        while (node >= 0)
            node = values[SplitFeature[node]] <= Threshold[node] ? Left[node] : Right[node];
        return LeafValues[~node];
    }

    private void Validate(int linearRows)
    {
        if (Classes < 2 || BaseScores.Length != Classes)
            throw Invalid($"{Classes} classes, {BaseScores.Length} base scores");
        for (int f = 0; f < FeatureRows.Length; f++)
            if (FeatureRows[f] < 0 || FeatureRows[f] >= linearRows || (f > 0 && FeatureRows[f] <= FeatureRows[f - 1]))
                throw Invalid($"feature row {FeatureRows[f]} at {f} is out of range or out of order ({linearRows} linear rows)");
        int nodes = SplitFeature.Length;
        if (Threshold.Length != nodes || Left.Length != nodes || Right.Length != nodes)
            throw Invalid("node arrays differ in length");
        foreach (int root in Roots) CheckChild(root, -1, nodes);
        for (int n = 0; n < nodes; n++)
        {
            if ((uint)SplitFeature[n] >= (uint)FeatureCount || float.IsNaN(Threshold[n]))
                throw Invalid($"node {n} splits on feature {SplitFeature[n]} of {FeatureCount}");
            CheckChild(Left[n], n, nodes);
            CheckChild(Right[n], n, nodes);
        }
    }

    private void CheckChild(int child, int parent, int nodes)
    {
        bool ok = child >= 0 ? child > parent && child < nodes : ~child < LeafValues.Length;
        if (!ok) throw Invalid($"node {parent} has child {child} ({nodes} nodes, {LeafValues.Length} leaves)");
    }

    private static ModelFormatException Invalid(string what) => new($"Invalid tree section: {what}.");
}
