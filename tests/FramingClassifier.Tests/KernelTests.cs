using NUnit.Framework;

namespace FramingClassifier.Tests;

/// <summary>
/// Each instruction set's kernels, called directly on random inputs, against the same operation done
/// here one float or hash at a time and against the scalar kernel. A set this machine does not
/// accelerate is reported inconclusive rather than passed.
/// </summary>
[TestFixture(typeof(ScalarKernels))]
[TestFixture(typeof(Vector128Kernels))]
[TestFixture(typeof(Vector256Kernels))]
internal sealed class KernelTests<TKernels> where TKernels : struct, IKernels
{
    [Test]
    public void AxpyIsOneFusedMultiplyAddPerFloat()
    {
        RequireTheInstructionSet();
        var random = new Random(3);
        foreach (int length in KernelReference.Lengths)
        {
            float a = (float)random.NextDouble() - 0.5f;
            float[] x = KernelReference.Floats(random, length), y = KernelReference.Floats(random, length);
            float[] expected = y.Select((yi, i) => MathF.FusedMultiplyAdd(a, x[i], yi)).ToArray();
            TKernels.Axpy(a, x, y);
            Assert.That(KernelReference.Bits(y), Is.EqualTo(KernelReference.Bits(expected)), $"{length} floats");
        }
    }

    [Test]
    public void AxpyAgreesExactlyWithTheScalarKernel()
    {
        RequireTheInstructionSet();
        var random = new Random(3);
        foreach (int width in new[] { 8, 16, 24, 40 })
        {
            float[] x = Enumerable.Range(0, width).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
            float[] y1 = Enumerable.Range(0, width).Select(_ => (float)random.NextDouble()).ToArray();
            float[] y2 = (float[])y1.Clone();
            TKernels.Axpy(0.37f, x, y1);
            ScalarKernels.Axpy(0.37f, x, y2);
            Assert.That(y1, Is.EqualTo(y2));
        }
    }

    [Test]
    public void BucketsAreTheHashersBucketOfEachHash()
    {
        RequireTheInstructionSet();
        var random = new Random(11);
        foreach (FeatureKind kind in Enum.GetValues<FeatureKind>())
            foreach (uint buckets in new uint[] { 1, 2, 1000, 1 << 14, 65537, 1 << 20, 1u << 31 })
                foreach (int length in KernelReference.Lengths)
                {
                    uint[] hashes = KernelReference.Hashes(random, length);
                    uint[] kernel = (uint[])hashes.Clone(), scalar = (uint[])hashes.Clone();
                    TKernels.Buckets(kind, kernel, buckets);
                    ScalarKernels.Buckets(kind, scalar, buckets);
                    Assert.That(kernel, Is.EqualTo(scalar), $"{kind}, {buckets} buckets, {length} hashes");
                    Assert.That(scalar, Is.EqualTo(hashes.Select(h => NgramHasher.Bucket(kind, h, buckets)).ToArray()));
                }
    }

    [Test]
    public void ARowSumInMemoryAddsTheScaledRowsInOrder()
    {
        RequireTheInstructionSet();
        var random = new Random(5);
        foreach (int width in KernelReference.Lengths.Where(w => w > 0))
            foreach (int count in new[] { 0, 1, 2, 13 })
            {
                float[][] rows = Enumerable.Range(0, count).Select(_ => KernelReference.Floats(random, width)).ToArray();
                float[] values = KernelReference.Floats(random, count);
                float[] sum = KernelReference.ScaledRows<MemoryRowSum<TKernels>>(rows, values, width);
                Assert.That(KernelReference.Bits(sum), Is.EqualTo(KernelReference.Bits(KernelReference.ScaledRowsInOrder(rows, values, width))), $"{count} rows of {width}");
            }
    }

    // Called by each test: NUnit 4.4.0 runs a test whose [SetUp] assumption failed (nunit/nunit#5026).
    private static void RequireTheInstructionSet() =>
        Assume.That(TKernels.IsAccelerated, $"this machine does not accelerate {typeof(TKernels).Name}");
}
