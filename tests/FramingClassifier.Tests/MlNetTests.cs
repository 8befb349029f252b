using FramingClassifier.ML;
using FramingClassifier.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using NUnit.Framework;

namespace FramingClassifier.Tests;

/// <summary>FeaturizeFraming and ScoreFraming in ML.NET pipelines: fit, transform, save, load, prediction engine.</summary>
[NonParallelizable] // one test counts model decodes, a process-wide figure
public sealed class MlNetTests
{
    private static readonly string[] Sentences =
    [
        "Residents cheered as opposition fighters rolled into the main square.",
        "The ministry called them “bandits”.",
        "Terrorists bombed a crowded market, killing dozens.",
        "Insurgents ambushed an army convoy near the border, officials said.",
    ];

    public sealed class TextRow
    {
        public string Text { get; set; } = "";
    }

    public sealed class LabeledRow
    {
        public string Text { get; set; } = "";
        public string Label { get; set; } = "";
    }

    public sealed class ToyPrediction
    {
        [ColumnName("PredictedLabel")]
        public string Predicted { get; set; } = "";
    }

    public sealed class StanceOutput
    {
        [ColumnName("stance.PredictedLabel")]
        public string Stance { get; set; } = "";

        [ColumnName("stance.Score")]
        public float[] StanceScore { get; set; } = [];
    }

    private static IDataView TextData(MLContext ml, IEnumerable<string> texts) => ml.Data.LoadFromEnumerable(texts.Select(t => new TextRow { Text = t }));

    private static List<LabeledRow> ToyRows()
    {
        LabeledDataset data = ToyData.TwoHeads();
        int topic = data.Heads.ToList().IndexOf("topic");
        return data.Texts.Select((t, i) => new LabeledRow { Text = t, Label = data.Labels[topic][i]! }).ToList();
    }

    // GetColumn hands out vectors that share buffers with the cursor's next row.
    private static VBuffer<float> Copy(VBuffer<float> v)
    {
        VBuffer<float> copy = default;
        v.CopyTo(ref copy);
        return copy;
    }

    private static string TempZip() => Path.Combine(Path.GetTempPath(), $"mlnet-{Guid.NewGuid():N}.zip");

    [Test]
    public void FeaturizeFramingGivesTheVectorTheModelScores()
    {
        // Through its own features, the default model's linear weights must reproduce its probabilities.
        var ml = new MLContext(seed: 1);
        FramingModel model = FramingModel.Default;
        ITransformer featurizer = ml.Transforms.Text.FeaturizeFraming("Features", "Text", model).Fit(TextData(ml, Sentences));
        var vectors = featurizer.Transform(TextData(ml, Sentences)).GetColumn<VBuffer<float>>("Features").Select(Copy).ToArray();
        Assert.That(featurizer.GetOutputSchema(TextData(ml, Sentences).Schema)["Features"].Type is VectorDataViewType vt ? vt.Size : -1, Is.EqualTo(1 << 20));
        for (int i = 0; i < Sentences.Length; i++)
        {
            VBuffer<float> v = vectors[i];
            Assert.That(v.GetIndices().ToArray(), Is.Ordered.And.Unique);
            Assert.That(v.GetValues().ToArray().Sum(x => x * x), Is.EqualTo(1f).Within(1e-4));
            var scores = new float[model.LabelCount];
            for (int k = 0; k < scores.Length; k++) scores[k] = model.Linear.Bias[k];
            for (int e = 0; e < v.GetValues().Length; e++)
            {
                int row = model.Linear.RowOf[v.GetIndices()[e]];
                if (row < 0) continue;
                for (int k = 0; k < scores.Length; k++) scores[k] += v.GetValues()[e] * model.Linear.Row(row)[k];
            }
            Prediction expected = model.Predict(Sentences[i]);
            var probabilities = new float[model.LabelCount];
            model.Link(scores, model.ClassesSeen(Sentences[i]), probabilities);
            foreach (ModelHead head in model.Heads)
                Assert.That(probabilities.AsSpan(head.Offset, head.Labels.Count).ToArray(), Is.EqualTo(expected[head.Name].Probabilities.ToArray()).Within(1e-4),
                    $"{Sentences[i]} / {head.Name}");
        }
    }

