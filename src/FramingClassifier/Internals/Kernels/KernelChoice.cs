namespace FramingClassifier;

/// <summary>
/// The kernel set featurizing and scoring use: the widest this machine accelerates, chosen once.
/// Read-only, so no caller or test can change it under another, and the JIT folds the branches on it.
/// </summary>
internal static class KernelChoice
{
    public static readonly KernelSet Best =
        Vector256Kernels.IsAccelerated ? KernelSet.Vector256
        : Vector128Kernels.IsAccelerated ? KernelSet.Vector128
        : KernelSet.Scalar;

    /// <summary>Whether this machine runs <paramref name="set"/> in hardware.</summary>
    public static bool IsAccelerated(KernelSet set) => set switch
    {
        KernelSet.Vector256 => Vector256Kernels.IsAccelerated,
        KernelSet.Vector128 => Vector128Kernels.IsAccelerated,
        _ => ScalarKernels.IsAccelerated,
    };
}
