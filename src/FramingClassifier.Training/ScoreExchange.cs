namespace FramingClassifier.Training;

/// <summary>
/// Where the parts of a class-split <see cref="SagSolver"/>, one thread each, hand each other the
/// logits of the row they are all visiting: each part writes its classes' logits into the step's slot
/// and publishes the step; the softmax needs every class, so each then waits until every other part
/// has published it.
/// </summary>
/// <remarks>
/// Two slots, alternating by step, are enough: a part writes the slot of step t + 2 only after every
/// part has published step t + 1, and a part publishes t + 1 only after it has read the slot of t.
/// The counters sit 128 bytes apart, so that publishing does not evict another part's counter (or the
/// prefetcher's pair of lines). Waits spin, since a part's wait is well under a microsecond when every
/// part has a core, and yield after a while, for when they do not.
/// </remarks>
internal sealed class ScoreExchange
{
    private const int CounterStride = 16;
    private const int SpinsBeforeYield = 2000;
    private readonly double[][] _slots;
    private readonly long[] _published;
    private volatile bool _failed;

    public ScoreExchange(int parts, int classes)
    {
        Parts = parts;
        _slots = [new double[classes], new double[classes]];
        _published = new long[(parts + 1) * CounterStride];
    }

    /// <summary>The number of parts.</summary>
    public int Parts { get; }

    /// <summary>The logits of step <paramref name="step"/>, one per class.</summary>
    public double[] Slot(long step) => _slots[step & 1];

    /// <summary>Part <paramref name="part"/> has written its logits of <paramref name="step"/>; waits until every other part has too.</summary>
    public void Exchange(int part, long step)
    {
        if (Parts == 1) return;
        Volatile.Write(ref Counter(part), step + 1);
        for (int other = 0; other < Parts; other++)
        {
            int spins = 0;
            while (other != part && Volatile.Read(ref Counter(other)) <= step)
            {
                if (_failed) throw new OperationCanceledException("Another part of the SAG solver failed.");
                if (++spins < SpinsBeforeYield) Thread.SpinWait(1);
                else Thread.Yield();
            }
        }
    }

    /// <summary>Releases the other parts' waits with an exception: part of the solver failed.</summary>
    public void Fail() => _failed = true;

    private ref long Counter(int part) => ref _published[(part + 1) * CounterStride];
}