    [Test]
    public void FeaturizeFramingLearnsIdfAndFeedsAnMlNetTrainer()
    {
        var ml = new MLContext(seed: 1);
        List<LabeledRow> rows = ToyRows();
        IDataView data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Text.FeaturizeFraming("Features", "Text", FeaturizerOptions.Default with { Buckets = 1 << 14 })
            .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        ITransformer model = pipeline.Fit(data);
        IDataView scored = model.Transform(data);
        Assert.That(scored.Schema["Features"].Type is VectorDataViewType vt ? vt.Size : -1, Is.EqualTo(1 << 14));
        string[] predicted = scored.GetColumn<string>("PredictedLabel").ToArray();
        double accuracy = predicted.Zip(rows).Average(p => p.First == p.Second.Label ? 1.0 : 0.0);
        Assert.That(accuracy, Is.GreaterThan(0.95));

        string path = TempZip();
        try
        {
            ml.Model.Save(model, data.Schema, path);
            var fresh = new MLContext(seed: 2);
            ITransformer loaded = fresh.Model.Load(path, out _);
            Assert.That(loaded.Transform(fresh.Data.LoadFromEnumerable(rows)).GetColumn<string>("PredictedLabel").ToArray(), Is.EqualTo(predicted));
            var engine = fresh.Model.CreatePredictionEngine<LabeledRow, ToyPrediction>(loaded);
            for (int i = 0; i < 20; i++)
                Assert.That(engine.Predict(rows[i]).Predicted, Is.EqualTo(predicted[i]));
        }
        finally { File.Delete(path); }
    }

    [Test]
    public void FeaturizeFramingIdfMatchesTheTrainersIdf()
    {
        // A model trained by ModelTrainer on the same texts and options stores the IDF FeaturizeFraming learns.
        var ml = new MLContext(seed: 1);
        List<LabeledRow> rows = ToyRows();
        IDataView data = ml.Data.LoadFromEnumerable(rows);
        FramingModel trained = ToyData.Model.Value;
        VBuffer<float>[] ours = ml.Transforms.Text.FeaturizeFraming("Features", "Text", trained.Options).Fit(data)
            .Transform(data).GetColumn<VBuffer<float>>("Features").Take(10).Select(Copy).ToArray();
        VBuffer<float>[] viaModel = ml.Transforms.Text.FeaturizeFraming("Features", "Text", trained).Fit(data)
            .Transform(data).GetColumn<VBuffer<float>>("Features").Take(10).Select(Copy).ToArray();
        for (int i = 0; i < ours.Length; i++)
        {
            Assert.That(ours[i].GetIndices().ToArray(), Is.EqualTo(viaModel[i].GetIndices().ToArray()));
            Assert.That(ours[i].GetValues().ToArray(), Is.EqualTo(viaModel[i].GetValues().ToArray()).Within(1e-6));
        }
    }

    [Test]
    public void ScoreFramingWritesEveryHeadAndSurvivesSaveAndLoad()
    {
        var ml = new MLContext(seed: 1);
        FramingModel model = FramingModel.Default;
        IDataView data = TextData(ml, Sentences);
        ITransformer scorer = ml.Transforms.ScoreFraming(model).Fit(data);
        IDataView scored = scorer.Transform(data);
        foreach (ModelHead head in model.Heads)
        {
            string[] labels = scored.GetColumn<string>(head.Name + ".PredictedLabel").ToArray();
            float[][] scores = scored.GetColumn<float[]>(head.Name + ".Score").ToArray();
            for (int i = 0; i < Sentences.Length; i++)
            {
                HeadPrediction expected = model.Predict(Sentences[i])[head.Name];
                Assert.That(labels[i], Is.EqualTo(expected.Label));
                Assert.That(scores[i], Is.EqualTo(expected.Probabilities.ToArray()));
            }
        }
        Assert.That(scored.Schema.Select(c => c.Name), Is.EquivalentTo(new[] { "Text" }.Concat(model.Heads.SelectMany(h => new[] { h.Name + ".PredictedLabel", h.Name + ".Score" }))));

        string path = TempZip();
        try
        {
            ml.Model.Save(scorer, data.Schema, path);
            var fresh = new MLContext(seed: 2);
            ITransformer loaded = fresh.Model.Load(path, out DataViewSchema inputSchema);
            Assert.That(inputSchema["Text"].Type, Is.EqualTo(TextDataViewType.Instance));
            var engine = fresh.Model.CreatePredictionEngine<TextRow, StanceOutput>(loaded);
            foreach (string s in Sentences)
            {
                StanceOutput p = engine.Predict(new TextRow { Text = s });
                Assert.That(p.Stance, Is.EqualTo(model.Predict(s)["stance"].Label));
                Assert.That(p.StanceScore, Is.EqualTo(model.Predict(s)["stance"].Probabilities.ToArray()));
            }
        }
        finally { File.Delete(path); }
    }

