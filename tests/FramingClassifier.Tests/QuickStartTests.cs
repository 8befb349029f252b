using FramingClassifier.Training;
using NUnit.Framework;

namespace FramingClassifier.Tests;

/// <summary>The README's API quick start, run as a test; a second test checks that the README shows exactly this code.</summary>
public sealed class QuickStartTests
{
    [Test]
    public void QuickStart()
    {
        string myModel = Path.Combine(Path.GetTempPath(), $"quickstart-{Guid.NewGuid():N}.fcm");
        string myData = RepositoryPaths.Of("data/corpus/americas-ireland.tsv");
        // begin README quick start
        // Score with the embedded default model: thread-safe, load once, share everywhere.
        FramingModel model = FramingModel.Default;
        Prediction p = model.Predict("Residents cheered as opposition fighters rolled into the main square.");
        Console.WriteLine($"{p["framing"].Label} {p["voice"].Label} {p["stance"].Label}"); // rebel outlet favor

        // Millions of sentences: streamed, on all cores, in input order.
        foreach (Prediction row in model.PredictBatch(File.ReadLines(myData).Skip(1).Select(l => l.Split('\t')[0])))
            _ = row["stance"].Probability;

        // Which n-grams decided?
        foreach (FeatureContribution f in model.Explain("The ministry called them “bandits”.", "voice").Features)
            Console.WriteLine($"{f.Contribution:+0.000;-0.000} {f.Feature}");

        // Retrain on your own labelled file (any text and label columns; L2 and class weights by cross-validation), evaluate, ship.
        var data = LabeledDataset.Load([myData], new DatasetOptions { LabelColumns = ["stance"], GroupColumn = "conflict" });
        var (trainRows, testRows) = DataSplits.HoldOutGroups(data, ["peru"]);
        LabeledDataset train = data.Subset(trainRows);
        FramingModel mine = ModelTrainer.Train(train, RegularizationPath.Choose(train, new TrainingOptions()).Best);
        Console.WriteLine(Evaluator.Evaluate(mine, data.Subset(testRows)).ToTable());
        mine.Save(myModel);
        // end README quick start
        Assert.That((p["framing"].Label, p["voice"].Label, p["stance"].Label), Is.EqualTo(("rebel", "outlet", "favor")));
        Assert.That(FramingModel.Load(myModel).Heads.Single().Name, Is.EqualTo("stance"));
        File.Delete(myModel);
    }

    [Test]
    public void TheReadmeShowsThisCode()
    {
        string[] source = File.ReadAllLines(RepositoryPaths.Of("tests/FramingClassifier.Tests/QuickStartTests.cs"));
        int begin = Array.FindIndex(source, l => l.Contains("// begin README quick start"));
        int end = Array.FindIndex(source, l => l.Contains("// end README quick start"));
        string code = string.Join('\n', source[(begin + 1)..end].Select(l => l.Length >= 8 ? l[8..] : l.Trim()));
        Assert.That(File.ReadAllText(RepositoryPaths.Of("README.md")).ReplaceLineEndings("\n"), Does.Contain(code));
    }
}
