using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

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
/// weights, gradients and scores are separate lanes of the same arithmetic, and only the softmax of
/// a row needs all of them. So a part of the solver owns a range of classes (whole SIMD vectors) with
/// its own blocks, and the parts, one thread each, visit the same rows in step: each sums its
/// classes' scores, hands their logits over through a <see cref="ScoreExchange"/>, computes the same
/// softmax from all of them, and updates its own blocks. The scalars every part needs (the scale, the
/// running sums, the count of rows seen) follow the same steps in each, so each part keeps its own
/// copy. The model is the same bytes on one thread or several, and the rows, the seed and the options
/// alone decide it. Two threads do not halve the time: parts are padded to whole vectors, the smaller
/// waits for the larger, and both read the same rows. When other work keeps a part off its core, the parts give up together
/// and one solver, merged from them, goes on alone (<see cref="ScoreExchange"/>). A model with
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
internal sealed class SagSolver
{
    private const double RescaleBelow = 1e-9;

    /// <summary>Whether one-vector blocks take <see cref="SumOneVector"/>; the tests turn it off to compare it with <see cref="SumCaughtUp"/>.</summary>
    internal static bool SumInRegisters { get; set; } = true;
    private static readonly int Lanes = Vector<float>.Count;
    private readonly FeatureMatrix _x;
    private readonly int[] _rows;
    private readonly int[] _labels;
    private readonly double[] _rowWeights;
    private readonly int _classes;
    private readonly int _first;
    private readonly int _k;
    private readonly int _padded;
    private readonly int _stride;
    private readonly double _l2;
    private readonly float[]? _center;
    private readonly double _step;
    private readonly float[] _state;
    private readonly double[] _bias;
    private readonly double[] _biasGradient;
    private readonly float[] _residuals;
    private readonly float[] _delta;
    private readonly double[] _residual;
    private readonly double[] _exponentials;
    private readonly bool[] _visited;
    private readonly ScoreExchange _exchange;
    private readonly int _part;
    private double _scale = 1;
    private double _cumulative;
    private double _centerCumulative;
    private readonly double[]? _start;
    private int _seen;
    private long _steps;
    private bool _together = true;

    private SagSolver(FeatureMatrix x, int[] rows, int[] labels, int classes, (int First, int Count) range, double[] rowWeights, double l2, double step,
        double[]? center, ScoreExchange exchange, int part)
    {
        (_x, _rows, _labels, _rowWeights, _classes, _l2, _step, _exchange, _part) = (x, rows, labels, rowWeights, classes, l2, step, exchange, part);
        (_first, _k, _start) = (range.First, range.Count, center);
        _padded = (_k + Lanes - 1) / Lanes * Lanes;
        _stride = 2 * _padded + 2 * (center is null ? 1 : 2);
        _state = new float[checked(x.FeatureCount * _stride)];
        _bias = new double[_k];
        _biasGradient = new double[_k];
        _residuals = new float[checked(rows.Length * _k)];
        _delta = new float[_padded];
        _residual = new double[_k];
        _exponentials = new double[classes];
        _visited = new bool[rows.Length];
        if (center is null) return;
        _center = new float[checked(x.FeatureCount * _padded)];
        for (int f = 0; f < x.FeatureCount; f++)
            for (int c = 0; c < _k; c++) _center[f * _padded + c] = _state[f * _stride + c] = (float)center[f * classes + _first + c];
        center.AsSpan(x.FeatureCount * classes + _first, _k).CopyTo(_bias);
    }

