using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FramingClassifier;

/// <summary>Rows of any width, the sums in memory: one <typeparamref name="TKernels"/> multiply-add per row.</summary>
internal ref struct MemoryRowSum<TKernels>(Span<float> result) : IRowSum<MemoryRowSum<TKernels>>
    where TKernels : struct, IKernels
{
    private readonly Span<float> _sum = result;

    public static MemoryRowSum<TKernels> Start(Span<float> result)
    {
        result.Clear();
        return new MemoryRowSum<TKernels>(result);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Add(float value, ref float row) => TKernels.Axpy(value, MemoryMarshal.CreateReadOnlySpan(ref row, _sum.Length), _sum);

    public readonly void Finish() { }
}
