namespace FramingClassifier;

/// <summary>The instruction sets with kernels of their own (<see cref="IKernels"/>), narrowest first.</summary>
internal enum KernelSet
{
    /// <summary><see cref="ScalarKernels"/>.</summary>
    Scalar,
    /// <summary><see cref="Vector128Kernels"/>.</summary>
    Vector128,
    /// <summary><see cref="Vector256Kernels"/>.</summary>
    Vector256,
}