    /// <summary>
    /// Minimizes the objective of <see cref="SoftmaxObjective"/> (same parameter layout: W[f·K + k], then
    /// the K biases) from <paramref name="center"/> (or zero) on up to <paramref name="threads"/> threads
    /// (the same result on any number); returns the weights, in float32 as the model stores them, and
    /// the epochs run.
    /// </summary>
    public static (float[] W, int Epochs) Minimize(FeatureMatrix x, int[] rows, int[] labels, int classes, double[] rowWeights, double l2,
        int maxEpochs, double tolerance, int seed, double[]? center = null, int threads = 1)
    {
        var sampler = new RowSampler(rowWeights, seed);
        double step = 1 / (sampler.Curvature + l2);
        (int First, int Count)[] parts = Parts(classes, threads);
        var exchange = new ScoreExchange(parts.Length, classes);
        SagSolver[] solvers = parts.Select((range, p) => new SagSolver(x, rows, labels, classes, range, rowWeights, l2, step, center, exchange, p)).ToArray();
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
    /// The class ranges of the parts for <paramref name="threads"/> threads: whole SIMD vectors of
    /// classes each, as evenly as they go, and no more parts than vectors.
    /// </summary>
    internal static (int First, int Count)[] Parts(int classes, int threads)
    {
        int vectors = (classes + Lanes - 1) / Lanes, parts = Math.Clamp(threads, 1, vectors);
        return Enumerable.Range(0, parts).Select(p =>
        {
            int first = p * vectors / parts * Lanes, end = Math.Min(classes, (p + 1) * vectors / parts * Lanes);
            return (first, end - first);
        }).ToArray();
    }

    /// <summary>
    /// Runs <paramref name="work"/> for every part, the first on this thread and each other on a thread
    /// of its own (not the pool's: the parts wait on each other, so each must be running); if one
    /// fails, the others' waits end and the first failure is thrown.
    /// </summary>
    private static T[] RunParts<T>(SagSolver[] solvers, Func<SagSolver, T> work)
    {
        ScoreExchange exchange = solvers[0]._exchange;
        var results = new T[solvers.Length];
        var failures = new Exception?[solvers.Length];
        void Run(int p)
        {
            try { results[p] = work(solvers[p]); }
            catch (Exception e) { failures[p] = e; exchange.Fail(); }
        }
        var threads = Enumerable.Range(1, solvers.Length - 1).Select(p => new Thread(() => Run(p)) { IsBackground = true }).ToArray();
        foreach (Thread thread in threads) thread.Start();
        Run(0);
        foreach (Thread thread in threads) thread.Join();
        Exception? failure = failures.FirstOrDefault(e => e is not null and not OperationCanceledException) ?? failures.FirstOrDefault(e => e is not null);
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return results;
    }

    /// <summary>
    /// One epoch from draw <paramref name="from"/> on: visits the drawn rows in order, asking for what
    /// the next ones need ahead. Returns where it stopped: the end, or the draw after the step at which
    /// the parts gave up going on together (<see cref="ScoreExchange"/>).
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
    /// One solver of every class in the state the parts reached together: their blocks, remembered
    /// residuals and biases side by side, the scalars and marks they all share. It goes on with the
    /// same arithmetic, so the bits are those of the parts.
    /// </summary>
    private static SagSolver Merge(SagSolver[] parts)
    {
        SagSolver a = parts[0];
        var whole = new SagSolver(a._x, a._rows, a._labels, a._classes, (0, a._classes), a._rowWeights, a._l2, a._step, a._start,
            new ScoreExchange(1, a._classes), 0);
        foreach (SagSolver part in parts)
        {
            for (int f = 0; f < a._x.FeatureCount; f++)
            {
                ref float from = ref part.Block(f), to = ref whole.Block(f);
                for (int c = 0; c < part._k; c++)
                {
                    Unsafe.Add(ref to, part._first + c) = Unsafe.Add(ref from, c);
                    Unsafe.Add(ref to, whole._padded + part._first + c) = Unsafe.Add(ref from, part._padded + c);
                }
                whole.Mark(ref to, 0) = part.Mark(ref from, 0);
                if (whole._center is not null) whole.Mark(ref to, 1) = part.Mark(ref from, 1);
            }
            for (int r = 0; r < a._rows.Length; r++)
                part._residuals.AsSpan(r * part._k, part._k).CopyTo(whole._residuals.AsSpan(r * whole._k + part._first));
            part._bias.CopyTo(whole._bias, part._first);
            part._biasGradient.CopyTo(whole._biasGradient, part._first);
        }
        a._visited.CopyTo(whole._visited, 0);
        (whole._scale, whole._cumulative, whole._centerCumulative, whole._seen, whole._steps) = (a._scale, a._cumulative, a._centerCumulative, a._seen, a._steps);
        return whole;
    }

    /// <summary>
    /// The block of feature <paramref name="f"/> (u, then G, then the marks), unchecked: every column
    /// of the matrix is below <see cref="FeatureMatrix.FeatureCount"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref float Block(int f) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_state), (nint)(uint)f * _stride);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref double Mark(ref float block, int which) => ref Unsafe.As<float, double>(ref Unsafe.Add(ref block, 2 * _padded + 2 * which));

    /// <summary>One SAG step on entry <paramref name="r"/> of the rows.</summary>
    private void Visit(int r)
    {
        int row = _rows[r];
        int from = _x.RowStart[row], to = _x.RowStart[row + 1];
        int[] columns = _x.Columns;
        float[] values = _x.Values;
        // _delta holds the row's scores, then the change of its residuals.
        ref float delta = ref MemoryMarshal.GetArrayDataReference(_delta);
        if (_padded == Lanes && _center is null && SumInRegisters) SumOneVector(columns, values, from, to).StoreUnsafe(ref delta);
        else SumCaughtUp(columns, values, from, to, ref delta);
        double[] logits = _exchange.Slot(_steps);
        for (int c = 0; c < _k; c++) logits[_first + c] = _scale * _delta[c] + _bias[c];
        _together = _exchange.Exchange(_part, _steps++);
        Span<double> residual = _residual;
        Residual(r, logits.AsSpan(0, _classes), residual);
        Span<float> old = _residuals.AsSpan(r * _k, _k);
        for (int c = 0; c < _k; c++)
        {
            _delta[c] = (float)residual[c] - old[c];
            old[c] = (float)residual[c];
        }
        if (!_visited[r]) { _visited[r] = true; _seen++; }
        for (int j = from; j < to; j++) MultiplyAdd(ref delta, values[j], ref Unsafe.Add(ref Block(columns[j]), _padded));
        for (int c = 0; c < _k; c++)
        {
            _biasGradient[c] += _delta[c];
            _bias[c] -= _step * _biasGradient[c] / _seen;
        }
        Advance();
    }

    /// <summary>
    /// Asks for the feature blocks of the row visited next while this one is worked on: the blocks
    /// are scattered over a state far larger than the caches, and reading them on demand stalled on each.
    /// </summary>
    private unsafe void Prefetch(int r)
    {
        if (!Sse.IsSupported) return;
        int row = _rows[r];
        fixed (float* state = _state)
            for (int j = _x.RowStart[row]; j < _x.RowStart[row + 1]; j++)
            {
                float* block = state + (nint)_x.Columns[j] * _stride;
                PrefetchLines(block, block + _stride);
            }
    }

    /// <summary>
    /// Asks for the columns and values of the row visited after next, so that <see cref="Prefetch"/>
    /// finds them in cache when it reads them for the next row's blocks: each row is drawn at random,
    /// so its entries in the matrix are a cache miss on their own, and every block request waited on
    /// it.
    /// </summary>
    private unsafe void PrefetchRow(int r)
    {
        if (!Sse.IsSupported) return;
        int row = _rows[r];
        int from = _x.RowStart[row], to = _x.RowStart[row + 1];
        fixed (int* columns = _x.Columns)
        fixed (float* values = _x.Values)
        {
            PrefetchLines(columns + from, columns + to);
            PrefetchLines(values + from, values + to);
        }
    }

    /// <summary>Asks for every cache line of the bytes from <paramref name="start"/> up to <paramref name="end"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchLines(void* start, void* end)
    {
        for (nint line = (nint)start & ~(nint)63; line < (nint)end; line += 64) Sse.Prefetch0((void*)line);
    }

    /// <summary>r = c·(softmax(logits) − onehot) for this part's classes, from the row's logits of every class.</summary>
    private void Residual(int r, ReadOnlySpan<double> logits, Span<double> residual)
    {
        double max = double.NegativeInfinity;
        foreach (double logit in logits) max = Math.Max(max, logit);
        double sum = 0;
        for (int c = 0; c < logits.Length; c++) sum += _exponentials[c] = Math.Exp(logits[c] - max);
        double weight = _rowWeights[r];
        int label = _labels[r] - _first;
        for (int c = 0; c < _k; c++) residual[c] = weight * (_exponentials[_first + c] / sum - (c == label ? 1 : 0));
    }

    /// <summary>Moves the global scale and running sums one step; rescales before the scale underflows.</summary>
    private void Advance()
    {
        _scale *= 1 - _step * _l2;
        _cumulative += _step / (_scale * _seen);
        if (_center is not null) _centerCumulative += _step * _l2 / _scale;
        if (_scale < RescaleBelow) Rescale();
    }

    /// <summary>
    /// The first half of <see cref="Visit"/> when a block's weights are one vector (up to 8 classes with
    /// AVX2) and there is no center: catches each feature up and sums its scores in a register. The same
    /// operations in the same order as <see cref="SumCaughtUp"/>, so the same bits; that loop passes
    /// the sums through memory from one feature to the next, a store and a load on the chain of every
    /// multiply-add.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector<float> SumOneVector(int[] columns, float[] values, int from, int to)
    {
        Vector<float> sums = Vector<float>.Zero;
        for (int j = from; j < to; j++)
        {
            ref float block = ref Block(columns[j]);
            (double lag, _) = TakeLags(ref block);
            sums = Vector.FusedMultiplyAdd(CaughtUp(ref block, 0, lag, ref Unsafe.NullRef<float>(), 0), new Vector<float>(values[j]), sums);
        }
        return sums;
    }

    /// <summary>
    /// The first half of <see cref="Visit"/> in general: each feature caught up and its scores summed
    /// one vector at a time, so each caught-up vector is summed while still in a register.
    /// </summary>
    private void SumCaughtUp(int[] columns, float[] values, int from, int to, ref float scores)
    {
        _delta.AsSpan().Clear();
        for (int j = from; j < to; j++)
        {
            int f = columns[j];
            ref float block = ref Block(f);
            (double lag, double centerLag) = TakeLags(ref block);
            var value = new Vector<float>(values[j]);
            for (nuint i = 0; i < (nuint)_padded; i += (nuint)Lanes)
            {
                Vector<float> u = CaughtUp(ref block, i, lag, ref CenterOf(f), centerLag);
                Vector.FusedMultiplyAdd(u, value, Vector.LoadUnsafe(ref scores, i)).StoreUnsafe(ref scores, i);
            }
        }
    }

    /// <summary>Applies to feature <paramref name="f"/>, whose block starts at <paramref name="block"/>, every step taken since it was last read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CatchUp(ref float block, int f)
    {
        (double lag, double centerLag) = TakeLags(ref block);
        for (nuint i = 0; i < (nuint)_padded; i += (nuint)Lanes) CaughtUp(ref block, i, lag, ref CenterOf(f), centerLag);
    }

    /// <summary>
    /// How far the running sums (the step's and the center's) have moved since the block was last
    /// caught up; moves its marks to now, so the caller must then catch every vector of it up.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (double Lag, double CenterLag) TakeLags(ref float block)
    {
        ref double mark = ref Mark(ref block, 0);
        double lag = _cumulative - mark;
        mark = _cumulative;
        if (_center is null) return (lag, 0);
        ref double centerMark = ref Mark(ref block, 1);
        double centerLag = _centerCumulative - centerMark;
        centerMark = _centerCumulative;
        return (lag, centerLag);
    }

    /// <summary>
    /// Vector <paramref name="i"/> of a block's weights caught up by the lags of <see cref="TakeLags"/>:
    /// u += −lag·G, then u += centerLag·center, each a fused multiply-add, stored back if it moved.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector<float> CaughtUp(ref float block, nuint i, double lag, ref float center, double centerLag)
    {
        Vector<float> u = Vector.LoadUnsafe(ref block, i);
        if (lag != 0) u = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref block, (nuint)_padded + i), new Vector<float>((float)-lag), u);
        if (centerLag != 0) u = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref center, i), new Vector<float>((float)centerLag), u);
        if (lag != 0 || centerLag != 0) u.StoreUnsafe(ref block, i);
        return u;
    }

    /// <summary>Feature <paramref name="f"/>'s row of the center, or a null reference without one (its lag is then 0, so it is never read).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref float CenterOf(int f) => ref _center is null ? ref Unsafe.NullRef<float>() : ref _center[f * _padded];

    /// <summary>Catches every feature up and folds the scale into the weights.</summary>
    private void Rescale()
    {
        for (int f = 0; f < _x.FeatureCount; f++)
        {
            ref float u = ref Block(f);
            CatchUp(ref u, f);
            foreach (ref float weight in MemoryMarshal.CreateSpan(ref u, _padded)) weight = (float)(weight * _scale);
            Mark(ref u, 0) = 0;
            if (_center is not null) Mark(ref u, 1) = 0;
        }
        _scale = 1;
        _cumulative = _centerCumulative = 0;
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
        int features = _x.FeatureCount;
        for (int f = 0; f < features; f++)
        {
            ref float u = ref Block(f);
            CatchUp(ref u, f);
            for (int c = 0; c < _k; c++) Track(ref w[f * _classes + _first + c], _scale * Unsafe.Add(ref u, c), ref change, ref largest);
        }
        for (int c = 0; c < _k; c++) Track(ref w[features * _classes + _first + c], _bias[c], ref change, ref largest);
        return (change, largest);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Track(ref float slot, double value, ref double change, ref double largest)
    {
        change = Math.Max(change, Math.Abs(value - slot));
        largest = Math.Max(largest, Math.Abs(value));
        slot = (float)value;
    }

    /// <summary>y += a·x over one block's <see cref="_padded"/> floats, whole vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MultiplyAdd(ref float x, float a, ref float y)
    {
        var scale = new Vector<float>(a);
        for (nuint i = 0; i < (nuint)_padded; i += (nuint)Lanes)
            Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref x, i), scale, Vector.LoadUnsafe(ref y, i)).StoreUnsafe(ref y, i);
    }
}
