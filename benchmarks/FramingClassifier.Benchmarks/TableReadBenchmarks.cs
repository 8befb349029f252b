using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FramingClassifier.Training;

namespace FramingClassifier.Benchmarks;

/// <summary>
/// Reading a labelled file of about 200 MB with <see cref="TableReader"/>: the corpus rows of
/// data/corpus repeated, as TSV and as RFC 4180 CSV, written once to the temporary folder (never into
/// the repository). Each operation streams every record's text, three label columns and the group column.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 7)]
public class TableReadBenchmarks
{
    private const long TargetBytes = 200L << 20;
    private static readonly string[] Columns = ["text", "framing", "voice", "stance", "conflict"];
    private string _path = "";

    [Params(DataFormat.Tsv, DataFormat.Csv)]
    public DataFormat Format { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), "framing-read-benchmark", $"corpus-200mb.{Format.ToString().ToLowerInvariant()}");
        if (!File.Exists(_path)) Write(_path, Format);
    }

    [Benchmark(Description = "read 200 MB")]
    public long Read()
    {
        long chars = 0;
        foreach (TableRow row in TableReader.Read(_path, Columns, Format)) chars += row.Values[0]!.Length;
        return chars;
    }

    private static void Write(string path, DataFormat format)
    {
        string corpus = Path.Combine(RepositoryRoot(), "data", "corpus");
        string[] header = [];
        var rows = new List<string[]>();
        foreach (string file in Directory.GetFiles(corpus, "*.tsv").Order(StringComparer.Ordinal))
        {
            string[] lines = File.ReadAllLines(file);
            header = lines[0].Split('\t');
            rows.AddRange(lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')));
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string partial = path + ".partial";
        using (var writer = new StreamWriter(partial, false, new UTF8Encoding(false)))
        {
            writer.Write(Line(header, format));
            while (writer.BaseStream.Length < TargetBytes)
                foreach (string[] row in rows) writer.Write(Line(row, format));
        }
        File.Move(partial, path, overwrite: true);
    }

    private static string Line(string[] fields, DataFormat format) =>
        string.Join(format == DataFormat.Csv ? "," : "\t", format == DataFormat.Csv ? fields.Select(Quote) : fields) + "\n";

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "data", "corpus"))) return dir.FullName;
        throw new DirectoryNotFoundException($"data/corpus not found above {AppContext.BaseDirectory}.");
    }
}
