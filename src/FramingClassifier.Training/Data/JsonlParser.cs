using System.Text.Json;

namespace FramingClassifier.Training;

/// <summary>
/// One JSON object per line; blank lines are skipped. Strings are read as is; numbers and booleans as
/// their JSON text, except in the first <c>textColumns</c> columns, which must hold strings.
/// </summary>
internal static class JsonlParser
{
    public static IEnumerable<TableRow> Parse(Func<TextReader> open, string name, IReadOnlyList<string> columns, int textColumns, int maxLineChars,
        Action<DataFileException> onBadRecord)
    {
        using TextReader reader = open();
        var lines = new LineReader(reader, maxLineChars);
        long line = 0;
        bool checkedColumns = false;
        while (lines.ReadLine(out bool tooLong) is { } text)
        {
            line++;
            if (tooLong) onBadRecord(LineReader.TooLong(name, line, maxLineChars));
            if (string.IsNullOrWhiteSpace(text)) continue;
            using JsonDocument? doc = ParseObject(text, name, line, onBadRecord);
            if (doc is null) continue;
            if (!checkedColumns)
            {
                string[] keys = doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
                TableReader.MapColumns(name, keys, columns);
                checkedColumns = true;
            }
            var values = new string?[columns.Count];
            var starts = new int[columns.Count];
            DataFileException? error = null;
            for (int c = 0; c < columns.Count && error is null; c++)
            {
                starts[c] = ColumnOf(text, columns[c]);
                if (doc.RootElement.TryGetProperty(columns[c], out JsonElement v))
                    (values[c], error) = Read(v, c < textColumns, name, line, starts[c], columns[c]);
            }
            if (error is not null) onBadRecord(error);
            else yield return new TableRow(name, line, values) { Columns = starts };
        }
    }

    // Null when the line is not a JSON object and onBadRecord took the error.
    private static JsonDocument? ParseObject(string text, string name, long line, Action<DataFileException> onBadRecord)
    {
        DataFileException error;
        try
        {
            JsonDocument doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind == JsonValueKind.Object) return doc;
            error = new DataFileException(name, line, 1, $"expected a JSON object, found {doc.RootElement.ValueKind}.");
            doc.Dispose();
        }
        catch (JsonException e)
        {
            error = DataFileException.FromJson(name, line, text, e);
        }
        onBadRecord(error);
        return null;
    }

    private static (string?, DataFileException?) Read(JsonElement v, bool text, string name, long line, int column, string field)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return (null, null);
            case JsonValueKind.String:
                try { return (v.GetString(), null); }
                catch (InvalidOperationException)
                {
                    return (null, new DataFileException(name, line, column, $"'{field}' holds a lone UTF-16 surrogate escape (half of a pair, such as \\ud83d alone)."));
                }
            default:
                return text ? (null, new DataFileException(name, line, column, $"expected a string in '{field}', found {v.ValueKind.ToString().ToLowerInvariant()}."))
                    : (v.GetRawText(), null);
        }
    }

    // The column of the field's key: a fair place to point at, as JsonDocument keeps no positions.
    private static int ColumnOf(string text, string field)
    {
        int at = text.IndexOf("\"" + field + "\"", StringComparison.Ordinal);
        return at < 0 ? 1 : at + 1;
    }
}
