using FramingClassifier.Embeddings;
using FramingClassifier.Training;
using NUnit.Framework;

namespace FramingClassifier.Tests;

/// <summary>The accurate tier with the real MiniLM encoder, on a few dozen sentences so the suite stays fast.</summary>
[NonParallelizable]
public sealed class EmbeddingTrainingTests : TempDirectoryFixture
{
    private static LabeledDataset Small() => ToyData.TwoHeads().Subset(Enumerable.Range(0, 180).Where(i => i % 5 == 0).ToArray());

    private static readonly Lazy<FramingModel> Model = new(() => Train(MiniLmEncoder.Shared));

    private static FramingModel Train(ISentenceEncoder encoder) =>
        ModelTrainer.Train(Small(), ToyData.SmallOptions with { Embeddings = encoder, L2 = 1e-3 });

    [Test]
    public void TrainingIsDeterministicWithAFreshOnnxSession()
    {
        using var fresh = new MiniLmEncoder();
        byte[] first = ModelFile.ToBytes(Model.Value);
        byte[] second = ModelFile.ToBytes(Train(fresh));
        Assert.That(second, Is.EqualTo(first));
        Assert.That(Model.Value.Embedding!.Encoder, Is.EqualTo("minilm"));
        Assert.That(Model.Value.Embedding.Dimension, Is.EqualTo(384));
    }

    [Test]
    public void BatchPredictionsComeInInputOrderAndEqualOneByOne()
    {
        FramingModel model = Model.Value;
        string[] texts = ToyData.TwoHeads().Texts.Where((_, i) => i % 5 != 0).Take(50).ToArray();
        Prediction[] batch = model.PredictBatch(texts).ToArray();
        Assert.That(batch.Select(p => p.Text), Is.EqualTo(texts));
        for (int i = 0; i < texts.Length; i++)
        {
            Prediction single = model.Predict(texts[i]);
            for (int h = 0; h < single.Heads.Count; h++)
            {
                Assert.That(batch[i].Heads[h].Label, Is.EqualTo(single.Heads[h].Label), texts[i]);
                Assert.That(batch[i].Heads[h].Probabilities.ToArray(), Is.EqualTo(single.Heads[h].Probabilities.ToArray()).Within(1e-6f), texts[i]);
            }
        }
    }

    [Test]
    public void EmbeddingModelLoadsWhatWasSaved()
    {
        string path = Path.Combine(Dir, "minilm.fcm");
        Model.Value.Save(path);
        FramingModel loaded = EmbeddingModel.Load(path);
        Assert.That(ModelFile.ToBytes(loaded), Is.EqualTo(File.ReadAllBytes(path)));
        string text = ToyData.TwoHeads().Texts[1];
        Assert.That(loaded.Predict(text)["topic"].Probabilities.ToArray(), Is.EqualTo(Model.Value.Predict(text)["topic"].Probabilities.ToArray()));
    }

    [Test]
    public void CommandLineTrainsAndPredictsWithEmbeddings()
    {
        var lines = new List<string> { "text\ttopic" };
        LabeledDataset data = Small();
        for (int i = 0; i < data.Count; i++) lines.Add($"{data.Texts[i]}\t{data.Labels[0][i]}");
        string train = Write("train.tsv", string.Join("\n", lines) + "\n");
        string model = Path.Combine(Dir, "m.fcm");
        var (code, _, err) = CliHarness.Run("train", "--data", train, "--label-columns", "topic", "--out", model, "--buckets", "16384",
            "--l2", "1e-3", "--class-weights", "none", "--embeddings", "minilm", "--embedding-scale", "0.5");
        Assert.That(code, Is.Zero, err);
        Assert.That(FramingModel.Load(model, MiniLmEncoder.Shared).Embedding!.Scale, Is.EqualTo(0.5f));
        string input = Write("in.txt", "the rebels entered the port during the football match\nthe militia shelled a village at dawn\n");
        string output = Path.Combine(Dir, "out.jsonl");
        var predict = CliHarness.Run("predict", "--model", model, "--input", input, "--output", output);
        Assert.That(predict.Code, Is.Zero, predict.Err);
        string[] rows = File.ReadAllLines(output);
        Assert.That(rows, Has.Length.EqualTo(2));
        Assert.That(rows[0], Does.Contain("\"label\":\"sport\""));
        Assert.That(rows[1], Does.Contain("\"label\":\"war\""));
        var unknown = CliHarness.Run("train", "--data", train, "--label-columns", "topic", "--out", model, "--embeddings", "bert");
        Assert.That(unknown.Code, Is.Not.Zero);
        Assert.That(unknown.Err, Does.Contain("Unknown sentence encoder 'bert'"));
    }
}
