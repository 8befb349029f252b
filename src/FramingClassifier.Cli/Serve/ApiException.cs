using Microsoft.AspNetCore.Http;

namespace FramingClassifier.Cli.Serve;

/// <summary>A request the server refuses: the HTTP status and a message saying what was wrong and where.</summary>
internal sealed class ApiException(int status, string message, (long Line, long Byte)? position = null) : Exception(message)
{
    public int Status { get; } = status;

    /// <summary>Where in the body a malformed JSON request broke, both from 1; null otherwise.</summary>
    public (long Line, long Byte)? Position { get; } = position;

    /// <summary>Writes the reply every error gets: {"error": message} with the status, and line and byte for malformed JSON.</summary>
    public Task WriteAsync(HttpContext context) => ApiReply.WriteAsync(context, Status, json =>
    {
        json.WriteStartObject();
        json.WriteString("error", Message);
        if (Position is var (line, bytes))
        {
            json.WriteNumber("line", line);
            json.WriteNumber("byte", bytes);
        }
        json.WriteEndObject();
    });
}
