using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FramingClassifier.Training;

// The SAG step: sum a row's logits, exchange them, update its residuals, catch features up lazily.
internal sealed partial class SagSolver
{
    /// <summary>One SAG step on entry <paramref name="r"/> of the rows.</summary>
    private void Visit(int r)
    {
        int row = _matrixRows[r];
        int from = _matrix.RowStart[row], to = _matrix.RowStart[row + 1];
        int[] columns = _matrix.Columns;
        float[] values = _matrix.Values;
        // _sumsThenDelta holds the row's weighted sums (its logits before scale and bias), then the change of its residuals.
        ref float delta = ref MemoryMarshal.GetArrayDataReference(_sumsThenDelta);
        if (_paddedClasses == Lanes && _centerWeights is null && _sumInRegisters) SumOneVector(columns, values, from, to).StoreUnsafe(ref delta);
        else SumCaughtUp(columns, values, from, to, ref delta);
        double[] logits = _exchange.Slot(_stepsTaken);
        for (int c = 0; c < _partClasses; c++) logits[_firstClass + c] = _weightScale * _sumsThenDelta[c] + _bias[c];
        _together = _exchange.Exchange(_partIndex, _stepsTaken++);
        Span<double> residual = _residualScratch;
        Residual(r, logits.AsSpan(0, _classes), residual);
        Span<float> old = _rememberedResiduals.AsSpan(r * _partClasses, _partClasses);
        for (int c = 0; c < _partClasses; c++)
        {
            _sumsThenDelta[c] = (float)residual[c] - old[c];
            old[c] = (float)residual[c];
        }
        if (!_rowVisited[r]) { _rowVisited[r] = true; _rowsSeen++; }
        for (int j = from; j < to; j++) MultiplyAdd(ref delta, values[j], ref Unsafe.Add(ref Block(columns[j]), _paddedClasses));
        for (int c = 0; c < _partClasses; c++)
        {
            _biasGradient[c] += _sumsThenDelta[c];
            _bias[c] -= _stepSize * _biasGradient[c] / _rowsSeen;
        }
        Advance();
    }


    /// <summary>r = c·(softmax(logits) − onehot) for this part's classes, from the row's logits of every class.</summary>
    private void Residual(int r, ReadOnlySpan<double> logits, Span<double> residual)
    {
        double max = double.NegativeInfinity;
        foreach (double logit in logits) max = Math.Max(max, logit);
        double sum = 0;
        for (int c = 0; c < logits.Length; c++) sum += _exponentials[c] = Math.Exp(logits[c] - max);
        double weight = _rowWeights[r];
        int label = _classIndices[r] - _firstClass;
        for (int c = 0; c < _partClasses; c++) residual[c] = weight * (_exponentials[_firstClass + c] / sum - (c == label ? 1 : 0));
    }

    /// <summary>Moves the global scale and running sums one step; rescales before the scale underflows.</summary>
    private void Advance()
    {
        _weightScale *= 1 - _stepSize * _l2;
        _runningSum += _stepSize / (_weightScale * _rowsSeen);
        if (_centerWeights is not null) _centerRunningSum += _stepSize * _l2 / _weightScale;
        if (_weightScale < RescaleBelow) Rescale();
    }

    /// <summary>
    /// The first half of <see cref="Visit"/> when a block's weights are one vector (up to 8 classes with
    /// AVX2) and there is no center: catches each feature up and sums its weighted values in a register. The same
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
    /// The first half of <see cref="Visit"/> in general: each feature caught up and its weighted values summed
    /// one vector at a time, so each caught-up vector is summed while still in a register.
    /// </summary>
    private void SumCaughtUp(int[] columns, float[] values, int from, int to, ref float sums)
    {
        _sumsThenDelta.AsSpan().Clear();
        for (int j = from; j < to; j++)
        {
            int f = columns[j];
            ref float block = ref Block(f);
            (double lag, double centerLag) = TakeLags(ref block);
            var value = new Vector<float>(values[j]);
            for (nuint i = 0; i < (nuint)_paddedClasses; i += (nuint)Lanes)
            {
                Vector<float> u = CaughtUp(ref block, i, lag, ref CenterOf(f), centerLag);
                Vector.FusedMultiplyAdd(u, value, Vector.LoadUnsafe(ref sums, i)).StoreUnsafe(ref sums, i);
            }
        }
    }

    /// <summary>Applies to feature <paramref name="f"/>, whose block starts at <paramref name="block"/>, every step taken since it was last read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CatchUp(ref float block, int f)
    {
        (double lag, double centerLag) = TakeLags(ref block);
        for (nuint i = 0; i < (nuint)_paddedClasses; i += (nuint)Lanes) CaughtUp(ref block, i, lag, ref CenterOf(f), centerLag);
    }

    /// <summary>
    /// How far the running sums (the step's and the center's) have moved since the block was last
    /// caught up; moves its marks to now, so the caller must then catch every vector of it up.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (double Lag, double CenterLag) TakeLags(ref float block)
    {
        ref double mark = ref Mark(ref block, 0);
        double lag = _runningSum - mark;
        mark = _runningSum;
        if (_centerWeights is null) return (lag, 0);
        ref double centerMark = ref Mark(ref block, 1);
        double centerLag = _centerRunningSum - centerMark;
        centerMark = _centerRunningSum;
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
        if (lag != 0) u = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref block, (nuint)_paddedClasses + i), new Vector<float>((float)-lag), u);
        if (centerLag != 0) u = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref center, i), new Vector<float>((float)centerLag), u);
        if (lag != 0 || centerLag != 0) u.StoreUnsafe(ref block, i);
        return u;
    }

    /// <summary>Feature <paramref name="f"/>'s row of the center, or a null reference without one (its lag is then 0, so it is never read).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref float CenterOf(int f) => ref _centerWeights is null ? ref Unsafe.NullRef<float>() : ref _centerWeights[f * _paddedClasses];

    /// <summary>Catches every feature up and folds the scale into the weights.</summary>
    private void Rescale()
    {
        for (int f = 0; f < _matrix.FeatureCount; f++)
        {
            ref float u = ref Block(f);
            CatchUp(ref u, f);
            foreach (ref float weight in MemoryMarshal.CreateSpan(ref u, _paddedClasses)) weight = (float)(weight * _weightScale);
            Mark(ref u, 0) = 0;
            if (_centerWeights is not null) Mark(ref u, 1) = 0;
        }
        _weightScale = 1;
        _runningSum = _centerRunningSum = 0;
    }

    /// <summary>y += a·x over one block's <see cref="_paddedClasses"/> floats, whole vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MultiplyAdd(ref float x, float a, ref float y)
    {
        var scale = new Vector<float>(a);
        for (nuint i = 0; i < (nuint)_paddedClasses; i += (nuint)Lanes)
            Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref x, i), scale, Vector.LoadUnsafe(ref y, i)).StoreUnsafe(ref y, i);
    }
}
