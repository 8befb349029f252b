using BenchmarkDotNet.Attributes;
using FramingClassifier.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace FramingClassifier.Benchmarks;

/// <summary>
/// ML.NET and FramingClassifier scoring the same TweetEval stance test tweets in the same run. Both
/// are trained on the pooled stance training set (2,620 tweets, five targets): ML.NET as
/// FeaturizeText + SdcaMaximumEntropy, ours with default options. One sentence: ML.NET's
/// PredictionEngine against <see cref="FramingModel.Predict(string)"/> and the allocation-free
/// <see cref="FramingModel.Predict(ReadOnlySpan{char}, Span{float})"/>, per tweet. Batch: ML.NET's
/// Transform over an IDataView read through one cursor against <see cref="FramingModel.PredictBatch(IEnumerable{string}, int)"/>
/// on one thread and on all cores, per tweet over the whole test set. Needs ../shared/datasets beside
/// the repository.
/// </summary>
[MemoryDiagnoser]
public class MlNetBenchmarks
{
    private const int Sentences = 256;

    private MLContext _ml = null!;
    private ITransformer _mlModel = null!;
    private PredictionEngine<Tweet, StancePrediction> _engine = null!;
    private IDataView _testView = null!;
    private FramingModel _model = null!;
    private Tweet[] _test = [];
    private string[] _texts = [];
    private float[] _buffer = [];
    private StancePrediction _prediction = new();

    /// <summary>One TweetEval stance row.</summary>
    public sealed class Tweet
    {
        /// <summary>The tweet.</summary>
        public string Text { get; set; } = "";

        /// <summary>against, favor or none.</summary>
        public string Label { get; set; } = "";
    }

    /// <summary>ML.NET's output.</summary>
    public sealed class StancePrediction
    {
        /// <summary>The predicted stance.</summary>
        public string PredictedLabel { get; set; } = "";
    }

    [GlobalSetup]
    public void Setup()
    {
        string folder = BatchBenchmarks.FindDatasets("tweeteval-stance");
        Tweet[] train = Read(Path.Combine(folder, "train.tsv"));
        _test = Read(Path.Combine(folder, "test.tsv"));
        _texts = _test.Select(t => t.Text).ToArray();

        _ml = new MLContext(seed: 1);
        var pipeline = _ml.Transforms.Text.FeaturizeText("Features", "Text")
            .Append(_ml.Transforms.Conversion.MapValueToKey("Label"))
            .Append(_ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())
            .Append(_ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        _mlModel = pipeline.Fit(_ml.Data.LoadFromEnumerable(train));
        _engine = _ml.Model.CreatePredictionEngine<Tweet, StancePrediction>(_mlModel);
        _testView = _ml.Data.LoadFromEnumerable(_test);

        var data = LabeledDataset.Create(train.Select(t => t.Text).ToList(), new() { ["stance"] = train.Select(t => (string?)t.Label).ToList() });
        _model = ModelTrainer.Train(data, new TrainingOptions());
        _buffer = new float[_model.LabelCount];
    }

    private static Tweet[] Read(string path) =>
        File.ReadLines(path).Skip(1).Select(l => l.Split('\t')).Select(f => new Tweet { Label = f[0], Text = f[2] }).ToArray();

    [Benchmark(Description = "one tweet: ML.NET PredictionEngine", OperationsPerInvoke = Sentences)]
    public int MlNetPredictionEngine()
    {
        int n = 0;
        for (int i = 0; i < Sentences; i++)
        {
            _engine.Predict(_test[i], ref _prediction);
            n += _prediction.PredictedLabel.Length;
        }
        return n;
    }

    [Benchmark(Baseline = true, Description = "one tweet: ours, Predict(string)", OperationsPerInvoke = Sentences)]
    public int OursPredict()
    {
        int n = 0;
        for (int i = 0; i < Sentences; i++) n += _model.Predict(_texts[i]).Heads[0].Label.Length;
        return n;
    }

    [Benchmark(Description = "one tweet: ours, Predict(span, buffer)", OperationsPerInvoke = Sentences)]
    public float OursPredictIntoBuffer()
    {
        float sum = 0;
        for (int i = 0; i < Sentences; i++)
        {
            _model.Predict(_texts[i], _buffer);
            sum += _buffer[0];
        }
        return sum;
    }

    [Benchmark(Description = "test set: ML.NET Transform, one cursor", OperationsPerInvoke = 1249)]
    public int MlNetTransform()
    {
        int n = 0;
        foreach (string label in _mlModel.Transform(_testView).GetColumn<string>("PredictedLabel")) n += label.Length;
        return n;
    }

    [Benchmark(Description = "test set: ours, PredictBatch 1 thread", OperationsPerInvoke = 1249)]
    public int OursBatchOneThread()
    {
        int n = 0;
        foreach (Prediction p in _model.PredictBatch(_texts, 1)) n += p.Heads[0].LabelIndex;
        return n;
    }

    [Benchmark(Description = "test set: ours, PredictBatch all cores", OperationsPerInvoke = 1249)]
    public int OursBatchAllCores()
    {
        int n = 0;
        foreach (Prediction p in _model.PredictBatch(_texts, -1)) n += p.Heads[0].LabelIndex;
        return n;
    }
}
