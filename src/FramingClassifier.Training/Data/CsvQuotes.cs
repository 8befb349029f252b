namespace FramingClassifier.Training;

/// <summary>
/// RFC 4180 quoting of one CSV field as it stands in the file: a field is either unquoted and free of
/// quotes, or wholly quoted with inner quotes doubled. Sep splits records by quote parity and accepts
/// anything, so the rule is checked here, with the messages that point at what to fix.
/// </summary>
internal static class CsvQuotes
{
    /// <summary>Where <paramref name="field"/> breaks the rule (its offset in the field) and why; null when it is well formed.</summary>
    /// <param name="field">The raw field, quotes included.</param>
    /// <param name="line">The line the field starts on, for a message that names a later line.</param>
    public static (int Offset, string Message)? Problem(ReadOnlySpan<char> field, long line)
    {
        int quote = field.IndexOf('"');
        if (quote < 0) return null;
        if (quote > 0) return (quote, "a quote inside an unquoted field; quote the whole field and double the inner quotes.");
        int close = ClosingQuote(field);
        if (close < 0) return (0, "a quoted field is never closed.");
        if (close == field.Length - 1) return null;
        char next = field[close + 1];
        long at = line + LineBreaks(field[..(close + 1)]);
        return at > line
            ? (0, $"a quoted field opened here runs to line {at}, where '{next}' follows its closing quote; a quote is missing, or one inside the field is not doubled.")
            : (close + 1, $"unexpected character '{next}' after a closing quote; expected ',' or the end of the line.");
    }

    /// <summary>The value of a well-formed field: unquoted as it stands, quoted without its quotes and with doubled quotes single.</summary>
    public static string Value(ReadOnlySpan<char> field)
    {
        if (field.IsEmpty || field[0] != '"') return new string(field);
        string inner = new(field[1..^1]);
        return inner.Contains('"', StringComparison.Ordinal) ? inner.Replace("\"\"", "\"", StringComparison.Ordinal) : inner;
    }

    /// <summary>The line breaks in <paramref name="text"/>, counted as Sep counts lines: \n, \r\n or a lone \r.</summary>
    public static int LineBreaks(ReadOnlySpan<char> text) => text.Count('\n') + text.Count('\r') - text.Count("\r\n");

    // The quote that closes the field opened at 0, skipping doubled quotes; -1 when none does.
    private static int ClosingQuote(ReadOnlySpan<char> field)
    {
        int i = 1;
        while (true)
        {
            int q = field[i..].IndexOf('"');
            if (q < 0) return -1;
            i += q;
            if (i + 1 < field.Length && field[i + 1] == '"') i += 2;
            else return i;
        }
    }
}
