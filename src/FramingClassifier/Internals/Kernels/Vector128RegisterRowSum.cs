using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FramingClassifier;

/// <summary>
/// <see cref="Vector256RegisterRowSum"/> in 128-bit registers: rows of up to 32 floats, a multiple
/// of 8, with the sums in up to eight registers (ARM64 has 32 of them, x64 16 or more), two per
/// 8 floats of the row.
/// </summary>
internal ref struct Vector128RegisterRowSum : IRowSum<Vector128RegisterRowSum>
{
    /// <summary>The widest row this kernel sums, in floats.</summary>
    public const int MaxWidth = 32;

    private readonly Span<float> _result;
    private readonly int _octets;
    private Vector128<float> _a, _b, _c, _d, _e, _f, _g, _h;

    private Vector128RegisterRowSum(Span<float> result)
    {
        _result = result;
        _octets = result.Length / 8;
    }

    public static Vector128RegisterRowSum Start(Span<float> result) => new(result);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(float value, ref float row)
    {
        var v = Vector128.Create(value);
        _a = Vector128.FusedMultiplyAdd(v, Vector128.LoadUnsafe(ref row), _a);
        _b = Vector128.FusedMultiplyAdd(v, Vector128.LoadUnsafe(ref row, 4), _b);
        if (_octets == 1) return;
        _c = Vector128.FusedMultiplyAdd(v, Vector128.LoadUnsafe(ref row, 8), _c);
        _d = Vector128.FusedMultiplyAdd(v, Vector128.LoadUnsafe(ref row, 12), _d);
        if (_octets == 2) return;
        _e = Vector128.FusedMultiplyAdd(v, Vector128.LoadUnsafe(ref row, 16), _e);
        _f = Vector128.FusedMultiplyAdd(v, Vector128.LoadUnsafe(ref row, 20), _f);
        if (_octets == 3) return;
        _g = Vector128.FusedMultiplyAdd(v, Vector128.LoadUnsafe(ref row, 24), _g);
        _h = Vector128.FusedMultiplyAdd(v, Vector128.LoadUnsafe(ref row, 28), _h);
    }

    // Eight vector fields put this past the JIT's inlining budget; called, the sum's fields would live in memory.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Finish()
    {
        ref float result = ref MemoryMarshal.GetReference(_result);
        _a.StoreUnsafe(ref result);
        _b.StoreUnsafe(ref result, 4);
        if (_octets > 1) { _c.StoreUnsafe(ref result, 8); _d.StoreUnsafe(ref result, 12); }
        if (_octets > 2) { _e.StoreUnsafe(ref result, 16); _f.StoreUnsafe(ref result, 20); }
        if (_octets > 3) { _g.StoreUnsafe(ref result, 24); _h.StoreUnsafe(ref result, 28); }
    }
}
