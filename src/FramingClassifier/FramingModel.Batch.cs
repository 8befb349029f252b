namespace FramingClassifier;

/// <summary>A prediction for one sentence of a document that <see cref="FramingModel.PredictSentences{T}"/> split.</summary>
/// <typeparam name="T">The caller's document type.</typeparam>
/// <param name="Document">The document the sentence comes from.</param>
/// <param name="Index">The sentence's position in its document, from 0.</param>
/// <param name="Span">Where the sentence is in the document's text.</param>
/// <param name="Text">The sentence as written in the document.</param>
/// <param name="Prediction">What the model says about it.</param>
public sealed record SentencePrediction<T>(T Document, int Index, SentenceSpan Span, string Text, Prediction Prediction);

public sealed partial class FramingModel
{
    /// <summary>
    /// Predicts items that carry a text together with anything else the caller needs back (an id,
    /// other columns), on all cores, yielding each item with its prediction in input order. Reads
    /// <paramref name="items"/> lazily in blocks, so memory stays flat however long the sequence is.
    /// </summary>
    /// <param name="items">The items; read once, lazily.</param>
    /// <param name="textOf">The text to score of an item.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for all cores, 1 for the calling thread only.</param>
    public IEnumerable<(T Item, Prediction Prediction)> PredictBatch<T>(IEnumerable<T> items, Func<T, string> textOf, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(textOf);
        // PredictBatch yields exactly one prediction per text, in order, and reads at most two blocks
        // ahead, all on this thread, so a queue pairs each prediction with its item and stays small.
        var pending = new Queue<T>();
        IEnumerable<string> texts = items.Select(item =>
        {
            pending.Enqueue(item);
            return textOf(item);
        });
        foreach (Prediction p in PredictBatch(texts, maxDegreeOfParallelism))
            yield return (pending.Dequeue(), p);
    }

    /// <summary>
    /// Splits each document into sentences with <see cref="SentenceSplitter"/> and predicts every
    /// sentence, on all cores, in document and sentence order, streaming like <see cref="PredictBatch(IEnumerable{string}, int)"/>.
    /// A sentence inside a quotation that began in an earlier sentence is scored with the open quotation
    /// mark in front (<see cref="SentenceSpan.ModelInputOf"/>), so its words count as quoted.
    /// </summary>
    /// <example><code>
    /// foreach (var s in FramingModel.Default.PredictSentences(articles, a => a.Body))
    ///     Console.WriteLine($"{s.Document.Id} #{s.Index}: {s.Prediction["framing"].Label}");
    /// </code></example>
    /// <param name="documents">The documents; read once, lazily.</param>
    /// <param name="textOf">The text of a document.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for all cores, 1 for the calling thread only.</param>
    public IEnumerable<SentencePrediction<T>> PredictSentences<T>(IEnumerable<T> documents, Func<T, string> textOf, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(textOf);
        IEnumerable<(T Document, string Text, int Index, SentenceSpan Span)> sentences = documents.SelectMany(document =>
        {
            string text = textOf(document);
            return SentenceSplitter.Split(text).Select((span, index) => (document, text, index, span));
        });
        foreach (var (s, p) in PredictBatch(sentences, s => s.Span.ModelInputOf(s.Text), maxDegreeOfParallelism))
            yield return new SentencePrediction<T>(s.Document, s.Index, s.Span, s.Span.TextOf(s.Text), p);
    }
}
