using System.Numerics;
using System.Runtime.CompilerServices;

namespace FramingClassifier.Training;

/// <summary>
/// Stochastic average gradient (SAG; Schmidt, Le Roux and Bach 2017, "Minimizing finite sums with the
/// stochastic average gradient") for the loss of <see cref="SoftmaxObjective"/>: the same objective,
/// hence the same optimum, as L-BFGS reaches, in far fewer passes over the data on large sets. Each
/// step visits one row, replaces that row's remembered gradient with its current one and moves along
/// the average of all remembered gradients plus the L2 term.
/// </summary>
/// <remarks>
/// <para>
/// A row's gradient is x_i ⊗ r_i with r_i = c_i·(p_i − onehot(y_i)), so only the K residuals of each
/// row are remembered (n·K numbers), and the summed gradient G changes only in the row's own features.
/// Between two visits of a feature its G is constant, so its weights follow an affine recurrence that
/// is applied lazily, in one step, when the feature is next read ("just-in-time" updates, as in
/// scikit-learn's sag solver). The L2 shrinkage of every weight is a global scale: w = scale·u. Each
/// step adds η/(scale·seen) to a running sum, and catching a feature up subtracts G times the growth
/// of that sum since its last visit. <c>seen</c> counts the rows visited so far, so the first pass
/// averages over the rows it has seen (SAG's usual start).
/// </para>
/// <para>
/// The step size is 1/(L + λ), L the curvature bound of <see cref="RowSampler"/>, which draws the rows
/// with replacement from a seeded generator: uniformly, as in the paper and scikit-learn, when the rows
/// weigh the same (a fresh permutation per epoch made SAG oscillate instead of converge here), and
/// half of them in proportion to their weight otherwise. (scikit-learn bounds the softmax curvature
/// by 1/4, the binary bound; here it converged no faster.) The run stops when no weight moved over an
/// epoch by more than <c>tolerance</c> times the largest weight.
/// </para>
/// <para>
/// Classes split the work between threads without changing a bit of the result: each class's
/// weights, gradients and logits are separate lanes of the same arithmetic, and only the softmax of
/// a row needs all of them. So a part of the solver owns a range of classes (whole SIMD vectors) with
/// its own blocks, and the parts, one thread each, visit the same rows in step: each sums its
/// classes' logits, hands them over through a <see cref="LogitExchange"/>, computes the same
/// softmax from all of them, and updates its own blocks. The scalars every part needs (the scale, the
/// running sums, the count of rows seen) follow the same steps in each, so each part keeps its own
/// copy. The model is the same bytes on one thread or several, and the rows, the seed and the options
/// alone decide it. Two threads do not halve the time: parts are padded to whole vectors, the smaller
/// waits for the larger, and both read the same rows. When other work keeps a part off its core, the parts give up together
/// and one solver, merged from them, goes on alone (<see cref="LogitExchange"/>). A model with
/// several linear heads fits them side by side instead, one thread each, and so does each grid point
/// of a hyper-parameter search.
/// </para>
/// <para>
/// Memory layout: each feature's block holds its weights u and summed gradient G, K floats each padded
/// to whole SIMD vectors, then the running sum at its last catch-up as a double (and a second one for
/// the center), so one visit reads one contiguous block per feature. Weights and gradients are float32,
/// running sums and the result double: one contiguous float block per feature, read with vector kernels
/// and prefetched (see <see cref="Prefetch"/>), was the fastest layout measured.
/// </para>
/// <para>
/// The step keeps its residuals in a field, not on the stack: a method with <c>stackalloc</c> is
/// compiled once without tiering's profile, and that copy left the block helpers below as calls.
/// Blocks stay padded to <see cref="Vector{T}.Count"/>; narrower or cache-line-aligned blocks were slower.
/// </para>
/// </remarks>
internal sealed partial class SagSolver
{
    private const double RescaleBelow = 1e-9;

    private static readonly int Lanes = Vector<float>.Count;
    // The problem: the matrix, the examples' matrix rows, class indices and weights, the penalty and step.
    private readonly FeatureMatrix _matrix;
    private readonly int[] _matrixRows;
    private readonly int[] _classIndices;
    private readonly double[] _rowWeights;
    private readonly double _l2;
    private readonly double _stepSize;
    private readonly double[]? _centerParameters;

    // This part's classes: _partClasses of the head's _classes from _firstClass, padded to whole vectors.
    private readonly int _classes;
    private readonly int _firstClass;
    private readonly int _partClasses;
    private readonly int _paddedClasses;

    // Per feature, one block of _blockFloats floats (SagSolver.Blocks.cs); the center's weights, padded the same way.
    private readonly float[] _blocks;
    private readonly int _blockFloats;
    private readonly float[]? _centerWeights;

    // Per example, the residuals of its last visit and whether it was visited; the biases and their summed gradient.
    private readonly float[] _rememberedResiduals;
    private readonly bool[] _rowVisited;
    private readonly double[] _bias;
    private readonly double[] _biasGradient;

    // Scratch of one step: the row's weighted sums (logits before scale and bias), then the change of its residuals; its residuals; the softmax's exponentials.
    private readonly float[] _sumsThenDelta;
    private readonly double[] _residualScratch;
    private readonly double[] _exponentials;

    // The scalars every part keeps in step: w = _weightScale·u, the running sums of the lazy updates, rows seen, steps taken.
    private double _weightScale = 1;
    private double _runningSum;
    private double _centerRunningSum;
    private int _rowsSeen;
    private long _stepsTaken;

    // Splitting classes across threads (SagSolver.Parts.cs).
    private readonly LogitExchange _exchange;
    private readonly int _partIndex;
    private bool _together = true;

