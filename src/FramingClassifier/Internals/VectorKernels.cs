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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        if (UseSimd) AxpySimd(a, x, y);
        else AxpyScalar(a, x, y);
    }

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

/// <summary>y[0..n) += a * x[0..n) over references; n is a multiple of 8. Implemented by structs so callers specialize per kernel.</summary>
internal interface IAxpy
{
    static abstract void Run(float a, ref float x, ref float y, int n);
}

internal readonly struct SimdAxpy : IAxpy
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run(float a, ref float x, ref float y, int n) =>
        VectorKernels.AxpySimd(a, MemoryMarshal.CreateReadOnlySpan(ref x, n), MemoryMarshal.CreateSpan(ref y, n));
}

internal readonly struct ScalarAxpy : IAxpy
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run(float a, ref float x, ref float y, int n) =>
        VectorKernels.AxpyScalar(a, MemoryMarshal.CreateReadOnlySpan(ref x, n), MemoryMarshal.CreateSpan(ref y, n));
}
