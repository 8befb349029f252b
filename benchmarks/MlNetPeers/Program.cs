// ML.NET pipelines side by side on TweetEval stance with the five targets pooled in one training set:
// fit on train, score test once; quality is the mean F1 of `against` and `favor` (the TweetEval
// stance metric). Per pipeline: training seconds (Fit), scoring rows/s through a PredictionEngine
// (one thread, one row at a time) and through Transform over an IDataView (one cursor), and the bytes
// of the saved ML.NET model. FramingClassifier's own trainers (defaults, no tuning) are the last rows:
// linear, the hand-written gradient boosting, and ML.NET FastTree converted to the runtime's trees.
// Usage: dotnet run -c Release --project benchmarks/MlNetPeers [-- DATASET_DIR [PIPELINE ...]]
//        (PIPELINE: a part of a row's name; `per-target` runs our trainers per stance target instead)
//        dotnet run -c Release --project benchmarks/MlNetPeers -- --tsv TRAIN.tsv TEST.tsv PREDICTIONS PIPELINE
//        (for benchmarks/peers/peers.py: any TSV with `text` and `label` columns; fits the pipelines whose
//        name contains PIPELINE, writes each one's test predictions, one label a line, to PREDICTIONS.N.txt
//        and prints one tab-separated line per pipeline: name, train s, rows/s PredictionEngine,
//        rows/s Transform, model bytes, predictions file)
using System.Diagnostics;
using System.Globalization;
using FramingClassifier;
using FramingClassifier.ML;
using FramingClassifier.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var ml = new MLContext(seed: 1);
var pipelines = new (string Name, Func<IEstimator<ITransformer>> Build)[]
{
    ("FeaturizeFraming + SdcaMaximumEntropy", () => ml.Transforms.Text.FeaturizeFraming("Features", "Text")
        .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
        .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())),
    ("FeaturizeText + SdcaMaximumEntropy", () => ml.Transforms.Text.FeaturizeText("Features", "Text")
        .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
        .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())),
    ("FeaturizeText + OneVersusAll(FastTree)", () => ml.Transforms.Text.FeaturizeText("Features", "Text")
        .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
        .Append(ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree()))),
    ("FeaturizeFraming(2^16) + OneVersusAll(FastTree)", () => ml.Transforms.Text.FeaturizeFraming("Features", "Text", FeaturizerOptions.Default with { Buckets = 1 << 16 })
        .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
        .Append(ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree()))),
    // LightGBM's own multiclass softmax trees, with the tree options `framing train` defaults to.
    ("FeaturizeFraming(2^16) + LightGbm", () => ml.Transforms.Text.FeaturizeFraming("Features", "Text", FeaturizerOptions.Default with { Buckets = 1 << 16 })
        .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
        .Append(ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
        {
            NumberOfIterations = 100, NumberOfLeaves = 20, MinimumExampleCountPerLeaf = 10, LearningRate = 0.2,
            MaximumBinCountPerFeature = 255, Seed = 1,
        }))),
};

if (args.Length > 0 && args[0] == "--tsv")
{
    List<Tweet> trainRows = Tweet.Read(args[1]), testRows = Tweet.Read(args[2]);
    IDataView trainData = ml.Data.LoadFromEnumerable(trainRows), testData = ml.Data.LoadFromEnumerable(testRows);
    for (int p = 0; p < pipelines.Length; p++)
    {
        if (!args.Skip(4).Any(pipelines[p].Name.Contains)) continue;
        Measured m = Measure(pipelines[p].Build, trainData, testData, testRows);
        string file = $"{args[3]}.{p}.txt";
        File.WriteAllLines(file, m.Predicted);
        Console.WriteLine(string.Join('\t', pipelines[p].Name, m.TrainSeconds.ToString("R"), m.EngineRate.ToString("R"), m.TransformRate.ToString("R"), m.Bytes, file));
    }
    return;
}

string dir = args.Length > 0 ? args[0] : "/work/shared/datasets/tweeteval-stance";
HashSet<string> only = args.Skip(1).ToHashSet();
List<Tweet> train = Tweet.Read(Path.Combine(dir, "train.tsv"));
List<Tweet> test = Tweet.Read(Path.Combine(dir, "test.tsv"));
Console.WriteLine($"TweetEval stance: {train.Count} train, {test.Count} test rows; {Environment.ProcessorCount} cores");

if (only.Contains("per-target"))
{
    // The TweetEval protocol: each target trained on its own rows, the test predictions pooled.
    Console.WriteLine("| stance per target | stance F1 | train s, all targets |");
    Console.WriteLine("|---|---|---|");
    foreach (var (trainerName, fitTarget) in new (string, Func<LabeledDataset, FramingModel>)[]
    {
        ("FramingClassifier --trainer linear", d => ModelTrainer.Train(d, new TrainingOptions())),
        ("FramingClassifier --trainer trees", d => ModelTrainer.Train(d, new TrainingOptions { Trainer = HeadScorer.Trees })),
        ("FramingClassifier --trainer fasttree", d => FastTreeTrainer.Train(d, new TrainingOptions())),
    })
    {
        var predictedByRow = new string[test.Count];
        double seconds = 0;
        foreach (string target in train.Select(t => t.Target).Distinct())
        {
            var rows = train.Where(t => t.Target == target).ToList();
            var clock = Stopwatch.StartNew();
            FramingModel m = fitTarget(LabeledDataset.Create(rows.Select(t => t.Text).ToList(), new() { ["stance"] = rows.Select(t => (string?)t.Label).ToList() }));
            seconds += clock.Elapsed.TotalSeconds;
            for (int i = 0; i < test.Count; i++)
                if (test[i].Target == target) predictedByRow[i] = m.Predict(test[i].Text)["stance"].Label;
        }
        Console.WriteLine($"| {trainerName} | {Metric.Stance(test, predictedByRow):0.0} | {seconds:0.00} |");
    }
    return;
}

