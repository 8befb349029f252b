using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace FramingClassifier.Cli.Serve;

/// <summary>
/// Reads a request body as JSON within the size limit, and reads its values with errors that give
/// the JSON path of the value that was wrong ($.texts[3]), or the line and byte where parsing broke.
/// </summary>
internal static class JsonRequest
{
    public static async Task<JsonDocument> ReadAsync(HttpRequest request, int maxBytes)
    {
        if (request.ContentLength > maxBytes) throw TooLarge(request.ContentLength.Value, maxBytes);
        var body = new MemoryStream();
        var chunk = new byte[16384];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (body.Length + read > maxBytes) throw TooLarge(body.Length + read, maxBytes, atLeast: true);
                body.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(body.Length, maxBytes, atLeast: true);
        }
        if (body.Length == 0) throw new ApiException(400, "The request body is empty; send JSON.");
        try
        {
            return JsonDocument.Parse(body.GetBuffer().AsMemory(0, (int)body.Length), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            long line = (e.LineNumber ?? 0) + 1, bytes = (e.BytePositionInLine ?? 0) + 1;
            throw new ApiException(400, Invariant($"Malformed JSON at line {line}, byte {bytes}: {Reason(e.Message)}"), (line, bytes));
        }
    }

    public static string String(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw WrongKind(value, path, "a string");

    public static bool Boolean(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw WrongKind(value, path, "true or false"),
    };

    public static int Integer(JsonElement value, string path, int min, int max) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) && n >= min && n <= max
            ? n
            : throw new ApiException(400, Invariant($"{path}: expected a whole number from {min} to {max}, found {value.GetRawText()}."));

    public static List<string> Strings(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array) throw WrongKind(value, path, "an array of strings");
        var list = new List<string>(value.GetArrayLength());
        foreach (JsonElement item in value.EnumerateArray()) list.Add(String(item, Invariant($"{path}[{list.Count}]")));
        return list;
    }

    public static ApiException UnknownField(string path, string name, string expected) =>
        new(400, $"{path}: unknown field '{name}'; expected {expected}.");

    public static ApiException Missing(string path, string name) => new(400, $"{path}: the field '{name}' is missing.");

    public static ApiException WrongKind(JsonElement value, string path, string expected) =>
        new(400, $"{path}: expected {expected}, found {Describe(value.ValueKind)}.");

    private static ApiException TooLarge(long bytes, int maxBytes, bool atLeast = false) =>
        new(413, Invariant($"The request body has {(atLeast ? "more than " : "")}{(atLeast ? maxBytes : bytes):N0} bytes, over the limit of {maxBytes:N0} (--max-body-bytes)."));

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    // System.Text.Json ends its messages with "LineNumber: 0 | BytePositionInLine: 5.", counted from 0; the reply gives them from 1.
    private static string Reason(string message)
    {
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).Trim();
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
