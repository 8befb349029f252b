using System.Text.Json;

namespace FramingClassifier.Training;

/// <summary>One JSON object per line; blank lines are skipped. Strings are read as is, numbers and booleans as their JSON text.</summary>
internal static class JsonlParser
{
    public static IEnumerable<TableRow> Parse(Func<TextReader> open, string name, IReadOnlyList<string> columns, Action<DataFileException>? onBadRecord = null)
    {
        using TextReader reader = open();
        long line = 0;
        bool checkedColumns = false;
        while (reader.ReadLine() is { } text)
        {
            line++;
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
            for (int c = 0; c < columns.Count; c++)
                values[c] = doc.RootElement.TryGetProperty(columns[c], out JsonElement v) ? AsString(v) : null;
            yield return new TableRow(name, line, values);
        }
    }

    // Null when the line is not a JSON object and onBadRecord took the error.
    private static JsonDocument? ParseObject(string text, string name, long line, Action<DataFileException>? onBadRecord)
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
            int column = (int)(e.BytePositionInLine ?? 0) + 1;
            error = new DataFileException(name, line, column, "invalid JSON: " + e.Message.Split(" Path:")[0]);
        }
        if (onBadRecord is null) throw error;
        onBadRecord(error);
        return null;
    }

    private static string? AsString(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => v.GetRawText(),
    };
}
