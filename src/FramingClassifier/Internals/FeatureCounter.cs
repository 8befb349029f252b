using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace FramingClassifier;

/// <summary>
/// Counts feature occurrences per bucket with an open-addressing table. Entries keep insertion
/// order, so featurizing the same text always lists features in the same order (and sums floats in
/// the same order). Reset is O(1): a stamp marks the slots of the current sentence.
/// </summary>
internal sealed class FeatureCounter
{
    // A slot holds the sentence's stamp in its high half and the bucket in its low half, so a probe
    // reads and compares one number; the slot's entry index sits beside it, and the entry arrays keep
    // insertion order for the consumers. Both tables have a power-of-two length, so the mask keeps
    // every probe in range and the loops read them unchecked.
    private ulong[] _slots = new ulong[1024];
    private int[] _slotEntry = new int[1024];
    private uint[] _buckets = new uint[512];
    private int[] _counts = new int[512];
    private float[] _frequencies = [];
    private uint _stamp = 1;
    private int[]? _prefetch;

    public int Count { get; private set; }

    public ReadOnlySpan<uint> Buckets => _buckets.AsSpan(0, Count);

    public ReadOnlySpan<int> Counts => _counts.AsSpan(0, Count);

    /// <summary>
    /// The term frequency of each counted bucket (<see cref="FeatureValues.Tf"/>), in entry order.
    /// Scoring reads them from here, so its loop over the features calls nothing (see <see cref="Vector256RegisterRowSum"/>).
    /// </summary>
    public ReadOnlySpan<float> Frequencies(in FeaturizerOptions options)
    {
        if (_frequencies.Length < Count) _frequencies = new float[_buckets.Length];
        Span<float> tf = _frequencies.AsSpan(0, Count);
        ReadOnlySpan<int> counts = Counts;
        tf.Fill(1f);
        for (int e = 0; e < counts.Length; e++)
            if (counts[e] != 1) tf[e] = FeatureValues.Tf(options, counts[e]);
        return tf;
    }

    /// <summary>
    /// Starts a new sentence. With <paramref name="prefetch"/> (a table indexed by bucket: the model's
    /// bucket-to-row map when scoring), each new bucket's entry is requested from memory as it is
    /// counted, so the lookups of the scoring loop that follows find it in cache (see <see cref="LinearModel"/>).
    /// </summary>
    public void Reset(int[]? prefetch = null)
    {
        _prefetch = prefetch;
        Count = 0;
        if (++_stamp == uint.MaxValue)
        {
            Array.Clear(_slots);
            _stamp = 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(uint bucket)
    {
        ulong key = Key(bucket);
        int slot = Find(ref MemoryMarshal.GetArrayDataReference(_slots), _slots.Length - 1, key);
        if (_slots[slot] == key) _counts[_slotEntry[slot]]++;
        else Insert(slot, key);
    }

    /// <summary>
    /// <see cref="Add"/> on each bucket in turn, with the tables in locals: the JIT reloads the fields
    /// after each store of the per-bucket path.
    /// </summary>
    public void AddRange(ReadOnlySpan<uint> buckets)
    {
        ref ulong slots = ref MemoryMarshal.GetArrayDataReference(_slots);
        ref int counts = ref MemoryMarshal.GetArrayDataReference(_counts);
        int mask = _slots.Length - 1;
        foreach (uint bucket in buckets)
        {
            ulong key = Key(bucket);
            int slot = Find(ref slots, mask, key);
            if (Unsafe.Add(ref slots, slot) == key)
            {
                Unsafe.Add(ref counts, _slotEntry[slot])++;
                continue;
            }
            if (!Insert(slot, key)) continue;
            slots = ref MemoryMarshal.GetArrayDataReference(_slots);
            counts = ref MemoryMarshal.GetArrayDataReference(_counts);
            mask = _slots.Length - 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Key(uint bucket) => ((ulong)_stamp << 32) | bucket;

    /// <summary>
    /// The slot that holds <paramref name="key"/> (this sentence's stamp and a bucket), or the free
    /// slot where it goes. Buckets come out of a finalizer-mixed hash, so their low bits already
    /// spread well.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Find(ref ulong slots, int mask, ulong key)
    {
        const ulong StampBits = 0xFFFF_FFFF_0000_0000UL;
        int slot = (int)(uint)key & mask;
        while (true)
        {
            ulong held = Unsafe.Add(ref slots, slot);
            if (held == key || (held & StampBits) != (key & StampBits)) return slot;
            slot = (slot + 1) & mask;
        }
    }

    /// <summary>Stores a new bucket in the free <paramref name="slot"/>; true if the tables grew (the caller's locals are stale).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Insert(int slot, ulong key)
    {
        if (Count == _buckets.Length || (Count + 1) * 2 > _slots.Length)
        {
            InsertAndGrow(slot, key);
            return true;
        }
        Store(slot, key);
        return false;
    }

    private void InsertAndGrow(int slot, ulong key)
    {
        if (Count == _buckets.Length)
        {
            Array.Resize(ref _buckets, Count * 2);
            Array.Resize(ref _counts, Count * 2);
        }
        Store(slot, key);
        if (Count * 2 > _slots.Length) Rehash();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe void Store(int slot, ulong key)
    {
        uint bucket = (uint)key;
        if (_prefetch is { } table && Sse.IsSupported) Sse.Prefetch0(Unsafe.AsPointer(ref table[bucket]));
        _slots[slot] = key;
        _slotEntry[slot] = Count;
        _buckets[Count] = bucket;
        _counts[Count] = 1;
        Count++;
    }

    private void Rehash()
    {
        _slots = new ulong[_slots.Length * 2];
        _slotEntry = new int[_slots.Length];
        _stamp = 1;
        int mask = _slots.Length - 1;
        for (int e = 0; e < Count; e++)
        {
            int slot = (int)_buckets[e] & mask;
            while (_slots[slot] != 0) slot = (slot + 1) & mask;
            _slots[slot] = (1UL << 32) | _buckets[e];
            _slotEntry[slot] = e;
        }
    }
}

/// <summary>The sink the scoring and training paths use: counts buckets, ignores origins.</summary>
internal readonly struct CountingSink(FeatureCounter counter) : IFeatureSink
{
    public static bool RecordsOrigins => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(uint bucket) => counter.Add(bucket);

    public void Add(uint bucket, in FeatureOrigin origin) => counter.Add(bucket);

    public void AddRange(ReadOnlySpan<uint> buckets) => counter.AddRange(buckets);
}
