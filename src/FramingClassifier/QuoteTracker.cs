namespace FramingClassifier;

internal enum QuoteEvent : byte { Opened, Closed, ClosedUnopened, Ignored }

/// <summary>
/// Tracks quotation depth through a sentence. Directional marks (“ ” „ « » ‘ ’ ‚ ‹ ›) open and close;
/// straight marks toggle; a straight single quote opens only before a letter and closes only an open one.
/// </summary>
internal struct QuoteTracker
{
    private bool _doubleOpen;
    private bool _singleOpen;
    private int _directional;

    public readonly int Depth => _directional + (_doubleOpen ? 1 : 0) + (_singleOpen ? 1 : 0);

    public QuoteEvent Visit(ReadOnlySpan<char> text, int i)
    {
        switch (text[i])
        {
            case '"':
                _doubleOpen = !_doubleOpen;
                return _doubleOpen ? QuoteEvent.Opened : QuoteEvent.Closed;
            case '\'':
                return VisitStraightSingle(text, i);
            case '“' or '„' or '«' or '‹' or '‘' or '‚':
                _directional++;
                return QuoteEvent.Opened;
            default: // ” » › ’
                if (_directional > 0) { _directional--; return QuoteEvent.Closed; }
                // A lone ’ after a word is a possessive ("rebels’"), not the end of a quotation.
                return text[i] == '’' ? QuoteEvent.Ignored : QuoteEvent.ClosedUnopened;
        }
    }

    private QuoteEvent VisitStraightSingle(ReadOnlySpan<char> text, int i)
    {
        if (_singleOpen) { _singleOpen = false; return QuoteEvent.Closed; }
        bool beforeLetter = i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]);
        bool afterSpace = i == 0 || !char.IsLetterOrDigit(text[i - 1]);
        if (beforeLetter && afterSpace) { _singleOpen = true; return QuoteEvent.Opened; }
        return QuoteEvent.Ignored;
    }
}