    [Test]
    public void ScoreFramingCarriesATrainedModelInsideTheMlNetFile()
    {
        var ml = new MLContext(seed: 1);
        FramingModel model = ToyData.Model.Value;
        List<LabeledRow> rows = ToyRows();
        IDataView data = ml.Data.LoadFromEnumerable(rows);
        ITransformer scorer = ml.Transforms.ScoreFraming(model).Fit(data);
        string path = TempZip();
        try
        {
            ml.Model.Save(scorer, data.Schema, path);
            var fresh = new MLContext(seed: 2);
            ITransformer loaded = fresh.Model.Load(path, out _);
            int decodes = PipelineState.Decodes;
            string[] topics = loaded.Transform(fresh.Data.LoadFromEnumerable(rows)).GetColumn<string>("topic.PredictedLabel").ToArray();
            // The loaded value mapping hands every row the same string: one decode, not one per row
            // (no other fixture decodes a model string; this fixture's tests run one at a time).
            Assert.That(PipelineState.Decodes - decodes, Is.EqualTo(1));
            Assert.That(topics, Is.EqualTo(rows.Select(r => model.Predict(r.Text)["topic"].Label).ToArray()));
            Assert.That(topics.Distinct(), Is.EquivalentTo(new[] { "sport", "war" }));
        }
        finally { File.Delete(path); }
    }

    [Test]
    public void ScoreFramingScoresAnEmbeddingModelAndItsSavedPipeline()
    {
        var ml = new MLContext(seed: 1);
        FramingModel model = ModelTrainer.Train(ToyData.TwoHeads(), ToyData.SmallOptions with { Embeddings = new WordHashEncoder("ml-words") });
        List<LabeledRow> rows = ToyRows();
        IDataView data = ml.Data.LoadFromEnumerable(rows);
        ITransformer scorer = ml.Transforms.ScoreFraming(model).Fit(data);
        float[][] Scores(ITransformer t, MLContext context) =>
            t.Transform(context.Data.LoadFromEnumerable(rows)).GetColumn<VBuffer<float>>("topic.Score").Select(v => v.DenseValues().ToArray()).ToArray();
        float[][] expected = rows.Select(r => model.Predict(r.Text)["topic"].Probabilities.ToArray()).ToArray();
        Assert.That(Scores(scorer, ml), Is.EqualTo(expected));
        string path = TempZip();
        try
        {
            ml.Model.Save(scorer, data.Schema, path);
            var fresh = new MLContext(seed: 2);
            Assert.That(Scores(fresh.Model.Load(path, out _), fresh), Is.EqualTo(expected));
        }
        finally { File.Delete(path); }
    }

    [Test]
    public void AnEmbeddingModelWhoseEncoderIsNotRegisteredNamesTheCall()
    {
        FramingModel model = ModelTrainer.Train(ToyData.TwoHeads(), ToyData.SmallOptions with { Embeddings = new WordHashEncoder("never-registered") });
        string state = Convert.ToBase64String(ModelFile.ToBytes(model));
        Assert.That(() => PipelineState.Decode(state.AsMemory()),
            Throws.InvalidOperationException.With.Message.Contains("never-registered").And.Message.Contains("RegisterSentenceEncoder"));
        FramingCatalog.RegisterSentenceEncoder(new WordHashEncoder("never-registered"));
        Assert.That(PipelineState.Decode(state.AsMemory()).Predict(ToyData.TwoHeads().Texts[0])["topic"].Label, Is.EqualTo(model.Predict(ToyData.TwoHeads().Texts[0])["topic"].Label));
    }

    [Test]
    public void TheModelIsDecodedOncePerStateString()
    {
        string state = PipelineState.Encode(ToyData.Model.Value);
        FramingModel first = PipelineState.Decode(state.AsMemory());
        Assert.That(PipelineState.Decode(state.AsMemory()), Is.SameAs(first));
        Assert.That(PipelineState.Decode(new string(state).AsMemory()), Is.Not.SameAs(first));
        Assert.That(PipelineState.Decode(PipelineState.Default.AsMemory()), Is.SameAs(FramingModel.Default));
    }

    [Test]
    public void CursorsOnSeveralThreadsDecodeAStateStringOnce()
    {
        string state = PipelineState.Encode(ToyData.Model.Value);
        using var start = new Barrier(8);
        int decodes = PipelineState.Decodes;
        FramingModel[] models = new FramingModel[8];
        Thread[] threads = Enumerable.Range(0, 8).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            models[i] = PipelineState.Decode(state.AsMemory());
        })).ToArray();
        foreach (Thread t in threads) t.Start();
        foreach (Thread t in threads) t.Join();
        Assert.That(PipelineState.Decodes - decodes, Is.EqualTo(1));
        Assert.That(models.Distinct().Count(), Is.EqualTo(1));
    }

    [TestCase(16, 4096)]
    [TestCase(4096, 4096)]
    [TestCase(4097, 16384)]
    [TestCase(1 << 17, 1 << 18)]
    [TestCase(1 << 20, 1 << 20)]
    public void TheFeatureColumnHoldsEveryBucket(int buckets, int length) =>
        Assert.That(FeatureMappings.LengthFor(buckets), Is.EqualTo(length));
}
