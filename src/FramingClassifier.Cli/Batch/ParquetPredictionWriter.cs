using Parquet;
using Parquet.Schema;

namespace FramingClassifier.Cli.Batch;

/// <summary>
/// Writes predictions as an Apache Parquet file, one row per scored text: <c>doc</c> (the id, when
/// the input has ids) or <c>row</c> (the input line, or the Parquet row from 1), <c>sentence</c> when
/// documents are split, the kept columns as text, <c>text</c> when documents are split (the sentence),
/// then per head <c>{head}</c> (the label) and either <c>{head}_p</c> (the label's probability) or,
/// with all probabilities, <c>{head}_p_{label}</c> for every label. Rows are written in row groups of
/// <see cref="RowGroupSize"/>, so memory stays flat however long the input is; the Parquet footer
/// needs a seekable stream, so standard output gets the file from memory once it is complete.
/// </summary>
internal sealed class ParquetPredictionWriter : IDisposable
{
    /// <summary>Rows per row group.</summary>
    public const int RowGroupSize = 100_000;

    private readonly Stream _target;
    private readonly Stream _stream;
    private readonly IReadOnlyList<ModelHead> _heads;
    private readonly string[] _keepColumns;
    private readonly bool _ids, _split, _allProbabilities, _probability;
    private readonly DataField[] _fields;
    private readonly ParquetWriter _writer;
    private readonly List<string> _docs = [], _texts = [];
    private readonly List<long> _rows = [];
    private readonly List<int> _sentences = [];
    private readonly List<string?>[] _kept;
    private readonly List<string>[] _labels;
    private readonly List<float>[] _p;

    public ParquetPredictionWriter(Stream stream, IReadOnlyList<ModelHead> heads, string[] keepColumns, bool ids, bool split, ProbabilityChoice probabilities)
    {
        if (probabilities.Top > 1 && probabilities != ProbabilityChoice.All)
            throw new ArgumentException("--probabilities: Parquet output writes none, 1 (the label's probability, the default) or all (one column per label).");
        (_target, _heads, _keepColumns, _ids, _split) = (stream, heads, keepColumns, ids, split);
        _allProbabilities = probabilities == ProbabilityChoice.All;
        _probability = probabilities.Top == 1;
        _stream = stream.CanSeek ? stream : new MemoryStream();
        var fields = new List<DataField> { ids ? new DataField<string>("doc") : new DataField<long>("row") };
        if (split) fields.Add(new DataField<int>("sentence"));
        fields.AddRange(keepColumns.Select(c => new DataField<string>(c, nullable: true)));
        if (split) fields.Add(new DataField<string>("text"));
        foreach (ModelHead head in heads)
        {
            fields.Add(new DataField<string>(head.Name));
            if (_allProbabilities) fields.AddRange(head.Labels.Select(l => new DataField<float>($"{head.Name}_p_{l}")));
            else if (_probability) fields.Add(new DataField<float>($"{head.Name}_p"));
        }
        _fields = [.. fields];
        if (_fields.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count() != _fields.Length)
            throw new ArgumentException($"Parquet output would have two columns of the same name: {string.Join(", ", _fields.Select(f => f.Name))}.");
        _kept = [.. keepColumns.Select(_ => new List<string?>())];
        _labels = [.. heads.Select(_ => new List<string>())];
        _p = [.. heads.Select(h => new List<float>())];
        _writer = ParquetWriter.CreateAsync(new ParquetSchema(_fields), _stream).GetAwaiter().GetResult();
    }

    /// <summary>Adds one row; <paramref name="sentence"/> is the sentence index when documents are split.</summary>
    public void Write(InputRecord record, int? sentence, string text, Prediction prediction)
    {
        if (_ids) _docs.Add(record.Id ?? record.Line.ToString(System.Globalization.CultureInfo.InvariantCulture));
        else _rows.Add(record.Line);
        if (_split)
        {
            _sentences.Add(sentence ?? 0);
            _texts.Add(text);
        }
        for (int c = 0; c < _keepColumns.Length; c++) _kept[c].Add(record.Kept[c]);
        for (int h = 0; h < _heads.Count; h++)
        {
            HeadPrediction head = prediction[_heads[h].Name];
            _labels[h].Add(head.Label);
            if (_allProbabilities) _p[h].AddRange(head.Probabilities);
            else if (_probability) _p[h].Add(head.Probability);
        }
        if (_labels.Length > 0 ? _labels[0].Count >= RowGroupSize : _rows.Count + _docs.Count >= RowGroupSize) Flush();
    }

    public void Dispose()
    {
        Flush();
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (!ReferenceEquals(_stream, _target))
        {
            _stream.Position = 0;
            _stream.CopyTo(_target);
            _stream.Dispose();
        }
        _target.Flush();
    }

    private void Flush()
    {
        int count = _ids ? _docs.Count : _rows.Count;
        if (count == 0) return;
        using (ParquetRowGroupWriter group = _writer.CreateRowGroup())
        {
            int f = 0;
            if (_ids) group.WriteAsync(_fields[f++], _docs).GetAwaiter().GetResult();
            else Write(group, _fields[f++], _rows.ToArray());
            if (_split) Write(group, _fields[f++], _sentences.ToArray());
            foreach (List<string?> kept in _kept) group.WriteAsync(_fields[f++], kept!).GetAwaiter().GetResult();
            if (_split) group.WriteAsync(_fields[f++], _texts).GetAwaiter().GetResult();
            for (int h = 0; h < _heads.Count; h++)
            {
                group.WriteAsync(_fields[f++], _labels[h]).GetAwaiter().GetResult();
                if (_allProbabilities)
                {
                    int labels = _heads[h].Labels.Count;
                    float[] all = _p[h].ToArray();
                    for (int k = 0; k < labels; k++)
                    {
                        float[] column = new float[count];
                        for (int r = 0; r < count; r++) column[r] = all[r * labels + k];
                        Write(group, _fields[f++], column);
                    }
                }
                else if (_probability) Write(group, _fields[f++], _p[h].ToArray());
            }
            group.CompleteValidate();
        }
        foreach (var list in (IEnumerable<System.Collections.IList>)[_docs, _texts, _rows, _sentences, .. _kept, .. _labels, .. _p]) list.Clear();
    }

    private static void Write<T>(ParquetRowGroupWriter group, DataField field, T[] values) where T : struct =>
        group.WriteAsync<T>(field, values.AsMemory()).GetAwaiter().GetResult();
}
