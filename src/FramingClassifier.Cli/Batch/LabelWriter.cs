using System.Globalization;
using System.Text;

namespace FramingClassifier.Cli.Batch;

/// <summary>
/// Writes one line per input row with each head's label, tab-separated, in input order, as `fasttext
/// predict` does; with probabilities, a head's field is its top labels each followed by a space and
/// its probability ("rebel 0.91 insurgent 0.05"), like `fasttext predict-prob`. A row that was skipped
/// writes an empty line, so line i of the output is row i of the input.
/// </summary>
internal sealed class LabelWriter(Stream stream, IReadOnlyList<ModelHead> heads, ProbabilityChoice probabilities) : IDisposable
{
    private readonly StreamWriter _writer = new(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
    private readonly StringBuilder _line = new();

    /// <summary>Writes a row's labels, or an empty line for a skipped row (null).</summary>
    public void Write(Prediction? prediction)
    {
        _line.Clear();
        if (prediction is not null)
        {
            for (int h = 0; h < heads.Count; h++)
            {
                if (h > 0) _line.Append('\t');
                HeadPrediction head = prediction[heads[h].Name];
                int[] top = probabilities.Ranked(head);
                if (top.Length == 0)
                {
                    _line.Append(head.Label);
                    continue;
                }
                for (int i = 0; i < top.Length; i++)
                {
                    if (i > 0) _line.Append(' ');
                    _line.Append(head.Head.Labels[top[i]]).Append(' ')
                        .Append(Math.Round(head.Probabilities[top[i]], 4).ToString(CultureInfo.InvariantCulture));
                }
            }
        }
        _writer.WriteLine(_line);
    }

    public void Dispose()
    {
        _writer.Dispose();
        stream.Flush();
    }
}
