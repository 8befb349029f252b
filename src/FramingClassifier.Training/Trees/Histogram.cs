namespace FramingClassifier.Training;

/// <summary>The best split of a leaf: rows with bin &lt;= <see cref="Bin"/> of <see cref="Feature"/> go left.</summary>
internal readonly record struct SplitCandidate(int Feature, int Bin, double Gain, double LeftGradient, double LeftHessian, int LeftCount)
{
    public static SplitCandidate None => new(-1, -1, 0, 0, 0, 0);

    public bool Exists => Feature >= 0;
}

/// <summary>
/// Per-bin sums of gradient, hessian and row count of one leaf (histogram-based split finding:
/// LightGBM, Ke et al. 2017; FastTree). Built by walking each row's non-zero entries only; a feature's
/// bin 0 (the zeros) is never stored, it is the leaf total minus the other bins. Only features that
/// occur in the leaf are "touched", cleared and scanned, and only those with at least
/// MinExamplesPerLeaf non-zero rows, so a small leaf costs little however many features there are. A sibling's histogram is the parent's minus this one (the subtraction trick).
/// </summary>
internal sealed class Histogram
{
    private readonly BinnedDataset _data;
    private readonly double[] _gradient;
    private readonly double[] _hessian;
    private readonly int[] _count;
    private readonly double[] _featureGradient;
    private readonly double[] _featureHessian;
    private readonly int[] _featureCount;
    private readonly int[] _stamp;
    private readonly int[] _touched;
    private int _touchedCount;
    private int _generation;

    public Histogram(BinnedDataset data)
    {
        _data = data;
        int bins = data.BinStart[^1];
        _gradient = new double[bins];
        _hessian = new double[bins];
        _count = new int[bins];
        _featureGradient = new double[data.FeatureCount];
        _featureHessian = new double[data.FeatureCount];
        _featureCount = new int[data.FeatureCount];
        _stamp = new int[data.FeatureCount];
        _touched = new int[data.FeatureCount];
    }

    public double TotalGradient { get; private set; }
    public double TotalHessian { get; private set; }
    public int TotalCount { get; private set; }

    /// <summary>Sums the rows <paramref name="rows"/> with their gradients and hessians (indexed by row).</summary>
    public void Build(ReadOnlySpan<int> rows, double[] gradient, double[] hessian)
    {
        _generation++;
        _touchedCount = 0;
        for (int f = _data.SparseFeatures; f < _data.FeatureCount; f++) Touch(f);
        double totalG = 0, totalH = 0;
        int[] binStart = _data.BinStart, rowStart = _data.RowStart, features = _data.Features;
        byte[] bins = _data.Bins, dense = _data.Dense;
        int denseCount = _data.DenseFeatures, sparse = _data.SparseFeatures;
        foreach (int row in rows)
        {
            double g = gradient[row], h = hessian[row];
            totalG += g;
            totalH += h;
            for (int j = rowStart[row]; j < rowStart[row + 1]; j++)
            {
                int f = features[j];
                if (_stamp[f] != _generation) Touch(f);
                Add(f, binStart[f] + bins[j], g, h);
            }
            for (int d = 0; d < denseCount; d++)
            {
                int b = dense[row * denseCount + d];
                if (b != 0) Add(sparse + d, binStart[sparse + d] + b, g, h);
            }
        }
        (TotalGradient, TotalHessian, TotalCount) = (totalG, totalH, rows.Length);
    }

    /// <summary>Turns this (the parent's) histogram into the sibling of <paramref name="child"/>: parent minus child.</summary>
    public void Subtract(Histogram child)
    {
        for (int t = 0; t < child._touchedCount; t++)
        {
            int f = child._touched[t];
            _featureGradient[f] -= child._featureGradient[f];
            _featureHessian[f] -= child._featureHessian[f];
            _featureCount[f] -= child._featureCount[f];
            for (int i = _data.BinStart[f] + 1; i < _data.BinStart[f + 1]; i++)
            {
                _gradient[i] -= child._gradient[i];
                _hessian[i] -= child._hessian[i];
                _count[i] -= child._count[i];
            }
        }
        TotalGradient -= child.TotalGradient;
        TotalHessian -= child.TotalHessian;
        TotalCount -= child.TotalCount;
    }

    /// <summary>
    /// The split with the largest second-order gain G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ) (Friedman 2001's
    /// Newton step for the softmax loss, as LightGBM and FastTree score splits; λ is XGBoost's leaf L2), over touched features that
    /// <paramref name="allowed"/> permits, with at least <paramref name="minCount"/> rows on each side.
    /// Ties go to the lower feature, then the lower bin.
    /// </summary>
    public SplitCandidate BestSplit(bool[]? allowed, int minCount, double minHessian, double l2)
    {
        var best = SplitCandidate.None;
        double parent = Score(TotalGradient, TotalHessian, l2);
        for (int t = 0; t < _touchedCount; t++)
        {
            int f = _touched[t];
            // Bin 0 always goes left, so the right side holds only non-zero-bin rows: too few, no split.
            if ((allowed is not null && !allowed[f]) || _featureCount[f] < minCount) continue;
            SplitCandidate c = BestSplitOf(f, parent, minCount, minHessian, l2);
            if (c.Exists && (c.Gain > best.Gain || (c.Gain == best.Gain && best.Exists && f < best.Feature))) best = c;
        }
        return best;
    }

    private SplitCandidate BestSplitOf(int f, double parent, int minCount, double minHessian, double l2)
    {
        int start = _data.BinStart[f], end = _data.BinStart[f + 1];
        double g = TotalGradient - _featureGradient[f], h = TotalHessian - _featureHessian[f];
        int c = TotalCount - _featureCount[f];
        // A split of identical rows "gains" a rounding error; demand a gain above that noise.
        var best = SplitCandidate.None with { Gain = 1e-10 * Math.Max(parent, TotalHessian) };
        for (int i = start; i < end - 1; i++)
        {
            if (i > start) { g += _gradient[i]; h += _hessian[i]; c += _count[i]; }
            double hr = TotalHessian - h;
            if (c < minCount || TotalCount - c < minCount || h < minHessian || hr < minHessian) continue;
            double gain = Score(g, h, l2) + Score(TotalGradient - g, hr, l2) - parent;
            if (gain > best.Gain) best = new SplitCandidate(f, i - start, gain, g, h, c);
        }
        return best.Exists ? best : SplitCandidate.None;
    }

    private static double Score(double g, double h, double l2) => h + l2 > 0 ? g * g / (h + l2) : 0;

    private void Touch(int f)
    {
        _stamp[f] = _generation;
        _touched[_touchedCount++] = f;
        int start = _data.BinStart[f], end = _data.BinStart[f + 1];
        (_featureGradient[f], _featureHessian[f], _featureCount[f]) = (0, 0, 0);
        Array.Clear(_gradient, start, end - start);
        Array.Clear(_hessian, start, end - start);
        Array.Clear(_count, start, end - start);
    }

    private void Add(int feature, int index, double g, double h)
    {
        _featureGradient[feature] += g;
        _featureHessian[feature] += h;
        _featureCount[feature]++;
        _gradient[index] += g;
        _hessian[index] += h;
        _count[index]++;
    }
}
