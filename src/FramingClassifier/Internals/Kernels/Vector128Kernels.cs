using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace FramingClassifier;

/// <summary>4 floats or hashes per 128-bit step (SSE and FMA3 on x64, AdvSimd on ARM64), then one at a time for the rest.</summary>
internal readonly struct Vector128Kernels : IKernels
{
    // The multiply-add must run in hardware: emulated (x64 without FMA3), it is slower than the scalar loop.
    public static bool IsAccelerated => Vector128.IsHardwareAccelerated && (Fma.IsSupported || AdvSimd.IsSupported);

    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        var va = Vector128.Create(a);
        int n = x.Length;
        int i = 0;
        for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
        {
            Vector128<float> vy = Vector128.LoadUnsafe(ref yr, (nuint)i);
            Vector128<float> vx = Vector128.LoadUnsafe(ref xr, (nuint)i);
            Vector128.FusedMultiplyAdd(va, vx, vy).StoreUnsafe(ref yr, (nuint)i);
        }
        for (; i < n; i++)
            Unsafe.Add(ref yr, i) = MathF.FusedMultiplyAdd(a, Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i));
    }

    /// <summary>
    /// With a power-of-two bucket count the multiply-shift is a shift, so 4 hashes take the same steps
    /// at once; any other count, and the rest, go one at a time.
    /// </summary>
    public static void Buckets(FeatureKind kind, Span<uint> hashes, uint buckets)
    {
        int i = 0;
        if (BitOperations.IsPow2(buckets))
        {
            ref uint h = ref MemoryMarshal.GetReference(hashes);
            var salt = Vector128.Create(NgramHasher.Salt(kind));
            int shift = 32 - BitOperations.Log2(buckets);
            for (; i <= hashes.Length - Vector128<uint>.Count; i += Vector128<uint>.Count)
                Bucket(Vector128.LoadUnsafe(ref h, (nuint)i) ^ salt, shift).StoreUnsafe(ref h, (nuint)i);
        }
        ScalarKernels.Buckets(kind, hashes[i..], buckets);
    }

    /// <summary><see cref="NgramHasher.Bucket"/> of 4 salted hashes, for 2^(32 − <paramref name="shift"/>) buckets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> Bucket(Vector128<uint> x, int shift)
    {
        x ^= Vector128.ShiftRightLogical(x, 16);
        x *= NgramHasher.Mix1;
        x ^= Vector128.ShiftRightLogical(x, 13);
        x *= NgramHasher.Mix2;
        x ^= Vector128.ShiftRightLogical(x, 16);
        // (x · 2^k) >> 32 is x >> (32 − k); a bucket count of 1 (k = 0) gives 0 either way.
        return shift == 32 ? Vector128<uint>.Zero : Vector128.ShiftRightLogical(x, shift);
    }
}
