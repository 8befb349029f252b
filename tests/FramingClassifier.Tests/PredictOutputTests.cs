using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FramingClassifier.Cli.Batch;
using NUnit.Framework;

namespace FramingClassifier.Tests;

/// <summary>
/// `framing predict` writes the same bytes as the row writers it replaced: string property names through
/// Utf8JsonWriter, and label lines through a StringBuilder with double.ToString. The rows span several
/// scoring blocks, with skipped rows among them, so the pipelined batch is checked for order too.
/// </summary>
[NonParallelizable]
public sealed class PredictOutputTests : TempDirectoryFixture
{
    private static readonly string[] Pool =
    [
        "Gunmen held the port during the football match.",
        "“Gunmen left a village at dawn,” a witness said.",
        "Armed men entered the capital at dawn — \"quoted\" \\ backslash.",
        "The militia shelled the airport; émigrés fled 🚀 north.",
        "Officials said the match was postponed.",
    ];

    private string _model = "";

    [SetUp]
    public void SaveModel()
    {
        _model = Path.Combine(Dir, "m.fcm");
        ToyData.Model.Value.Save(_model);
    }

    private static string[] Rows() => [.. Enumerable.Range(0, 9_000).Select(i => i % 997 == 0 ? "" : $"{Pool[i % Pool.Length]} {i}")];

    [TestCase("all")]
    [TestCase("1")]
    [TestCase("none")]
    public void JsonlIsByteForByteTheReferenceWriter(string probabilities)
    {
        string[] rows = Rows();
        string input = Write("in.tsv", "id\toutlet\ttext\n" + string.Concat(rows.Select((t, i) => $"d{i}\tout{i % 3}\t{t}\n")));
        string output = Path.Combine(Dir, "out.jsonl");
        var r = CliHarness.Run("predict", "--model", _model, "--input", input, "--output", output, "--id-column", "id", "--keep-columns", "outlet",
            "--probabilities", probabilities, "--threads", "2", "--quiet");
        Assert.That(r.Code, Is.Zero, r.Err);

        FramingModel model = ToyData.Model.Value;
        int top = probabilities switch { "all" => int.MaxValue, "none" => 0, _ => int.Parse(probabilities, CultureInfo.InvariantCulture) };
        var expected = new MemoryStream();
        using (var json = new Utf8JsonWriter(expected, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            for (int i = 0; i < rows.Length; i++)
            {
                if (rows[i].Length == 0) continue;
                Prediction p = model.Predict(rows[i]);
                json.WriteStartObject();
                json.WriteString("doc", $"d{i}");
                json.WriteString("outlet", $"out{i % 3}");
                json.WriteString("text", rows[i]);
                foreach (HeadPrediction h in p.Heads)
                {
                    json.WriteStartObject(h.Head.Name);
                    json.WriteString("label", h.Label);
                    if (top > 0)
                    {
                        json.WriteStartObject("p");
                        float[] ps = h.Probabilities.ToArray();
                        IEnumerable<int> order = top == int.MaxValue ? Enumerable.Range(0, ps.Length)
                            : Enumerable.Range(0, ps.Length).OrderByDescending(k => ps[k]).ThenBy(k => k).Take(top);
                        foreach (int k in order) json.WriteNumber(h.Head.Labels[k], Math.Round(ps[k], 4));
                        json.WriteEndObject();
                    }
                    json.WriteEndObject();
                }
                json.WriteEndObject();
                json.Flush();
                json.Reset();
                expected.WriteByte((byte)'\n');
            }
        }
        Assert.That(File.ReadAllBytes(output), Is.EqualTo(expected.ToArray()));
    }

    [TestCase("none")]
    [TestCase("all")]
    public void LabelsAreByteForByteTheReferenceWriter(string probabilities)
    {
        string[] rows = Rows();
        string input = Write("in.txt", string.Concat(rows.Select(t => t + "\n")));
        string output = Path.Combine(Dir, "out.txt");
        var r = CliHarness.Run("predict", "--model", _model, "--input", input, "--output", output, "--output-format", "labels",
            "--probabilities", probabilities, "--threads", "2", "--quiet");
        Assert.That(r.Code, Is.Zero, r.Err);

        FramingModel model = ToyData.Model.Value;
        var expected = new StringBuilder();
        foreach (string text in rows)
        {
            if (text.Length > 0)
            {
                Prediction p = model.Predict(text);
                expected.AppendJoin('\t', p.Heads.Select(h => probabilities == "none" ? h.Label : string.Join(' ',
                    Enumerable.Range(0, h.Head.Labels.Count).OrderByDescending(k => h.Probabilities[k]).ThenBy(k => k)
                        .Select(k => h.Head.Labels[k] + " " + Math.Round(h.Probabilities[k], 4).ToString(CultureInfo.InvariantCulture)))));
            }
            expected.Append('\n');
        }
        Assert.That(File.ReadAllBytes(output), Is.EqualTo(new UTF8Encoding(false).GetBytes(expected.ToString())));
    }

    [Test]
    public void RowWritersAllocateNothingPerRowOnceWarm()
    {
        FramingModel model = ToyData.Model.Value;
        Prediction p = model.Predict("The militia shelled the airport; émigrés fled 🚀 north.");
        var record = new InputRecord("in.tsv", 2, "d1", p.Text, ["outlet"]);
        using var jsonl = new PredictionWriter(Stream.Null, model.Heads, ["outlet"], writeDocument: true, ProbabilityChoice.All);
        using var labels = new LabelWriter(Stream.Null, model.Heads, ProbabilityChoice.None);
        for (int i = 0; i < 2_000; i++)
        {
            jsonl.Write(record, null, p.Text, p);
            labels.Write(p);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            jsonl.Write(record, null, p.Text, p);
            labels.Write(p);
        }
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
