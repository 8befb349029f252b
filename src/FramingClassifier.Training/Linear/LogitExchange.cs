using System.Diagnostics;

namespace FramingClassifier.Training;

/// <summary>
/// Where the parts of a class-split <see cref="SagSolver"/>, one thread each, hand each other the
/// logits of the row they are all visiting: each part writes its classes' logits into the step's slot
/// and publishes the step; the softmax needs every class, so each then waits until every other part
/// has published it.
/// </summary>
/// <remarks>
/// <para>
/// Two slots, alternating by step, are enough: a part writes the slot of step t + 2 only after every
/// part has published step t + 1, and a part publishes t + 1 only after it has read the slot of t.
/// The counters sit 128 bytes apart, so that publishing does not evict another part's counter (or the
/// prefetcher's pair of lines). Waits spin, since a whole row takes microseconds, and yield after
/// 2,000 spins.
/// </para>
/// <para>
/// Parts in step need a core each. On a machine whose cores are busy with other work, a part waits
/// for one that is not running, many times slower than one thread. So every <see cref="Window"/> steps the parts also hand
/// over how many of their waits yielded for over a millisecond (a row takes microseconds, even
/// before the runtime has optimized the code, so such a wait means the other part was not running),
/// and if there were <see cref="StallsToGiveUp"/> in the window, every part reads the same counts
/// and they all stop at that step together, for one solver to go on alone (<see cref="SagSolver"/>
/// merges them; the result is the same bits). Only long waits count, since counting every wait that
/// outlasted the spinning gave up on idle machines too.
/// </para>
/// </remarks>
internal sealed class LogitExchange
{
    /// <summary>Steps between two checks of the waits.</summary>
    public const int Window = 512;
    private const int StallsToGiveUp = 8;
    private static readonly TimeSpan Stall = TimeSpan.FromMilliseconds(1);
    private const int CounterStride = 16;
    private const int SpinsBeforeYield = 2000;
    private readonly double[][] _slots;
    private readonly long[] _published;
    private readonly long[] _stalls;
    private readonly int _classes;
    private volatile bool _failed;

    public LogitExchange(int parts, int classes)
    {
        (Parts, _classes) = (parts, classes);
        _slots = [new double[classes + parts], new double[classes + parts]];
        _published = new long[(parts + 1) * CounterStride];
        _stalls = new long[(parts + 1) * CounterStride];
    }

    /// <summary>For tests: the parts stop at the first check from this step on, as if the waits had stalled.</summary>
    internal static long GiveUpFromStep { get; set; } = long.MaxValue;

    /// <summary>The number of parts.</summary>
    public int Parts { get; }

    /// <summary>The logits of step <paramref name="step"/>, one per class, then at a check each part's count of stalled waits.</summary>
    public double[] Slot(long step) => _slots[step & 1];

    /// <summary>
    /// Part <paramref name="part"/> has written its logits of <paramref name="step"/>; waits until every
    /// other part has too. Returns whether the parts go on together after this step (the same answer
    /// in every part).
    /// </summary>
    public bool Exchange(int part, long step)
    {
        if (Parts == 1) return true;
        double[] slot = Slot(step);
        bool check = step % Window == 0;
        ref long stalls = ref _stalls[(part + 1) * CounterStride];
        if (check)
        {
            slot[_classes + part] = stalls;
            stalls = 0;
        }
        Volatile.Write(ref Counter(part), step + 1);
        for (int other = 0; other < Parts; other++)
        {
            int spins = 0;
            long yieldingSince = 0;
            while (other != part && Volatile.Read(ref Counter(other)) <= step)
            {
                if (_failed) throw new OperationCanceledException("Another part of the SAG solver failed.");
                if (++spins < SpinsBeforeYield) Thread.SpinWait(1);
                else
                {
                    if (spins == SpinsBeforeYield) yieldingSince = Stopwatch.GetTimestamp();
                    Thread.Yield();
                }
            }
            if (yieldingSince != 0 && Stopwatch.GetElapsedTime(yieldingSince) > Stall) stalls++;
        }
        if (!check) return true;
        double windowStalls = 0;
        for (int p = 0; p < Parts; p++) windowStalls += slot[_classes + p];
        return windowStalls < StallsToGiveUp && step < GiveUpFromStep;
    }

    /// <summary>For tests: the steps part <paramref name="part"/> has published.</summary>
    internal long Published(int part) => Volatile.Read(ref Counter(part));

    /// <summary>Releases the other parts' waits with an exception: part of the solver failed.</summary>
    public void Fail() => _failed = true;

    private ref long Counter(int part) => ref _published[(part + 1) * CounterStride];
}
