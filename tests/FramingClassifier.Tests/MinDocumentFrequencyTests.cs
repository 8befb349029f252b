using FramingClassifier.Training;
using NUnit.Framework;

namespace FramingClassifier.Tests;

public sealed class MinDocumentFrequencyTests
{
    private static readonly FeaturizerOptions Options = FeaturizerOptions.Default with { Buckets = 1 << 14 };

    // The toy rows, every fifth with a serial number of its own, so some n-grams occur in one or two rows only.
    private static LabeledDataset WithRareWords()
    {
        LabeledDataset toy = ToyData.TwoHeads();
        var texts = toy.Texts.Select((t, i) => i % 5 == 0 ? $"{t} Serial {i * 7919}." : t).ToList();
        return LabeledDataset.Create(texts, new() { ["topic"] = toy.Labels[0].ToList(), ["voice"] = toy.Labels[1].ToList() });
    }

    [Test]
    public void OnlyBucketsInEnoughRowsGetAWeightRow()
    {
        LabeledDataset data = WithRareWords();
        var df = new Dictionary<uint, int>();
        var scratch = new ScoringScratch();
        foreach (string text in data.Texts)
        {
            scratch.Featurize(Options, text, out _);
            foreach (uint b in scratch.Counter.Buckets) df[b] = df.GetValueOrDefault(b) + 1;
        }
        FramingModel model = ModelTrainer.Train(data, ToyData.SmallOptions with { MinDocumentFrequency = 3 });
        Assert.That(model.Linear.RowBuckets, Is.EquivalentTo(df.Where(p => p.Value >= 3).Select(p => p.Key)));
        Assert.That(df.Values.Count(v => v < 3), Is.GreaterThan(0), "the toy data must have rare buckets to drop");
        Assert.That(model.Metadata["min-df"], Is.EqualTo("3"));
    }

    // Training must see each row as scoring will: a dropped bucket still counts in the norm, at the default IDF.
    [Test]
    public void TrainingRowsMatchWhatTheScorerComputes()
    {
        LabeledDataset data = WithRareWords();
        var parallel = new ParallelOptions();
        FeatureMatrix x = FeatureMatrix.Build(data.Texts, Options, parallel, minDocumentFrequency: 3);
        var packed = new float[x.Buckets.Length];
        LinearModel linear = LinearModelBuilder.FromPacked(Options.Buckets, 1, x.Buckets, x.Idf, packed, [0f], x.DefaultIdf);
        var scratch = new ScoringScratch();
        int dropped = 0;
        for (int i = 0; i < data.Count; i++)
        {
            scratch.Featurize(Options, data.Texts[i], out _);
            float scale = linear.InverseNorm(Options, scratch.Counter);
            var expected = new Dictionary<int, float>();
            for (int e = 0; e < scratch.Counter.Count; e++)
                if (linear.RowOf[scratch.Counter.Buckets[e]] is int row and >= 0)
                    expected[row] = linear.FeatureValue(Options, scratch.Counter.Counts[e], row) * scale;
            var actual = Enumerable.Range(x.RowStart[i], x.RowStart[i + 1] - x.RowStart[i]).ToDictionary(j => x.Columns[j], j => x.Values[j]);
            Assert.That(actual.Keys, Is.EquivalentTo(expected.Keys), $"row {i}");
            dropped += scratch.Counter.Count - expected.Count;
            foreach (var (column, value) in expected)
                Assert.That(actual[column], Is.EqualTo(value).Within(1e-6f), $"row {i}, column {column}");
        }
        Assert.That(dropped, Is.GreaterThan(0), "some rows must lose rare buckets");
    }

    [Test]
    public void AMinimumBelowOneOrWithABaseModelIsRefused()
    {
        LabeledDataset data = ToyData.TwoHeads();
        Assert.That(() => ModelTrainer.Train(data, ToyData.SmallOptions with { MinDocumentFrequency = 0 }),
            Throws.ArgumentException.With.Message.Contains("1 or more"));
        Assert.That(() => ModelTrainer.Train(data, ToyData.SmallOptions with { MinDocumentFrequency = 2, BaseModel = ToyData.Model.Value }),
            Throws.ArgumentException.With.Message.Contains("base model"));
    }
}
