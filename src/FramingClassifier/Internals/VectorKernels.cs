using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FramingClassifier;

/// <summary>
/// y += a * x over rows whose width is a multiple of 8 floats (<see cref="LinearModel.Stride"/>). The
/// SIMD kernel does one 256-bit multiply-add per 8 classes; the scalar kernel is the fallback and
/// the reference the tests compare it against.
/// </summary>
internal static class VectorKernels
{
    /// <summary>Which kernel scoring uses; the tests switch it to run both.</summary>
    public static bool UseSimd { get; set; } = Vector256.IsHardwareAccelerated;

    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AxpySimd(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        var va = Vector256.Create(a);
        int n = x.Length;
        int i = 0;
        for (; i <= n - 8; i += 8)
        {
            Vector256<float> vy = Vector256.LoadUnsafe(ref yr, (nuint)i);
            Vector256<float> vx = Vector256.LoadUnsafe(ref xr, (nuint)i);
            Vector256.FusedMultiplyAdd(va, vx, vy).StoreUnsafe(ref yr, (nuint)i);
        }
        for (; i < n; i++)
            Unsafe.Add(ref yr, i) = MathF.FusedMultiplyAdd(a, Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i));
    }

    public static void AxpyScalar(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++)
            y[i] = MathF.FusedMultiplyAdd(a, x[i], y[i]);
    }
}

/// <summary>
/// A sum of weight rows, each scaled by its feature's value, over <see cref="LinearModel.Stride"/>
/// floats: the scoring loop is generic over it, so each kernel gets its own copy of the loop. Every
/// kernel does the same fused multiply-add per float in the same order, so all give the same bits.
/// </summary>
internal interface IRowSum<TSelf> where TSelf : IRowSum<TSelf>, allows ref struct
{
    /// <summary>A sum of nothing yet, whose result goes to <paramref name="result"/> (the stride's floats).</summary>
    static abstract TSelf Start(Span<float> result);

    /// <summary>Adds <paramref name="value"/> times the row that starts at <paramref name="row"/>.</summary>
    void Add(float value, ref float row);

    /// <summary>Writes the sum to the result.</summary>
    void Finish();
}

/// <summary>The reference kernel: one scalar multiply-add per float, the sums in memory.</summary>
internal ref struct ScalarRowSum(Span<float> result) : IRowSum<ScalarRowSum>
{
    private readonly Span<float> _sum = result;

    public static ScalarRowSum Start(Span<float> result)
    {
        result.Clear();
        return new ScalarRowSum(result);
    }

    public readonly void Add(float value, ref float row) => VectorKernels.AxpyScalar(value, MemoryMarshal.CreateReadOnlySpan(ref row, _sum.Length), _sum);

    public readonly void Finish() { }
}

/// <summary>Rows of any width: one 256-bit multiply-add per 8 floats, the sums in memory.</summary>
internal ref struct SimdRowSum(Span<float> result) : IRowSum<SimdRowSum>
{
    private readonly Span<float> _sum = result;

    public static SimdRowSum Start(Span<float> result)
    {
        result.Clear();
        return new SimdRowSum(result);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Add(float value, ref float row) => VectorKernels.AxpySimd(value, MemoryMarshal.CreateReadOnlySpan(ref row, _sum.Length), _sum);

    public readonly void Finish() { }
}

/// <summary>
/// Rows of up to 32 floats (31 classes and the IDF) with the sums in up to four 256-bit registers.
/// Kept in memory, each feature's multiply-add waited on the store of the previous feature's, a
/// store and a load on the chain; here the chain is the multiply-add alone. The scoring loop must
/// call nothing for the sums to stay in registers (no vector register survives a call on x64 Unix),
/// so the sublinear TF's logarithms are taken before it (<see cref="FeatureCounter.Frequencies"/>).
/// </summary>
internal ref struct RegisterRowSum : IRowSum<RegisterRowSum>
{
    /// <summary>The widest row this kernel sums, in floats.</summary>
    public const int MaxWidth = 32;

    private readonly Span<float> _result;
    private readonly int _vectors;
    private Vector256<float> _a, _b, _c, _d;

    private RegisterRowSum(Span<float> result)
    {
        _result = result;
        _vectors = result.Length / Vector256<float>.Count;
    }

    public static RegisterRowSum Start(Span<float> result) => new(result);

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
