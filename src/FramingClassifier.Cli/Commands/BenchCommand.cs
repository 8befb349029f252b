using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using FramingClassifier.Cli.Batch;
using FramingClassifier.Training;

namespace FramingClassifier.Cli.Commands;

/// <summary>`framing bench` (hidden): in-process batch scoring throughput on texts held in memory, for the peer benchmarks.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var model = SharedOptions.Model(required: true);
        var input = new Option<string>("--input") { Description = "Plain text (one text a line), or TSV/CSV/JSONL with a text column.", Required = true };
        var format = SharedOptions.Format();
        var textColumn = SharedOptions.TextColumn();
        var threads = new Option<int>("--threads") { Description = "Scoring threads; -1 for all cores.", DefaultValueFactory = _ => 1 };
        var seconds = new Option<double>("--seconds") { Description = "Score all texts again and again until this many seconds have passed (at least 3 passes).", DefaultValueFactory = _ => 2.0 };
        var command = new Command("bench", "Read the texts into memory, warm up, score them all with the batch API repeatedly, print the median rows per second as one JSON line.")
        {
            model, input, format, textColumn, threads, seconds,
        };
        command.Hidden = true;
        command.SetAction(r => CliRunner.Run(() => Execute(r.GetValue(model)!, new InputOptions(r.GetValue(input)!, r.GetValue(format), r.GetValue(textColumn)!, null, []),
            r.GetValue(threads), r.GetValue(seconds))));
        return command;
    }

    internal static int Execute(string modelPath, InputOptions input, int threads, double seconds)
    {
        if (threads is 0 or < -1) throw new ArgumentException("--threads must be -1 (all cores) or at least 1.");
        if (!(seconds >= 0)) throw new ArgumentException("--seconds must be 0 or more.");
        FramingModel model = CliRunner.LoadModel(modelPath);
        string[] texts = [.. new BatchInput(input, new SkipLog(Console.Error)).Records().Select(record => record.Text)];
        if (texts.Length == 0) throw new ArgumentException($"{input.Path}: no text to score.");
        Pass(model, texts, threads);
        var rates = new List<double>();
        var total = Stopwatch.StartNew();
        while (rates.Count < 3 || total.Elapsed.TotalSeconds < seconds)
        {
            long start = Stopwatch.GetTimestamp();
            Pass(model, texts, threads);
            rates.Add(texts.Length / Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        rates.Sort();
        int n = rates.Count;
        double median = n % 2 == 1 ? rates[n / 2] : (rates[(n / 2) - 1] + rates[n / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"rows\":{texts.Length},\"passes\":{n},\"median_rows_per_second\":{median:0.0},\"threads\":{threads}}}"));
        return 0;
    }

    // Every prediction is produced and read, so no pass can be cut short.
    private static void Pass(FramingModel model, string[] texts, int threads)
    {
        int scored = 0;
        foreach (Prediction p in model.PredictBatch(texts, threads))
            scored += p.Heads.Count;
        if (scored != texts.Length * model.Heads.Count) throw new InvalidOperationException("The batch API returned the wrong number of predictions.");
    }
}
