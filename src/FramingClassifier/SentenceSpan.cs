namespace FramingClassifier;

/// <summary>
/// One sentence of a document, found by <see cref="SentenceSplitter"/>: where it is, and the
/// quotation mark still open where it starts when a quotation runs on from an earlier sentence.
/// </summary>
/// <param name="Start">Index of its first character in the document.</param>
/// <param name="Length">Its length in characters; surrounding white space is left out.</param>
/// <param name="OpenQuote">The opening mark of a quotation that began in an earlier sentence and is still open here; '\0' when none.</param>
public readonly record struct SentenceSpan(int Start, int Length, char OpenQuote)
{
    /// <summary>True when the sentence lies inside a quotation opened by an earlier sentence.</summary>
    public bool ContinuesQuote => OpenQuote != '\0';

    /// <summary>Its text, cut from <paramref name="document"/>.</summary>
    public string TextOf(string document) => document.Substring(Start, Length);

    /// <summary>
    /// The text to score: the sentence, preceded by the still-open quotation mark when it continues a
    /// quotation, so that the model sees its words as quoted (the voice head depends on it).
    /// </summary>
    public string ModelInputOf(string document) =>
        ContinuesQuote ? OpenQuote + TextOf(document) : TextOf(document);
}
