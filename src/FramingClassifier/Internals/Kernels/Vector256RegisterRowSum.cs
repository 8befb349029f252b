using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FramingClassifier;

/// <summary>
/// Rows of up to 32 floats (31 classes and the IDF), a multiple of 8, with the sums in up to four
/// 256-bit registers. Kept in memory, each feature's multiply-add waited on the store of the previous
/// feature's, a store and a load on the chain; here the chain is the multiply-add alone. The scoring
/// loop must call nothing for the sums to stay in registers (no vector register survives a call on
/// x64 Unix), so the sublinear TF's logarithms are taken before it (<see cref="FeatureCounter.Frequencies"/>).
/// </summary>
internal ref struct Vector256RegisterRowSum : IRowSum<Vector256RegisterRowSum>
{
    /// <summary>The widest row this kernel sums, in floats.</summary>
    public const int MaxWidth = 32;

    private readonly Span<float> _result;
    private readonly int _vectors;
    private Vector256<float> _a, _b, _c, _d;

    private Vector256RegisterRowSum(Span<float> result)
    {
        _result = result;
        _vectors = result.Length / Vector256<float>.Count;
    }

    public static Vector256RegisterRowSum Start(Span<float> result) => new(result);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(float value, ref float row)
    {
        var v = Vector256.Create(value);
        _a = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref row), _a);
        if (_vectors == 1) return;
        _b = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref row, 8), _b);
        if (_vectors == 2) return;
        _c = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref row, 16), _c);
        if (_vectors == 3) return;
        _d = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref row, 24), _d);
    }

    public readonly void Finish()
    {
        ref float result = ref MemoryMarshal.GetReference(_result);
        _a.StoreUnsafe(ref result);
        if (_vectors > 1) _b.StoreUnsafe(ref result, 8);
        if (_vectors > 2) _c.StoreUnsafe(ref result, 16);
        if (_vectors > 3) _d.StoreUnsafe(ref result, 24);
    }
}
