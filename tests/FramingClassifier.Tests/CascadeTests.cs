using FramingClassifier.Training;
using NUnit.Framework;

namespace FramingClassifier.Tests;

public sealed class CascadeTests
{
    private static readonly string[] Labels = ["insurgent", "jihadist", "none", "rebel", "terrorist"];

    [Test]
    public void TheChainGivesUnseenClassesNothingAndNoneTheRest()
    {
        DesignationCascade cascade = DesignationCascade.For(Labels);
        var random = new Random(3);
        var logits = new float[5];
        var p = new float[5];
        for (int trial = 0; trial < 5_000; trial++)
        {
            for (int k = 0; k < 5; k++) logits[k] = (float)(random.NextDouble() * 16 - 8);
            int seen = random.Next(32) & ~1;
            cascade.Probabilities(logits, seen, p);
            Assert.That(p.Sum(), Is.EqualTo(1f).Within(1e-5f));
            float none = 1;
            for (int k = 0; k < 5; k++)
            {
                if (Labels[k] == "none") continue;
                DesignationClass c = cascade.ClassOf(k);
                if ((seen & (1 << (int)c)) == 0) Assert.That(p[k], Is.Zero, $"{Labels[k]} is not in the sentence");
                else none *= 1 - 1 / (1 + MathF.Exp(-logits[k]));
            }
            Assert.That(p[2], Is.EqualTo(none).Within(1e-5f));
        }
    }

    [Test]
    public void AHigherClassTakesItsShareFirst()
    {
        var p = new float[5];
        int seen = (1 << (int)DesignationClass.Terrorist) | (1 << (int)DesignationClass.Insurgent);
        DesignationCascade.For(Labels).Probabilities(new float[5], seen, p);
        Assert.That(p, Is.EqualTo(new[] { 0.25f, 0f, 0.25f, 0f, 0.5f }));
    }

    [Test]
    public void ACascadeHeadNeedsTheCodebooksClasses() =>
        Assert.That(() => ModelTrainer.Train(ToyData.TwoHeads(), ToyData.SmallOptions with { HeadTrainers = new Dictionary<string, HeadScorer> { ["topic"] = HeadScorer.Cascade } }),
            Throws.ArgumentException.With.Message.Contains("Head 'topic'").And.Message.Contains("codebook's classes"));

    [Test]
    public void ACascadeModelTellsTheSensesApartExplainsAndRoundTrips()
    {
        FramingModel model = Cascade();
        Assert.That(model.Head("framing").Scorer, Is.EqualTo(HeadScorer.Cascade));
        Assert.That(model.Predict("The rebels shelled the port at dawn.")["framing"].Label, Is.EqualTo("rebel"));
        Assert.That(model.Predict("Party rebels voted against the budget in the chamber.")["framing"].Label, Is.EqualTo("none"));
        Assert.That(model.Predict("Militants shelled the airport at night.")["framing"].Label, Is.EqualTo("insurgent"));
        Assert.That(model.Predict("The minister opened a new bridge.")["framing"]["none"], Is.EqualTo(1f));

        Explanation why = model.Explain("The rebels shelled the port at dawn.", "framing");
        Assert.That(why.Features.Select(f => f.Feature), Has.Some.Contains("shelled"));
        Assert.That(model.Explain("The minister opened a new bridge.", "framing").Features, Is.Empty);

        byte[] bytes = ModelFile.ToBytes(model);
        Assert.That(ModelFile.FormatVersion(model), Is.EqualTo(5));
        FramingModel loaded = ModelFile.FromBytes(bytes);
        Assert.That(loaded.Head("framing").Scorer, Is.EqualTo(HeadScorer.Cascade));
        Assert.That(ModelFile.ToBytes(loaded), Is.EqualTo(bytes));
        Assert.That(loaded.Predict("Party rebels voted against the budget in the chamber.")["framing"].Probabilities.ToArray(),
            Is.EqualTo(model.Predict("Party rebels voted against the budget in the chamber.")["framing"].Probabilities.ToArray()));
    }

    private static FramingModel Cascade()
    {
        string[] places = ["the port", "a village", "the capital", "the border post", "the airport", "the bridge", "the market", "the depot"];
        var texts = new List<string>();
        var framing = new List<string?>();
        foreach (string place in places)
        {
            texts.Add($"The rebels shelled {place} at dawn."); framing.Add("rebel");
            texts.Add($"Rebels attacked {place} overnight."); framing.Add("rebel");
            texts.Add($"Party rebels voted against the plan for {place}."); framing.Add("none");
            texts.Add($"Backbench rebels voted down the budget for {place}."); framing.Add("none");
            texts.Add($"Militants shelled {place} at night."); framing.Add("insurgent");
            texts.Add($"The council repaired {place} last week."); framing.Add("none");
        }
        var data = LabeledDataset.Create(texts, new() { ["framing"] = framing });
        return ModelTrainer.Train(data, ToyData.SmallOptions with { HeadTrainers = new Dictionary<string, HeadScorer> { ["framing"] = HeadScorer.Cascade }, L2 = 1e-3 });
    }
}
