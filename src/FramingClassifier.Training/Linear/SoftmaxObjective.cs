namespace FramingClassifier.Training;

/// <summary>
/// The multinomial logistic (maximum entropy) loss of one head and its gradient:
/// f(W, b) = (1/n) Σ_i c_i · (logsumexp(s_i) − s_i,y_i) + λ/2 · ‖W − W₀‖², with s_i = W·x_i + b and
/// W₀ = 0, or a base model's weights when training continues from one (an L2-SP prior: features the
/// new data does not inform keep the base model's weights).
/// Parameters are laid out feature-major, W[f * K + k], then the K biases (not penalized).
/// Deterministic for any number of threads: the loss is summed over fixed blocks of rows in block
/// order, and the gradient of each feature is computed by one thread from a column-major copy.
/// </summary>
internal sealed class SoftmaxObjective
{
    private const int BlockRows = 512;
    private readonly FeatureMatrix _x;
    private readonly int[] _rows;
    private readonly int[] _labels;
    private readonly double[] _weights;
    private readonly double _l2;
    private readonly double[]? _center;
    private readonly ParallelOptions _parallel;
    private readonly double[] _residual;
    private readonly int[] _colStart;
    private readonly int[] _colRows;
    private readonly float[] _colValues;

    public SoftmaxObjective(FeatureMatrix x, int[] rows, int[] labels, int classes, double[] rowWeights, double l2, ParallelOptions parallel,
        double[]? center = null)
    {
        _x = x;
        _rows = rows;
        _labels = labels;
        Classes = classes;
        _weights = rowWeights;
        _l2 = l2;
        _center = center;
        _parallel = parallel;
        _residual = new double[rows.Length * classes];
        (_colStart, _colRows, _colValues) = Transpose(x, rows);
    }

    public int Classes { get; }

    public int Dimension => _x.FeatureCount * Classes + Classes;

    /// <summary>Index where the bias block starts; L1 applies only below it.</summary>
    public int BiasStart => _x.FeatureCount * Classes;

    /// <summary>Returns f(w) and writes ∇f(w) into <paramref name="gradient"/>.</summary>
    public double Evaluate(double[] w, double[] gradient)
    {
        int blocks = (_rows.Length + BlockRows - 1) / BlockRows;
        var blockLoss = new double[blocks];
        Parallel.For(0, blocks, _parallel, b => blockLoss[b] = ForwardBlock(w, b * BlockRows, Math.Min(_rows.Length, (b + 1) * BlockRows)));
        double loss = 0;
        foreach (double l in blockLoss) loss += l;
        loss /= _rows.Length;
        Parallel.For(0, _x.FeatureCount, _parallel, f => FeatureGradient(w, gradient, f));
        BiasGradient(gradient);
        double penalty = 0;
        for (int i = 0; i < BiasStart; i++)
        {
            double d = w[i] - (_center?[i] ?? 0);
            penalty += d * d;
        }
        return loss + 0.5 * _l2 * penalty;
    }

    /// <summary>Scores rows [from, to), stores c_i·(p − onehot) / n as residuals, returns the block's weighted loss.</summary>
    private double ForwardBlock(double[] w, int from, int to)
    {
        int k = Classes;
        Span<double> s = stackalloc double[k];
        double loss = 0;
        for (int r = from; r < to; r++)
        {
            int row = _rows[r];
            for (int c = 0; c < k; c++) s[c] = w[BiasStart + c];
            for (int j = _x.RowStart[row]; j < _x.RowStart[row + 1]; j++)
            {
                double v = _x.Values[j];
                int baseIndex = _x.Columns[j] * k;
                for (int c = 0; c < k; c++) s[c] += v * w[baseIndex + c];
            }
            double max = double.NegativeInfinity;
            for (int c = 0; c < k; c++) max = Math.Max(max, s[c]);
            double sum = 0;
            for (int c = 0; c < k; c++) sum += Math.Exp(s[c] - max);
            double logSum = max + Math.Log(sum);
            loss += _weights[r] * (logSum - s[_labels[r]]);
            double scale = _weights[r] / _rows.Length;
            for (int c = 0; c < k; c++)
                _residual[r * k + c] = scale * (Math.Exp(s[c] - logSum) - (c == _labels[r] ? 1 : 0));
        }
        return loss;
    }

    private void FeatureGradient(double[] w, double[] gradient, int f)
    {
        int k = Classes;
        int baseIndex = f * k;
        for (int c = 0; c < k; c++) gradient[baseIndex + c] = _l2 * (w[baseIndex + c] - (_center?[baseIndex + c] ?? 0));
        for (int j = _colStart[f]; j < _colStart[f + 1]; j++)
        {
            double v = _colValues[j];
            int r = _colRows[j] * k;
            for (int c = 0; c < k; c++) gradient[baseIndex + c] += v * _residual[r + c];
        }
    }

    private void BiasGradient(double[] gradient)
    {
        for (int c = 0; c < Classes; c++)
        {
            double g = 0;
            for (int r = 0; r < _rows.Length; r++) g += _residual[r * Classes + c];
            gradient[BiasStart + c] = g;
        }
    }

    /// <summary>Column-major copy of the selected rows: for each feature, (position in rows, value).</summary>
    private static (int[], int[], float[]) Transpose(FeatureMatrix x, int[] rows)
    {
        var start = new int[x.FeatureCount + 1];
        foreach (int row in rows)
            for (int j = x.RowStart[row]; j < x.RowStart[row + 1]; j++) start[x.Columns[j] + 1]++;
        for (int f = 0; f < x.FeatureCount; f++) start[f + 1] += start[f];
        var fill = start[..^1].ToArray();
        var colRows = new int[start[^1]];
        var colValues = new float[start[^1]];
        for (int r = 0; r < rows.Length; r++)
        {
            int row = rows[r];
            for (int j = x.RowStart[row]; j < x.RowStart[row + 1]; j++)
            {
                int at = fill[x.Columns[j]]++;
                colRows[at] = r;
                colValues[at] = x.Values[j];
            }
        }
        return (start, colRows, colValues);
    }
}
