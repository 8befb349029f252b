using System.Globalization;
using System.Text;
using FramingClassifier.Cli.Batch;
using NUnit.Framework;

namespace FramingClassifier.Tests;

/// <summary>ProbabilityText writes exactly what Math.Round(p, 4).ToString(InvariantCulture) writes.</summary>
public sealed class ProbabilityTextTests
{
    private static string Expected(float p) => Math.Round(p, 4).ToString(CultureInfo.InvariantCulture);

    private static string? Written(float p)
    {
        Span<byte> text = stackalloc byte[ProbabilityText.MaxLength];
        return ProbabilityText.TryFormat(p, text, out int n) ? Encoding.ASCII.GetString(text[..n]) : null;
    }

    [Test]
    public void EveryFourDecimalValueAndTheFloatsAroundItsMidpoints()
    {
        for (int k = 0; k <= 10_000; k++)
        {
            foreach (float p in new[] { k / 1e4f, (k + 0.5f) / 1e4f, (k - 0.5f) / 1e4f })
            {
                foreach (float q in new[] { p, MathF.BitDecrement(p), MathF.BitIncrement(p) })
                {
                    if (!(q >= 0 && q <= 1)) continue;
                    Assert.That(Written(q), Is.EqualTo(Expected(q)), $"p = {q:R}");
                }
            }
        }
    }

    [Test]
    public void SeededRandomProbabilitiesAndTheExtremes()
    {
        var random = new Random(19);
        for (int i = 0; i < 1_000_000; i++)
        {
            float p = random.NextSingle();
            if (i % 3 == 0) p = MathF.Pow(p, 12); // tiny probabilities, as a 20-label softmax gives
            Assert.That(Written(p), Is.EqualTo(Expected(p)), $"p = {p:R}");
        }
        foreach (float p in new[] { 0f, float.Epsilon, 4.9999e-5f, 5e-5f, 0.99995f, 0.99996f, 1f })
            Assert.That(Written(p), Is.EqualTo(Expected(p)), $"p = {p:R}");
    }

    [Test]
    public void OutsideZeroToOneIsLeftToTheGeneralFormatter()
    {
        foreach (float p in new[] { -0.5f, 1.5f, float.NaN, float.PositiveInfinity })
            Assert.That(Written(p), Is.Null);
    }
}
