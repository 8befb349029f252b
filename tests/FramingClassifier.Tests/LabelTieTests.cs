using FramingClassifier.Training;
using NUnit.Framework;

namespace FramingClassifier.Tests;

public sealed class LabelTieTests
{
    [Test]
    public void TheTiedLabelLeadsExactlyWhenTheSourceLabelLeads()
    {
        var random = new Random(7);
        // Source head of 5 labels at 0..4 (its label 2 is the source label), tied head of 3 labels at 5..7 (label 1 tied).
        var tie = new ResolvedTie(Offset: 5, Count: 3, Label: 1, SourceOffset: 0, SourceCount: 5, SourceLabel: 2);
        var p = new float[8];
        for (int trial = 0; trial < 20_000; trial++)
        {
            Fill(random, p.AsSpan(0, 5), sharp: trial % 3 == 0);
            Fill(random, p.AsSpan(5, 3), sharp: trial % 5 == 0);
            tie.Apply(p);
            bool sourceLeads = ArgMax(p.AsSpan(0, 5)) == 2;
            Assert.That(ArgMax(p.AsSpan(5, 3)) == 1, Is.EqualTo(sourceLeads), string.Join(" ", p));
            Assert.That(p.AsSpan(5, 3).ToArray().Sum(), Is.EqualTo(1f).Within(1e-5f));
            Assert.That(p.AsSpan(5, 3).ToArray(), Has.All.GreaterThanOrEqualTo(0f));
        }
    }

    [Test]
    public void TheOtherLabelsKeepTheirOrder()
    {
        var tie = new ResolvedTie(Offset: 3, Count: 3, Label: 0, SourceOffset: 0, SourceCount: 3, SourceLabel: 0);
        float[] p = [0.2f, 0.7f, 0.1f, 0.6f, 0.15f, 0.25f];
        tie.Apply(p);
        Assert.That(p[3], Is.LessThan(p[5]));
        Assert.That(p[5] / p[4], Is.EqualTo(0.25f / 0.15f).Within(1e-4f));
    }

    [Test]
    public void AToyModelObeysItsTie()
    {
        FramingModel model = ModelTrainer.Train(ToyData.TwoHeads(), ToyData.SmallOptions with { Ties = [LabelTie.Parse("voice:attributed=topic:sport")] });
        foreach (string text in ToyData.TwoHeads().Texts)
        {
            Prediction p = model.Predict(text);
            Assert.That(p["voice"].Label == "attributed", Is.EqualTo(p["topic"].Label == "sport"), text);
        }
    }

    [TestCase("voice:none")]
    [TestCase("voice=framing:none")]
    [TestCase("voice:none=framing:")]
    public void ABadTieIsRefusedWithTheExpectedForm(string text) =>
        Assert.That(() => LabelTie.Parse(text), Throws.TypeOf<FormatException>().With.Message.Contains("head:label=source-head:source-label"));

    [TestCase("voice:nobody=topic:sport", "label 'nobody' of head 'voice'")]
    [TestCase("voice:attributed=tropic:sport", "head 'tropic'")]
    [TestCase("voice:attributed=voice:outlet", "itself")]
    public void ATieTheDataCannotHoldFailsBeforeTraining(string text, string message) =>
        Assert.That(() => ModelTrainer.Train(ToyData.TwoHeads(), ToyData.SmallOptions with { Ties = [LabelTie.Parse(text)] }),
            Throws.ArgumentException.With.Message.Contains(message));

    private static void Fill(Random random, Span<float> p, bool sharp)
    {
        float sum = 0;
        for (int k = 0; k < p.Length; k++) sum += p[k] = sharp ? MathF.Pow((float)random.NextDouble(), 6) : (float)random.NextDouble();
        for (int k = 0; k < p.Length; k++) p[k] /= sum;
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++)
            if (values[k] > values[best]) best = k;
        return best;
    }
}
