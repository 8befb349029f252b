using System.CommandLine;
using System.Text.Json;
using FramingClassifier.Training;

namespace FramingClassifier.Cli.Commands;

/// <summary>`framing predict`: score text rows and write one JSON object per row, in input order.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = SharedOptions.Model(required: false);
        var input = new Option<string>("--input") { Description = "Input file, or - for standard input.", DefaultValueFactory = _ => "-" };
        var output = new Option<string>("--output") { Description = "Output JSONL file, or - for standard output.", DefaultValueFactory = _ => "-" };
        var format = SharedOptions.Format();
        var textColumn = SharedOptions.TextColumn();
        var command = new Command("predict", "Label text: plain text (one sentence a line), TSV/CSV with a text column, or JSONL with a text field. Writes JSONL.")
        {
            model, input, output, format, textColumn,
        };
        command.SetAction(r => CliRunner.Run(() =>
        {
            FramingModel m = CliRunner.LoadModel(r.GetValue(model));
            string inPath = r.GetValue(input)!, outPath = r.GetValue(output)!;
            DataFormat f = inPath == "-" && r.GetValue(format) == DataFormat.Auto ? DataFormat.Text : DataFormats.Resolve(inPath, r.GetValue(format));
            Func<TextReader> open = inPath == "-" ? () => Console.In : () => new StreamReader(inPath);
            if (inPath != "-" && !File.Exists(inPath)) throw new FileNotFoundException($"{inPath}: file not found.");
            var rows = TableReader.Read(open, inPath == "-" ? "stdin" : inPath, [r.GetValue(textColumn)!], f);
            IEnumerable<string> texts = rows.Select(row => row.Values[0] ?? "");
            if (outPath == "-")
                Write(m, texts, Console.OpenStandardOutput());
            else
                CliRunner.WriteAtomically(outPath, s => Write(m, texts, s));
            return 0;
        }));
        return command;
    }

    internal static void Write(FramingModel model, IEnumerable<string> texts, Stream stream)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        foreach (Prediction p in model.PredictBatch(texts))
        {
            writer.WriteStartObject();
            writer.WriteString("text", p.Text);
            foreach (HeadPrediction h in p.Heads)
            {
                writer.WriteStartObject(h.Head.Name);
                writer.WriteString("label", h.Label);
                writer.WriteStartObject("p");
                for (int k = 0; k < h.Head.Labels.Count; k++)
                    writer.WriteNumber(h.Head.Labels[k], Math.Round(h.Probabilities[k], 4));
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.Flush();
            writer.Reset();
            stream.WriteByte((byte)'\n');
        }
        stream.Flush();
    }
}
