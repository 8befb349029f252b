using System.Text;

namespace FramingClassifier.Training;

/// <summary>RFC 4180 CSV: fields separated by commas, quoted fields may hold commas, doubled quotes and newlines.</summary>
internal static class CsvParser
{
    public static IEnumerable<(long Line, string[] Fields)> Parse(TextReader reader, string name)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        long line = 1, recordLine = 1;
        int column = 0;
        bool quoted = false, afterQuote = false;
        long quoteLine = 0;
        int quoteColumn = 0;
        int next;
        while ((next = reader.Read()) >= 0)
        {
            char c = (char)next;
            column++;
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); column++; field.Append('"'); }
                    else { quoted = false; afterQuote = true; }
                }
                else
                {
                    field.Append(c);
                    if (c == '\n') { line++; column = 0; }
                }
                continue;
            }
            switch (c)
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    afterQuote = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    if (fields.Count > 1 || fields[0].Length > 0 || afterQuote) yield return (recordLine, fields.ToArray());
                    fields.Clear();
                    afterQuote = false;
                    line++;
                    recordLine = line;
                    column = 0;
                    break;
                case '"' when field.Length == 0 && !afterQuote:
                    quoted = true;
                    quoteLine = line;
                    quoteColumn = column;
                    break;
                default:
                    if (afterQuote)
                        throw new DataFileException(name, line, column, $"unexpected character '{c}' after a closing quote; expected ',' or the end of the line.");
                    if (c == '"')
                        throw new DataFileException(name, line, column, "a quote inside an unquoted field; quote the whole field and double the inner quotes.");
                    field.Append(c);
                    break;
            }
        }
        if (quoted) throw new DataFileException(name, quoteLine, quoteColumn, "a quoted field is never closed.");
        if (field.Length > 0 || fields.Count > 0 || afterQuote)
        {
            fields.Add(field.ToString());
            yield return (recordLine, fields.ToArray());
        }
    }
}
