using BenchmarkDotNet.Attributes;

namespace FramingClassifier.Benchmarks;

/// <summary>Loading the embedded default model from its bytes: checksum, parse, and the bucket-to-row map.</summary>
[MemoryDiagnoser]
public class LoadBenchmarks
{
    private byte[] _bytes = [];

    [GlobalSetup]
    public void Setup()
    {
        using Stream stream = typeof(FramingModel).Assembly.GetManifestResourceStream("FramingClassifier.default.fcm")!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        _bytes = memory.ToArray();
    }

    [Benchmark(Description = "load default model")]
    public int Load() => ModelFile.FromBytes(_bytes).FeatureRows;
}
