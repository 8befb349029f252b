using System.Text.Encodings.Web;
using System.Text.Json;

namespace FramingClassifier.Cli.Batch;

/// <summary>
/// Writes predictions as JSON Lines, one object per scored text: the document id and sentence index
/// when asked for, the copied columns, the text, then each selected head's label and probabilities.
/// </summary>
internal sealed class PredictionWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _json;
    private readonly IReadOnlyList<ModelHead> _heads;
    private readonly string[] _keepColumns;
    private readonly bool _writeDocument;

    public PredictionWriter(Stream stream, IReadOnlyList<ModelHead> heads, string[] keepColumns, bool writeDocument)
    {
        _stream = new BufferedStream(stream, 1 << 16);
        _json = new Utf8JsonWriter(_stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _heads = heads;
        _keepColumns = keepColumns;
        _writeDocument = writeDocument;
    }

    /// <summary>Writes one row; <paramref name="sentence"/> is the sentence index when documents are split.</summary>
    public void Write(InputRecord record, int? sentence, string text, Prediction prediction)
    {
        _json.WriteStartObject();
        if (_writeDocument)
        {
            if (record.Id is null) _json.WriteNumber("doc", record.Line);
            else _json.WriteString("doc", record.Id);
        }
        if (sentence is { } index) _json.WriteNumber("sentence", index);
        for (int c = 0; c < _keepColumns.Length; c++) _json.WriteString(_keepColumns[c], record.Kept[c]);
        _json.WriteString("text", text);
        foreach (ModelHead head in _heads)
        {
            HeadPrediction h = prediction.Heads[IndexOf(prediction, head)];
            _json.WriteStartObject(head.Name);
            _json.WriteString("label", h.Label);
            _json.WriteStartObject("p");
            for (int k = 0; k < head.Labels.Count; k++)
                _json.WriteNumber(head.Labels[k], Math.Round(h.Probabilities[k], 4));
            _json.WriteEndObject();
            _json.WriteEndObject();
        }
        _json.WriteEndObject();
        _json.Flush();
        _json.Reset();
        _stream.WriteByte((byte)'\n');
    }

    public void Dispose()
    {
        _json.Dispose();
        _stream.Flush();
    }

    private static int IndexOf(Prediction prediction, ModelHead head)
    {
        for (int h = 0; h < prediction.Heads.Count; h++)
            if (ReferenceEquals(prediction.Heads[h].Head, head)) return h;
        throw new InvalidOperationException($"The prediction has no head '{head.Name}'.");
    }
}
