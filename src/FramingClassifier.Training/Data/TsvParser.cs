namespace FramingClassifier.Training;

/// <summary>Tab-separated records, one per line; blank lines are skipped. No quoting: tabs and newlines cannot occur in fields.</summary>
internal static class TsvParser
{
    public static IEnumerable<ParsedRecord> Parse(TextReader reader, string name, int maxLineChars, Action<DataFileException> onBadLine)
    {
        var lines = new LineReader(reader, maxLineChars);
        long line = 0;
        while (lines.ReadLine(out bool tooLong) is { } text)
        {
            line++;
            if (tooLong) onBadLine(LineReader.TooLong(name, line, maxLineChars));
            if (text.Length == 0) continue;
            string[] fields = text.Split('\t');
            var columns = new int[fields.Length];
            for (int i = 0, column = 1; i < fields.Length; column += fields[i].Length + 1, i++) columns[i] = column;
            yield return new ParsedRecord(line, fields, columns);
        }
    }
}
