namespace FramingClassifier.Tests;

/// <summary>Random inputs for the kernel tests, and what every kernel must give on them, one float at a time.</summary>
internal static class KernelReference
{
    /// <summary>Lengths around every vector width, so the vector loops and the tail loops both run.</summary>
    public static readonly int[] Lengths = [0, 1, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 21, 24, 31, 32, 33, 40, 64, 67];

    public static float[] Floats(Random random, int length) =>
        Enumerable.Range(0, length).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();

    public static uint[] Hashes(Random random, int length) =>
        Enumerable.Range(0, length).Select(_ => (uint)random.NextInt64(0, 1L << 32)).ToArray();

    /// <summary>The floats' bits, so a test tells apart values that compare equal (0 and -0).</summary>
    public static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (int i = 0; i < values.Length; i++) bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        return bits;
    }

    /// <summary>The rows, each times its value, added from zero in order with one fused multiply-add per float.</summary>
    public static float[] ScaledRowsInOrder(float[][] rows, float[] values, int width)
    {
        var sum = new float[width];
        for (int r = 0; r < rows.Length; r++)
            for (int j = 0; j < width; j++)
                sum[j] = MathF.FusedMultiplyAdd(values[r], rows[r][j], sum[j]);
        return sum;
    }

    /// <summary>The same sum through the row-sum kernel <typeparamref name="TSum"/>, into a buffer of garbage.</summary>
    public static float[] ScaledRows<TSum>(float[][] rows, float[] values, int width)
        where TSum : IRowSum<TSum>, allows ref struct
    {
        float[] result = Enumerable.Repeat(float.NaN, width).ToArray();
        TSum sum = TSum.Start(result);
        for (int r = 0; r < rows.Length; r++) sum.Add(values[r], ref rows[r][0]);
        sum.Finish();
        return result;
    }
}
