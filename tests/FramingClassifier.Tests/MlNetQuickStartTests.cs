using FramingClassifier.ML;
using Microsoft.ML;
using Microsoft.ML.Data;
using NUnit.Framework;

namespace FramingClassifier.Tests;

/// <summary>The README's ML.NET example, run as a test; a second test checks that the README shows exactly this code.</summary>
public sealed class MlNetQuickStartTests
{
    // begin README ML.NET types
    public sealed class Sentence { [LoadColumn(0)] public string Text = ""; [LoadColumn(3)] public string Stance = ""; }
    public sealed class StancePrediction { public string PredictedLabel = ""; }
    // end README ML.NET types

    [Test]
    public void MlNetQuickStart()
    {
        string myData = RepositoryPaths.Of("data/corpus/americas-ireland.tsv");
        string myMlModel = Path.Combine(Path.GetTempPath(), $"mlnet-quickstart-{Guid.NewGuid():N}.zip");
        // begin README ML.NET
        // Any ML.NET trainer on FramingClassifier's features: fit, save, load, predict.
        var ml = new MLContext(seed: 1);
        IDataView train = ml.Data.LoadFromTextFile<Sentence>(myData, separatorChar: '\t', hasHeader: true);
        var pipeline = ml.Transforms.Text.FeaturizeFraming("Features", "Text")
            .Append(ml.Transforms.Conversion.MapValueToKey("Label", "Stance"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        ml.Model.Save(pipeline.Fit(train), train.Schema, myMlModel);
        var engine = ml.Model.CreatePredictionEngine<Sentence, StancePrediction>(ml.Model.Load(myMlModel, out _));
        Console.WriteLine(engine.Predict(new Sentence { Text = "Rebels freed forty prisoners from the city jail." }).PredictedLabel);

        // Score an IDataView with a FramingModel: per head, {head}.PredictedLabel and {head}.Score.
        IDataView scored = ml.Transforms.ScoreFraming(FramingModel.Default, "Text").Fit(train).Transform(train);
        string[] framing = scored.GetColumn<string>("framing.PredictedLabel").ToArray();
        // end README ML.NET
        File.Delete(myMlModel);
        string[] texts = File.ReadLines(myData).Skip(1).Select(l => l.Split('\t')[0]).ToArray();
        Assert.That(framing, Is.EqualTo(texts.Select(t => FramingModel.Default.Predict(t)["framing"].Label).ToArray()));
        string[] stances = File.ReadLines(myData).Skip(1).Select(l => l.Split('\t')[3]).ToArray();
        int right = texts.Zip(stances).Count(p => engine.Predict(new Sentence { Text = p.First }).PredictedLabel == p.Second);
        Assert.That(right, Is.GreaterThan(texts.Length * 9 / 10), "SDCA on FramingClassifier's features should fit its own training rows");
    }

    [Test]
    public void TheReadmeShowsThisCode()
    {
        string[] source = File.ReadAllLines(RepositoryPaths.Of("tests/FramingClassifier.Tests/MlNetQuickStartTests.cs"));
        string readme = File.ReadAllText(RepositoryPaths.Of("README.md")).ReplaceLineEndings("\n");
        foreach (string block in new[] { "README ML.NET types", "README ML.NET" })
        {
            int begin = Array.FindIndex(source, l => l.Trim() == "// begin " + block);
            int end = Array.FindIndex(source, l => l.Trim() == "// end " + block);
            int indent = source[begin].Length - source[begin].TrimStart().Length;
            string code = string.Join('\n', source[(begin + 1)..end].Select(l => l.Length >= indent ? l[indent..] : l.Trim()));
            Assert.That(readme, Does.Contain(code), block);
        }
    }
}
