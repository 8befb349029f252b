using System.Text.Json;
using NUnit.Framework;
using Parquet;
using Parquet.Schema;

namespace FramingClassifier.Tests;

/// <summary>`framing predict` with Apache Parquet in and out; not parallel because it redirects the console.</summary>
[NonParallelizable]
public sealed class ParquetCliTests : TempDirectoryFixture
{
    private static readonly string[] Texts =
    [
        "Gunmen held the port during the football match.",
        "“Armed men left a village at dawn,” a witness said.",
        "The militia shelled the airport.",
        "Fans cheered the goal in the final minute.",
    ];

    private string _model = "";

    [SetUp]
    public void SaveModel()
    {
        _model = Path.Combine(Dir, "m.fcm");
        ToyData.Model.Value.Save(_model);
    }

    [Test]
    public void TsvToParquetAndBackCarriesIdsAndKeptColumnsWithTheLabelsOfJsonl()
    {
        string tsv = Write("in.tsv", "id\toutlet\ttext\n" + string.Concat(Texts.Select((t, i) => $"a{i}\t{(i % 2 == 0 ? "Daily" : "Herald")}\t{t}\n")));
        string parquetIn = Path.Combine(Dir, "in.parquet");
        WriteParquet(parquetIn, ("id", [.. Texts.Select((_, i) => $"a{i}")]), ("outlet", [.. Texts.Select((_, i) => i % 2 == 0 ? "Daily" : "Herald")]), ("text", Texts));

        string jsonl = Path.Combine(Dir, "out.jsonl"), parquetOut = Path.Combine(Dir, "out.parquet");
        string[] columns = ["--id-column", "id", "--keep-columns", "outlet"];
        var r = CliHarness.Run(["predict", "--model", _model, "--input", tsv, "--output", jsonl, "--quiet", .. columns]);
        Assert.That(r.Code, Is.Zero, r.Err);
        r = CliHarness.Run(["predict", "--model", _model, "--input", parquetIn, "--output", parquetOut, "--quiet", .. columns]);
        Assert.That(r.Code, Is.Zero, r.Err);

        JsonElement[] rows = [.. File.ReadAllLines(jsonl).Select(l => JsonDocument.Parse(l).RootElement)];
        Dictionary<string, string?[]> table = ReadParquet(parquetOut);
        Assert.That(table.Keys, Is.EqualTo(new[] { "doc", "outlet", "topic", "topic_p", "voice", "voice_p" }));
        Assert.That(table["doc"], Is.EqualTo(rows.Select(j => j.GetProperty("doc").GetString())));
        Assert.That(table["outlet"], Is.EqualTo(rows.Select(j => j.GetProperty("outlet").GetString())));
        foreach (string head in new[] { "topic", "voice" })
        {
            Assert.That(table[head], Is.EqualTo(rows.Select(j => j.GetProperty(head).GetProperty("label").GetString())), head);
            string?[] expected = [.. rows.Select(j => j.GetProperty(head).GetProperty("p").GetProperty(j.GetProperty(head).GetProperty("label").GetString()!).GetDouble().ToString("0.000", System.Globalization.CultureInfo.InvariantCulture))];
            Assert.That(table[head + "_p"].Select(p => double.Parse(p!, System.Globalization.CultureInfo.InvariantCulture).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(expected), head);
        }

        // Parquet out to Parquet in again: the labels written are read back as a text column.
        r = CliHarness.Run(["predict", "--model", _model, "--input", parquetOut, "--text-column", "topic", "--id-column", "doc", "--output", Path.Combine(Dir, "again.parquet"), "--quiet"]);
        Assert.That(r.Code, Is.Zero, r.Err);
        Assert.That(ReadParquet(Path.Combine(Dir, "again.parquet"))["doc"], Is.EqualTo(table["doc"]));
    }

    [Test]
    public void SplitSentencesAndAllProbabilitiesGiveOneColumnPerLabel()
    {
        string parquetIn = Path.Combine(Dir, "docs.parquet");
        WriteParquet(parquetIn, ("text", [Texts[0] + " " + Texts[2], Texts[3]]));
        string output = Path.Combine(Dir, "sentences.bin");
        var r = CliHarness.Run(["predict", "--model", _model, "--input", parquetIn, "--output", output, "--output-format", "parquet", "--split-sentences", "--probabilities", "all", "--quiet"]);
        Assert.That(r.Code, Is.Zero, r.Err);
        Dictionary<string, string?[]> table = ReadParquet(output);
        Assert.That(table["row"], Is.EqualTo(new[] { "1", "1", "2" }));
        Assert.That(table["sentence"], Is.EqualTo(new[] { "0", "1", "0" }));
        Assert.That(table["text"], Is.EqualTo(new[] { Texts[0], Texts[2], Texts[3] }));
        string[] topicLabels = [.. ToyData.Model.Value.Head("topic").Labels];
        Assert.That(table.Keys, Is.SupersetOf(topicLabels.Select(l => "topic_p_" + l)));
    }

    [Test]
    public void MalformedParquetNamesTheFile()
    {
        string bad = Write("bad.parquet", "id\ttext\na\tnot parquet at all, just a TSV with the wrong extension\n");
        var r = CliHarness.Run(["predict", "--model", _model, "--input", bad, "--output", Path.Combine(Dir, "o.jsonl")]);
        Assert.That(r.Code, Is.Not.Zero);
        Assert.That(r.Err, Does.Contain("bad.parquet").And.Contain("not a readable Parquet file"));
        Assert.That(r.Err, Does.Not.Contain("   at "));

        string good = Path.Combine(Dir, "good.parquet");
        WriteParquet(good, ("text", Texts));
        byte[] bytes = File.ReadAllBytes(good);
        string cut = Path.Combine(Dir, "cut.parquet");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        r = CliHarness.Run(["predict", "--model", _model, "--input", cut, "--output", Path.Combine(Dir, "o.jsonl")]);
        Assert.That(r.Code, Is.Not.Zero);
        Assert.That(r.Err, Does.Contain("cut.parquet"));
        Assert.That(r.Err, Does.Not.Contain("   at "));

        r = CliHarness.Run(["predict", "--model", _model, "--input", good, "--text-column", "body", "--output", Path.Combine(Dir, "o.jsonl")]);
        Assert.That(r.Err, Does.Contain("good.parquet").And.Contain("no column 'body'").And.Contain("text"));
    }

    [Test]
    public void DamagedParquetNeverGivesAStackTrace()
    {
        string good = Path.Combine(Dir, "good.parquet");
        WriteParquet(good, ("id", [.. Texts.Select((_, i) => $"a{i}")]), ("text", Texts));
        byte[] bytes = File.ReadAllBytes(good);
        var random = new Random(19);
        string damaged = Path.Combine(Dir, "damaged.parquet");
        for (int trial = 0; trial < 300; trial++)
        {
            byte[] copy = (byte[])bytes.Clone();
            for (int k = 0; k < 3; k++) copy[random.Next(copy.Length)] = (byte)random.Next(256);
            File.WriteAllBytes(damaged, copy);
            var r = CliHarness.Run(["predict", "--model", _model, "--input", damaged, "--id-column", "id", "--output", Path.Combine(Dir, "o.jsonl"), "--quiet"]);
            Assert.That(r.Err, Does.Not.Contain("   at ").And.Not.Contain("Unhandled"), $"trial {trial}");
            if (r.Code != 0) Assert.That(r.Err, Does.Contain("damaged.parquet"), $"trial {trial}");
        }
    }

    [Test]
    public void NullTextIsSkippedWithItsRow()
    {
        string path = Path.Combine(Dir, "nulls.parquet");
        WriteParquet(path, ("text", [Texts[0], null, Texts[1]]));
        var r = CliHarness.Run(["predict", "--model", _model, "--input", path, "--output", Path.Combine(Dir, "o.parquet")]);
        Assert.That(r.Code, Is.Zero, r.Err);
        Assert.That(r.Err, Does.Contain("nulls.parquet:2:"));
        Assert.That(ReadParquet(Path.Combine(Dir, "o.parquet"))["row"], Is.EqualTo(new[] { "1", "3" }));
    }

    private static void WriteParquet(string path, params (string Name, string?[] Values)[] columns)
    {
        DataField[] fields = [.. columns.Select(c => new DataField<string>(c.Name, nullable: true))];
        using var file = File.Create(path);
        ParquetWriter writer = ParquetWriter.CreateAsync(new ParquetSchema(fields), file).GetAwaiter().GetResult();
        using (ParquetRowGroupWriter group = writer.CreateRowGroup())
        {
            for (int c = 0; c < columns.Length; c++) group.WriteAsync(fields[c], columns[c].Values!).GetAwaiter().GetResult();
        }
        writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    // Every column as invariant text, in schema order.
    private static Dictionary<string, string?[]> ReadParquet(string path)
    {
        var table = new Dictionary<string, string?[]>();
        using var file = File.OpenRead(path);
        ParquetReader reader = ParquetReader.CreateAsync(file).GetAwaiter().GetResult();
        DataField[] fields = reader.Schema.GetDataFields();
        foreach (DataField f in fields) table[f.Name] = [];
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
            int n = (int)group.RowCount;
            foreach (DataField f in fields)
            {
                string?[] values;
                if (f.ClrType == typeof(long)) { var v = new long[n]; group.ReadAsync(f, v.AsMemory()).GetAwaiter().GetResult(); values = [.. v.Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture))]; }
                else if (f.ClrType == typeof(int)) { var v = new int[n]; group.ReadAsync(f, v.AsMemory()).GetAwaiter().GetResult(); values = [.. v.Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture))]; }
                else if (f.ClrType == typeof(float)) { var v = new float[n]; group.ReadAsync(f, v.AsMemory()).GetAwaiter().GetResult(); values = [.. v.Select(x => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture))]; }
                else { values = new string?[n]; group.ReadAsync(f, values.AsMemory()).GetAwaiter().GetResult(); }
                table[f.Name] = [.. table[f.Name], .. values];
            }
        }
        reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return table;
    }
}
