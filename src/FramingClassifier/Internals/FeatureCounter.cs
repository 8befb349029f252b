using System.Runtime.CompilerServices;

namespace FramingClassifier;

/// <summary>
/// Counts feature occurrences per bucket with an open-addressing table. Entries keep insertion
/// order, so featurizing the same text always lists features in the same order (and sums floats in
/// the same order). Reset is O(1): a stamp marks the slots of the current sentence.
/// </summary>
internal sealed class FeatureCounter
{
    private int[] _slotStamp = new int[1024];
    private int[] _slotEntry = new int[1024];
    private uint[] _buckets = new uint[512];
    private int[] _counts = new int[512];
    private int _stamp = 1;

    public int Count { get; private set; }

    public ReadOnlySpan<uint> Buckets => _buckets.AsSpan(0, Count);

    public ReadOnlySpan<int> Counts => _counts.AsSpan(0, Count);

    public void Reset()
    {
        Count = 0;
        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_slotStamp);
            _stamp = 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(uint bucket)
    {
        int mask = _slotStamp.Length - 1;
        int slot = (int)((bucket * 0x9E3779B1u) >> 7) & mask;
        while (_slotStamp[slot] == _stamp)
        {
            int e = _slotEntry[slot];
            if (_buckets[e] == bucket) { _counts[e]++; return; }
            slot = (slot + 1) & mask;
        }
        Insert(slot, bucket);
    }

    private void Insert(int slot, uint bucket)
    {
        if (Count == _buckets.Length)
        {
            Array.Resize(ref _buckets, Count * 2);
            Array.Resize(ref _counts, Count * 2);
        }
        _slotStamp[slot] = _stamp;
        _slotEntry[slot] = Count;
        _buckets[Count] = bucket;
        _counts[Count] = 1;
        Count++;
        if (Count * 2 > _slotStamp.Length) Rehash();
    }

    private void Rehash()
    {
        _slotStamp = new int[_slotStamp.Length * 2];
        _slotEntry = new int[_slotStamp.Length];
        _stamp = 1;
        int mask = _slotStamp.Length - 1;
        for (int e = 0; e < Count; e++)
        {
            int slot = (int)((_buckets[e] * 0x9E3779B1u) >> 7) & mask;
            while (_slotStamp[slot] == _stamp) slot = (slot + 1) & mask;
            _slotStamp[slot] = _stamp;
            _slotEntry[slot] = e;
        }
    }
}

/// <summary>The sink the scoring and training paths use: counts buckets, ignores origins.</summary>
internal readonly struct CountingSink(FeatureCounter counter) : IFeatureSink
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(uint bucket, in FeatureOrigin origin) => counter.Add(bucket);
}
