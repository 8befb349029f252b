using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace FramingClassifier.Training;

// Block layout (weights, summed gradient, marks per feature) and prefetching of the next rows' blocks.
internal sealed partial class SagSolver
{
    /// <summary>
    /// The block of feature <paramref name="f"/> (u, then G, then the marks), unchecked: every column
    /// of the matrix is below <see cref="FeatureMatrix.FeatureCount"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref float Block(int f) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_blocks), (nint)(uint)f * _blockFloats);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref double Mark(ref float block, int which) => ref Unsafe.As<float, double>(ref Unsafe.Add(ref block, 2 * _paddedClasses + 2 * which));

    /// <summary>
    /// Asks for the feature blocks of the row visited next while this one is worked on: the blocks
    /// are scattered over a state far larger than the caches, and reading them on demand stalled on each.
    /// </summary>
    private unsafe void Prefetch(int r)
    {
        if (!Sse.IsSupported) return;
        int row = _matrixRows[r];
        fixed (float* state = _blocks)
            for (int j = _matrix.RowStart[row]; j < _matrix.RowStart[row + 1]; j++)
            {
                float* block = state + (nint)_matrix.Columns[j] * _blockFloats;
                PrefetchLines(block, block + _blockFloats);
            }
    }

    /// <summary>
    /// Asks for the columns and values of the row visited after next, so that <see cref="Prefetch"/>
    /// finds them in cache when it reads them for the next row's blocks: each row is drawn at random,
    /// so its entries in the matrix are a cache miss on their own, and every block request waited on
    /// it.
    /// </summary>
    private unsafe void PrefetchRow(int r)
    {
        if (!Sse.IsSupported) return;
        int row = _matrixRows[r];
        int from = _matrix.RowStart[row], to = _matrix.RowStart[row + 1];
        fixed (int* columns = _matrix.Columns)
        fixed (float* values = _matrix.Values)
        {
            PrefetchLines(columns + from, columns + to);
            PrefetchLines(values + from, values + to);
        }
    }

    /// <summary>Asks for every cache line of the bytes from <paramref name="start"/> up to <paramref name="end"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchLines(void* start, void* end)
    {
        for (nint line = (nint)start & ~(nint)63; line < (nint)end; line += 64) Sse.Prefetch0((void*)line);
    }
}
