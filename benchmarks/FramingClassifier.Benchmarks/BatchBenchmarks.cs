using BenchmarkDotNet.Attributes;
using FramingClassifier.Training;

namespace FramingClassifier.Benchmarks;

/// <summary>
/// Batch throughput on real short texts: the 1,249 TweetEval stance test tweets, scored by a model
/// trained on the stance train split with default options. Rows per second = 1,249 / mean.
/// Needs ../shared/datasets beside the repository.
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
        string folder = FindDatasets("tweeteval-stance");
        var options = new DatasetOptions { LabelColumns = ["label"] };
        _model = ModelTrainer.Train(LabeledDataset.Load([Path.Combine(folder, "train.tsv")], options), new TrainingOptions());
        _tweets = LabeledDataset.Load([Path.Combine(folder, "test.tsv")], options).Texts.ToArray();
    }

    [Benchmark(Description = "predict 1,249 tweets")]
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
