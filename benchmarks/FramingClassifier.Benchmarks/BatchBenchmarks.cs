using BenchmarkDotNet.Attributes;
using FramingClassifier.Training;

namespace FramingClassifier.Benchmarks;

/// <summary>
/// Batch throughput on real short texts: the first 10,000 TweetEval emoji test tweets, scored by a
/// model trained on the 45,000 emoji training tweets with default options (20 classes, 428,801
/// feature rows: the model fastText is compared with in benchmarks/peers). Rows per second =
/// 10,000 / mean. Needs ../shared/datasets beside the repository.
/// </summary>
[MemoryDiagnoser]
public class BatchBenchmarks
{
    private FramingModel _model = null!;
    private string[] _tweets = [];

    /// <summary>1 for the calling thread only, -1 for all cores.</summary>
    [Params(1, -1)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string folder = FindDatasets("tweeteval-emoji");
        var options = new DatasetOptions { LabelColumns = ["label"] };
        _model = ModelTrainer.Train(LabeledDataset.Load([Path.Combine(folder, "train.tsv")], options), new TrainingOptions());
        _tweets = LabeledDataset.Load([Path.Combine(folder, "test.tsv")], options).Texts.Take(10_000).ToArray();
    }

    [Benchmark(Description = "predict 10,000 tweets")]
    public int PredictTweets()
    {
        int n = 0;
        foreach (Prediction p in _model.PredictBatch(_tweets, Threads)) n += p.Heads[0].LabelIndex;
        return n;
    }

    internal static string FindDatasets(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "datasets", name);
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"shared/datasets/{name} not found above {AppContext.BaseDirectory}.");
    }
}
