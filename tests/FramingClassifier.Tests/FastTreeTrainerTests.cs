using FramingClassifier.ML;
using FramingClassifier.Training;
using NUnit.Framework;

namespace FramingClassifier.Tests;

/// <summary>ML.NET FastTree trained on our features and converted into the runtime's tree heads.</summary>
public sealed class FastTreeTrainerTests
{
    private static readonly TrainingOptions Options = ToyData.SmallOptions with { Trees = new() { Iterations = 20, MinDocumentFrequency = 1 } };

    // One training for both tests: ML.NET's raw scores of each head's label models, and the converted model.
    private static readonly Lazy<(FramingModel Model, Dictionary<(int Head, int Label), float[]> Raw)> Trained = new(() =>
    {
        var raw = new Dictionary<(int Head, int Label), float[]>();
        return (FastTreeTrainer.Train(ToyData.TwoHeads(), Options, null, (h, k, scores) => raw[(h, k)] = scores), raw);
    });

    [Test]
    public void TheRuntimeReproducesMlNetsScores()
    {
        LabeledDataset data = ToyData.TwoHeads();
        var (model, raw) = Trained.Value;
        Assert.That(model.Heads.Select(h => h.Scorer), Is.All.EqualTo(HeadScorer.Trees));
        for (int h = 0; h < model.Heads.Count; h++)
        {
            ModelHead head = model.Heads[h];
            for (int i = 0; i < data.Count; i++)
            {
                // Every toy row is labelled, so row i of the head is text i.
                var scores = Enumerable.Range(0, head.Labels.Count).Select(k => raw[(h, k)][i]).ToArray();
                var expected = new float[scores.Length];
                FramingModel.Softmax(scores, expected);
                Assert.That(model.Predict(data.Texts[i])[head.Name].Probabilities.ToArray(), Is.EqualTo(expected).Within(1e-4), $"{head.Name}, row {i}");
            }
        }
    }

    [Test]
    public void AFastTreeModelLearnsAndSurvivesTheModelFile()
    {
        LabeledDataset data = ToyData.TwoHeads();
        FramingModel model = Trained.Value.Model;
        int topic = data.Heads.ToList().IndexOf("topic");
        double accuracy = Enumerable.Range(0, data.Count).Average(i => model.Predict(data.Texts[i])["topic"].Label == data.Labels[topic][i] ? 1.0 : 0.0);
        Assert.That(accuracy, Is.GreaterThan(0.95));
        FramingModel reloaded = ModelFile.FromBytes(ModelFile.ToBytes(model));
        Assert.That(reloaded.Metadata["trainer"], Is.EqualTo("fasttree"));
        foreach (string text in data.Texts.Take(20))
            Assert.That(reloaded.Predict(text)["voice"].Probabilities.ToArray(), Is.EqualTo(model.Predict(text)["voice"].Probabilities.ToArray()));
    }
}
