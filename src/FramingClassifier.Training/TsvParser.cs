namespace FramingClassifier.Training;

/// <summary>Tab-separated records, one per line; blank lines are skipped. No quoting: tabs and newlines cannot occur in fields.</summary>
internal static class TsvParser
{
    public static IEnumerable<(long Line, string[] Fields)> Parse(TextReader reader, string name)
    {
        long line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0) continue;
            yield return (line, text.Split('\t'));
        }
    }
}
