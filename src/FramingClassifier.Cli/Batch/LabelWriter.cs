using System.Globalization;
using System.Text;

namespace FramingClassifier.Cli.Batch;

/// <summary>
/// Writes one line per input row with each head's label, tab-separated, in input order, as `fasttext
/// predict` does; with probabilities, a head's field is its top labels each followed by a space and
/// its probability ("rebel 0.91 insurgent 0.05"), like `fasttext predict-prob`. A row that was skipped
/// writes an empty line, so line i of the output is row i of the input.
/// Labels are encoded to UTF-8 once and lines go straight into a byte buffer that reaches the stream in 64 KB pieces.
/// </summary>
internal sealed class LabelWriter : IDisposable
{
    private const int Chunk = 1 << 16;
    private readonly Stream _stream;
    private readonly IReadOnlyList<ModelHead> _heads;
    private readonly ProbabilityChoice _probabilities;
    private readonly byte[][][] _labels;
    private byte[] _buffer = new byte[Chunk + 4096];
    private int _used;

    public LabelWriter(Stream stream, IReadOnlyList<ModelHead> heads, ProbabilityChoice probabilities)
    {
        _stream = stream;
        _heads = heads;
        _probabilities = probabilities;
        _labels = [.. heads.Select(h => h.Labels.Select(Encoding.UTF8.GetBytes).ToArray())];
    }

    /// <summary>Writes a row's labels, or an empty line for a skipped row (null).</summary>
    public void Write(Prediction? prediction)
    {
        if (prediction is not null)
        {
            for (int h = 0; h < _heads.Count; h++)
            {
                if (h > 0) Append((byte)'\t');
                HeadPrediction head = HeadOf(prediction, _heads[h]);
                byte[][] labels = _labels[h];
                if (_probabilities.Top == 0)
                {
                    Append(labels[head.LabelIndex]);
                    continue;
                }
                int[] top = _probabilities.Ranked(head);
                for (int i = 0; i < top.Length; i++)
                {
                    if (i > 0) Append((byte)' ');
                    Append(labels[top[i]]);
                    Append((byte)' ');
                    AppendProbability(head.Probabilities[top[i]]);
                }
            }
        }
        Append((byte)'\n');
        if (_used >= Chunk) Drain();
    }

    public void Dispose()
    {
        Drain();
        _stream.Flush();
    }

    private static HeadPrediction HeadOf(Prediction prediction, ModelHead head)
    {
        for (int h = 0; h < prediction.Heads.Count; h++)
            if (ReferenceEquals(prediction.Heads[h].Head, head)) return prediction.Heads[h];
        return prediction[head.Name];
    }

    private void Append(byte b)
    {
        Reserve(1);
        _buffer[_used++] = b;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    // Math.Round(p, 4) as double.ToString(InvariantCulture) writes it.
    private void AppendProbability(float probability)
    {
        Reserve(32);
        Span<byte> free = _buffer.AsSpan(_used);
        if (!ProbabilityText.TryFormat(probability, free, out int written))
            Math.Round(probability, 4).TryFormat(free, out written, default, CultureInfo.InvariantCulture);
        _used += written;
    }

    private void Reserve(int bytes)
    {
        if (_used + bytes <= _buffer.Length) return;
        Drain();
        if (bytes > _buffer.Length) _buffer = new byte[bytes];
    }

    private void Drain()
    {
        _stream.Write(_buffer, 0, _used);
        _used = 0;
    }
}