Console.WriteLine("| pipeline | stance F1 | train s | rows/s PredictionEngine | rows/s Transform | model bytes |");
Console.WriteLine("|---|---|---|---|---|---|");
IDataView trainView = ml.Data.LoadFromEnumerable(train);
IDataView testView = ml.Data.LoadFromEnumerable(test);
foreach (var (name, build) in pipelines)
{
    if (only.Count > 0 && !only.Any(name.Contains)) continue;
    Measured m = Measure(build, trainView, testView, test);
    Console.WriteLine($"| {name} | {Metric.Stance(test, m.Predicted):0.0} | {m.TrainSeconds:0.00} | {m.EngineRate:#,0} | {m.TransformRate:#,0} | {m.Bytes:#,0} |");
}

LabeledDataset trainSet = LabeledDataset.Create(train.Select(t => t.Text).ToList(), new() { ["stance"] = train.Select(t => (string?)t.Label).ToList() });
var ourTrainers = new (string Name, Func<FramingModel> Train)[]
{
    ("FramingClassifier (own trainer, defaults)", () => ModelTrainer.Train(trainSet, new TrainingOptions())),
    ("FramingClassifier --trainer trees (hand-written boosting)", () => ModelTrainer.Train(trainSet, new TrainingOptions { Trainer = HeadScorer.Trees })),
    ("FramingClassifier --trainer fasttree (ML.NET FastTree, converted)", () => FastTreeTrainer.Train(trainSet, new TrainingOptions())),
};
foreach (var (ourName, fit) in ourTrainers)
{
    if (only.Count > 0 && !only.Any(ourName.Contains)) continue;
    var clock = Stopwatch.StartNew();
    FramingModel ours = fit();
    double trainSeconds = clock.Elapsed.TotalSeconds;
    var buffer = new float[ours.LabelCount];
    foreach (Tweet t in test.Take(200)) ours.Predict(t.Text, buffer);
    clock.Restart();
    string[] predicted = test.Select(t => ours.Predict(t.Text)["stance"].Label).ToArray();
    double rate = test.Count / clock.Elapsed.TotalSeconds;
    clock.Restart();
    int n = ours.PredictBatch(test.Select(t => t.Text), maxDegreeOfParallelism: 1).Count();
    double batchRate = n / clock.Elapsed.TotalSeconds;
    byte[] bytes = ModelFile.ToBytes(ours);
    Console.WriteLine($"| {ourName} | {Metric.Stance(test, predicted):0.0} | {trainSeconds:0.00} | {rate:#,0} (Predict) | {batchRate:#,0} (PredictBatch, 1 thread) | {bytes.Length:#,0} |");
}

Measured Measure(Func<IEstimator<ITransformer>> build, IDataView trainView, IDataView testView, List<Tweet> test)
{
    var clock = Stopwatch.StartNew();
    ITransformer model = build().Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel")).Fit(trainView);
    double trainSeconds = clock.Elapsed.TotalSeconds;

    clock.Restart();
    string[] predicted = model.Transform(testView).GetColumn<string>("PredictedLabel").ToArray();
    double transformRate = test.Count / clock.Elapsed.TotalSeconds;

    var engine = ml.Model.CreatePredictionEngine<Tweet, Predicted>(model);
    foreach (Tweet t in test.Take(200)) engine.Predict(t);
    clock.Restart();
    foreach (Tweet t in test) engine.Predict(t);
    double engineRate = test.Count / clock.Elapsed.TotalSeconds;

    string path = Path.Combine(Path.GetTempPath(), $"mlnet-peer-{Guid.NewGuid():N}.zip");
    ml.Model.Save(model, trainView.Schema, path);
    long bytes = new FileInfo(path).Length;
    File.Delete(path);
    return new Measured(predicted, trainSeconds, engineRate, transformRate, bytes);
}

/// <summary>One pipeline's test predictions, training seconds, scoring rates and saved bytes.</summary>
internal sealed record Measured(string[] Predicted, double TrainSeconds, double EngineRate, double TransformRate, long Bytes);

/// <summary>One TweetEval stance row.</summary>
public sealed class Tweet
{
    public string Text { get; set; } = "";
    public string Label { get; set; } = "";
    public string Target { get; set; } = "";

    /// <summary>Reads a TSV by its header: `text` and `label` columns, and `target` if there is one.</summary>
    public static List<Tweet> Read(string path)
    {
        string[] header = File.ReadLines(path).First().Split('\t');
        int text = Array.IndexOf(header, "text"), label = Array.IndexOf(header, "label"), target = Array.IndexOf(header, "target");
        return File.ReadLines(path).Skip(1).Select(l => l.Split('\t'))
            .Select(f => new Tweet { Label = f[label], Target = target < 0 ? "" : f[target], Text = f[text] }).ToList();
    }
}

/// <summary>The pipeline's output.</summary>
public sealed class Predicted
{
    public string PredictedLabel { get; set; } = "";
}

/// <summary>The TweetEval stance metric.</summary>
internal static class Metric
{
    public static double Stance(List<Tweet> gold, string[] predicted) => 100 * (F1(gold, predicted, "against") + F1(gold, predicted, "favor")) / 2;

    private static double F1(List<Tweet> gold, string[] predicted, string label)
    {
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < gold.Count; i++)
        {
            bool g = gold[i].Label == label, p = predicted[i] == label;
            if (g && p) tp++;
            else if (p) fp++;
            else if (g) fn++;
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }
}
