using NUnit.Framework;

namespace FramingClassifier.Tests;

/// <summary>
/// The row sums kept in registers, called directly, against the scaled rows added in order one float
/// at a time, at every width they take (a multiple of 8 up to 32 floats).
/// </summary>
internal sealed class RegisterRowSumTests
{
    [Test]
    public void Vector128SumsAddTheScaledRowsInOrder()
    {
        Assume.That(Vector128Kernels.IsAccelerated, "this machine does not accelerate Vector128");
        AddsTheScaledRowsInOrder<Vector128RegisterRowSum>(Vector128RegisterRowSum.MaxWidth);
    }

    [Test]
    public void Vector256SumsAddTheScaledRowsInOrder()
    {
        Assume.That(Vector256Kernels.IsAccelerated, "this machine does not accelerate Vector256");
        AddsTheScaledRowsInOrder<Vector256RegisterRowSum>(Vector256RegisterRowSum.MaxWidth);
    }

    private static void AddsTheScaledRowsInOrder<TSum>(int maxWidth) where TSum : IRowSum<TSum>, allows ref struct
    {
        var random = new Random(7);
        for (int width = 8; width <= maxWidth; width += 8)
            foreach (int count in new[] { 0, 1, 2, 13 })
            {
                float[][] rows = Enumerable.Range(0, count).Select(_ => KernelReference.Floats(random, width)).ToArray();
                float[] values = KernelReference.Floats(random, count);
                float[] sum = KernelReference.ScaledRows<TSum>(rows, values, width);
                Assert.That(KernelReference.Bits(sum), Is.EqualTo(KernelReference.Bits(KernelReference.ScaledRowsInOrder(rows, values, width))), $"{count} rows of {width}");
            }
    }
}
