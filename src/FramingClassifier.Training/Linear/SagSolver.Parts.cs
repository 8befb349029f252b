using System.Runtime.CompilerServices;

namespace FramingClassifier.Training;

// Splitting classes across threads: part ranges, running the parts, merging them when they give up.
internal sealed partial class SagSolver
{
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
        LogitExchange exchange = solvers[0]._exchange;
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
    /// One solver of every class in the state the parts reached together: their blocks, remembered
    /// residuals and biases side by side, the scalars and marks they all share. It goes on with the
    /// same arithmetic, so the bits are those of the parts.
    /// </summary>
    private static SagSolver Merge(SagSolver[] parts)
    {
        SagSolver a = parts[0];
        var whole = new SagSolver(a._matrix, a._matrixRows, a._classIndices, a._classes, (0, a._classes), a._rowWeights, a._l2, a._stepSize, a._centerParameters,
            new LogitExchange(1, a._classes), 0) { _sumInRegisters = a._sumInRegisters };
        foreach (SagSolver part in parts)
        {
            for (int f = 0; f < a._matrix.FeatureCount; f++)
            {
                ref float from = ref part.Block(f), to = ref whole.Block(f);
                for (int c = 0; c < part._partClasses; c++)
                {
                    Unsafe.Add(ref to, part._firstClass + c) = Unsafe.Add(ref from, c);
                    Unsafe.Add(ref to, whole._paddedClasses + part._firstClass + c) = Unsafe.Add(ref from, part._paddedClasses + c);
                }
                whole.Mark(ref to, 0) = part.Mark(ref from, 0);
                if (whole._centerWeights is not null) whole.Mark(ref to, 1) = part.Mark(ref from, 1);
            }
            for (int r = 0; r < a._matrixRows.Length; r++)
                part._rememberedResiduals.AsSpan(r * part._partClasses, part._partClasses).CopyTo(whole._rememberedResiduals.AsSpan(r * whole._partClasses + part._firstClass));
            part._bias.CopyTo(whole._bias, part._firstClass);
            part._biasGradient.CopyTo(whole._biasGradient, part._firstClass);
        }
        a._rowVisited.CopyTo(whole._rowVisited, 0);
        (whole._weightScale, whole._runningSum, whole._centerRunningSum, whole._rowsSeen, whole._stepsTaken) = (a._weightScale, a._runningSum, a._centerRunningSum, a._rowsSeen, a._stepsTaken);
        return whole;
    }
}