    // Whether one-vector blocks take SumOneVector; the tests turn it off to compare it with SumCaughtUp.
    private bool _sumInRegisters = true;

    private SagSolver(FeatureMatrix x, int[] rows, int[] labels, int classes, (int First, int Count) range, double[] rowWeights, double l2, double step,
        double[]? center, LogitExchange exchange, int part)
    {
        (_matrix, _matrixRows, _classIndices, _rowWeights, _classes, _l2, _stepSize, _exchange, _partIndex) = (x, rows, labels, rowWeights, classes, l2, step, exchange, part);
        (_firstClass, _partClasses, _centerParameters) = (range.First, range.Count, center);
        _paddedClasses = (_partClasses + Lanes - 1) / Lanes * Lanes;
        _blockFloats = 2 * _paddedClasses + 2 * (center is null ? 1 : 2);
        _blocks = new float[checked(x.FeatureCount * _blockFloats)];
        _bias = new double[_partClasses];
        _biasGradient = new double[_partClasses];
        _rememberedResiduals = new float[checked(rows.Length * _partClasses)];
        _sumsThenDelta = new float[_paddedClasses];
        _residualScratch = new double[_partClasses];
        _exponentials = new double[classes];
        _rowVisited = new bool[rows.Length];
        if (center is null) return;
        _centerWeights = new float[checked(x.FeatureCount * _paddedClasses)];
        for (int f = 0; f < x.FeatureCount; f++)
            for (int c = 0; c < _partClasses; c++) _centerWeights[f * _paddedClasses + c] = _blocks[f * _blockFloats + c] = (float)center[f * classes + _firstClass + c];
        center.AsSpan(x.FeatureCount * classes + _firstClass, _partClasses).CopyTo(_bias);
    }

    /// <summary>
    /// Minimizes the objective of <see cref="SoftmaxObjective"/> (same parameter layout: W[f·K + k], then
    /// the K biases) from <paramref name="center"/> (or zero) on up to <paramref name="threads"/> threads
    /// (the same result on any number); returns the weights, in float32 as the model stores them, and
    /// the epochs run.
    /// </summary>
    public static (float[] W, int Epochs) Minimize(FeatureMatrix x, int[] rows, int[] labels, int classes, double[] rowWeights, double l2,
        int maxEpochs, double tolerance, int seed, double[]? center = null, int threads = 1, bool sumInRegisters = true)
    {
        var sampler = new RowSampler(rowWeights, seed);
        // A row's curvature bound grows with its squared norm: 1 for n-grams alone, 1 + α² with embeddings.
        double step = 1 / (sampler.Curvature * ((x.MaxRowNormSquared + 1) / 2) + l2);
        (int First, int Count)[] parts = Parts(classes, threads);
        var exchange = new LogitExchange(parts.Length, classes);
        SagSolver[] solvers = parts.Select((range, p) => new SagSolver(x, rows, labels, classes, range, rowWeights, l2, step, center, exchange, p)
            { _sumInRegisters = sumInRegisters }).ToArray();
        var draws = new int[rows.Length];
        var weights = new float[x.FeatureCount * classes + classes];
        foreach (SagSolver solver in solvers) solver.Update(weights);
        int epoch = 0;
        while (epoch < maxEpochs)
        {
            epoch++;
            sampler.Draw(draws);
            int stopped = RunParts(solvers, solver => solver.Epoch(draws, 0))[0];
            if (stopped < draws.Length)
            {
                solvers = [Merge(solvers)];
                solvers[0].Epoch(draws, stopped);
            }
            var moved = RunParts(solvers, solver => solver.Update(weights));
            double change = moved.Max(m => m.Change), largest = moved.Max(m => m.Largest);
            if (change <= tolerance * Math.Max(largest, 1e-12)) break;
        }
        return (weights, epoch);
    }

    /// <summary>
    /// One epoch from draw <paramref name="from"/> on: visits the drawn rows in order, asking for what
    /// the next ones need ahead. Returns where it stopped: the end, or the draw after the step at which
    /// the parts gave up going on together (<see cref="LogitExchange"/>).
    /// </summary>
    private int Epoch(int[] draws, int from)
    {
        for (int t = from; t < draws.Length; t++)
        {
            if (t + 2 < draws.Length) PrefetchRow(draws[t + 2]);
            if (t + 1 < draws.Length) Prefetch(draws[t + 1]);
            Visit(draws[t]);
            if (!_together) return t + 1;
        }
        return draws.Length;
    }

    /// <summary>
    /// Catches every feature up and overwrites this part's classes of <paramref name="w"/> (W, then the
    /// biases) with the current weights; returns the largest change of any of them and the largest
    /// weight. One pass over one float32 array (the model's precision), since a second full copy to
    /// compare against costs memory and page faults on a large model.
    /// </summary>
    private (double Change, double Largest) Update(float[] w)
    {
        double change = 0, largest = 0;
        int features = _matrix.FeatureCount;
        for (int f = 0; f < features; f++)
        {
            ref float u = ref Block(f);
            CatchUp(ref u, f);
            for (int c = 0; c < _partClasses; c++) Track(ref w[f * _classes + _firstClass + c], _weightScale * Unsafe.Add(ref u, c), ref change, ref largest);
        }
        for (int c = 0; c < _partClasses; c++) Track(ref w[features * _classes + _firstClass + c], _bias[c], ref change, ref largest);
        return (change, largest);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Track(ref float slot, double value, ref double change, ref double largest)
    {
        change = Math.Max(change, Math.Abs(value - slot));
        largest = Math.Max(largest, Math.Abs(value));
        slot = (float)value;
    }
}
