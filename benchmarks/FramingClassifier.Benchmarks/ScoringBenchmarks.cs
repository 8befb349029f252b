using BenchmarkDotNet.Attributes;

namespace FramingClassifier.Benchmarks;

/// <summary>The hot path of the embedded default model: featurize and predict one sentence, three heads.</summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    internal static readonly Dictionary<int, string> Sentences = new()
    {
        [10] = "Gunmen stormed a police post outside the town before dawn.",
        [30] = "“These bandits will pay for every village they burned,” the provincial governor told state television on Tuesday, "
             + "as the army announced a new operation along the northern highway.",
        [100] = "The rebels, who have held the river crossings since the spring, said on Thursday that they had opened a corridor "
              + "for families leaving the besieged town, but aid workers described the route as dangerous and the interior ministry "
              + "called the announcement “a cynical stunt by foreign-funded extremists”, adding that its forces would continue what "
              + "it termed an anti-terrorist operation until the last of the armed groups had surrendered their weapons; residents "
              + "reached by telephone said the shelling had eased overnight, that bread was running short, and that many of them "
              + "would rather wait for the ceasefire the mediators have promised than risk the road, which crosses three checkpoints "
              + "run by rival militias.",
    };

    private FramingModel _model = null!;
    private float[] _buffer = [];
    private string _text = "";
    private char[] _chars = new char[4096];
    private Token[] _tokens = new Token[1024];

    /// <summary>Approximate words in the sentence.</summary>
    [Params(10, 30, 100)]
    public int Words { get; set; }

    /// <summary>"embedded", or a model file to compare with it in the same run (FC_COMPARE_MODEL).</summary>
    [ParamsSource(nameof(Models))]
    public string Model { get; set; } = "embedded";

    public static IEnumerable<string> Models() =>
        Environment.GetEnvironmentVariable("FC_COMPARE_MODEL") is { Length: > 0 } other ? ["embedded", other] : ["embedded"];

    [GlobalSetup]
    public void Setup()
    {
        _model = Model == "embedded" ? FramingModel.Default : FramingModel.Load(Model);
        _buffer = new float[_model.LabelCount];
        _text = Sentences[Words];
    }

    [Benchmark(Description = "normalize")]
    public int Normalize() => TextNormalizer.Normalize(_text, false, ref _chars);

    [Benchmark(Description = "normalize + tokenize")]
    public int Tokenize() => Tokenizer.Tokenize(_chars.AsSpan(0, TextNormalizer.Normalize(_text, false, ref _chars)), ref _tokens);

    [Benchmark(Description = "featurize")]
    public int Featurize()
    {
        ScoringScratch.Current.Featurize(_model.Options, _text, out _);
        return ScoringScratch.Current.Counter.Count;
    }

    [Benchmark(Description = "predict into buffer")]
    public float PredictIntoBuffer()
    {
        _model.Predict(_text, _buffer);
        return _buffer[0];
    }

    [Benchmark(Description = "predict (result object)")]
    public Prediction Predict() => _model.Predict(_text);
}
