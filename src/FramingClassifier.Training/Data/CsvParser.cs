using System.Globalization;
using System.Text;

namespace FramingClassifier.Training;

/// <summary>RFC 4180 CSV: fields separated by commas, quoted fields may hold commas, doubled quotes and newlines.</summary>
internal static class CsvParser
{
    public static IEnumerable<ParsedRecord> Parse(TextReader reader, string name, int maxRecordChars, Action<DataFileException> onBadLine)
    {
        var fields = new List<string>();
        var starts = new List<int>();
        var field = new StringBuilder();
        long line = 1, recordLine = 1;
        int column = 0, fieldStart = 1, fieldChars = 0, recordChars = 0;
        bool quoted = false, afterQuote = false, tooLong = false;
        long quoteLine = 0;
        int quoteColumn = 0;
        int next;
        // A record over the limit is still parsed to its end, so the next one is found; then it is dropped.
        void Append(char c)
        {
            fieldChars++;
            if (++recordChars > maxRecordChars) tooLong = true;
            else field.Append(c);
        }
        void EndField()
        {
            fields.Add(tooLong ? "" : field.ToString());
            starts.Add(fieldStart);
            field.Clear();
            fieldChars = 0;
            fieldStart = column + 1;
        }
        while ((next = reader.Read()) >= 0)
        {
            char c = (char)next;
            column++;
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); column++; Append('"'); }
                    else { quoted = false; afterQuote = true; }
                }
                else
                {
                    Append(c);
                    if (c == '\n') { line++; column = 0; }
                }
                continue;
            }
            switch (c)
            {
                case ',':
                    EndField();
                    afterQuote = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    EndField();
                    if (tooLong)
                        onBadLine(TooLong(name, recordLine, maxRecordChars));
                    else if (fields.Count > 1 || fields[0].Length > 0 || afterQuote)
                        yield return new ParsedRecord(recordLine, [.. fields], [.. starts]);
                    fields.Clear();
                    starts.Clear();
                    afterQuote = tooLong = false;
                    recordChars = 0;
                    line++;
                    recordLine = line;
                    column = 0;
                    fieldStart = 1;
                    break;
                case '"' when fieldChars == 0 && !afterQuote:
                    quoted = true;
                    quoteLine = line;
                    quoteColumn = column;
                    break;
                default:
                    if (afterQuote && quoteLine < line)
                        throw new DataFileException(name, quoteLine, quoteColumn,
                            $"a quoted field opened here runs to line {line}, where '{c}' follows its closing quote; a quote is missing, or one inside the field is not doubled.");
                    if (afterQuote)
                        throw new DataFileException(name, line, column, $"unexpected character '{c}' after a closing quote; expected ',' or the end of the line.");
                    if (c == '"')
                        throw new DataFileException(name, line, column, "a quote inside an unquoted field; quote the whole field and double the inner quotes.");
                    Append(c);
                    break;
            }
        }
        if (quoted) throw new DataFileException(name, quoteLine, quoteColumn, "a quoted field is never closed.");
        if (fieldChars > 0 || fields.Count > 0 || afterQuote)
        {
            EndField();
            if (tooLong) onBadLine(TooLong(name, recordLine, maxRecordChars));
            else yield return new ParsedRecord(recordLine, [.. fields], [.. starts]);
        }
    }

    private static DataFileException TooLong(string name, long line, int maxChars) =>
        new(name, line, 1, string.Create(CultureInfo.InvariantCulture, $"the record is longer than {maxChars:N0} characters; it is left out unread."));
}
