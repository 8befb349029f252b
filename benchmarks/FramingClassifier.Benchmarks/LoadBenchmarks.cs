using BenchmarkDotNet.Attributes;

namespace FramingClassifier.Benchmarks;

/// <summary>
/// Loading the embedded default model from its bytes (checksum, parse, and the bucket-to-row map), and
/// the checksum alone: the runtime's own CRC-32 against System.IO.Hashing's, which the runtime package
/// may not depend on.
/// </summary>
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
        if (Crc32.Compute(_bytes) != System.IO.Hashing.Crc32.HashToUInt32(_bytes))
            throw new InvalidOperationException("The two CRC-32s disagree.");
    }

    [Benchmark(Description = "load default model")]
    public int Load() => ModelFile.FromBytes(_bytes).FeatureRows;

    [Benchmark(Description = "CRC-32 of the default model, ours")]
    public uint OwnCrc() => Crc32.Compute(_bytes);

    [Benchmark(Description = "CRC-32 of the default model, System.IO.Hashing")]
    public uint LibraryCrc() => System.IO.Hashing.Crc32.HashToUInt32(_bytes);
}
