using System.Buffers;
using System.Text.Json;
using FramingClassifier.Cli.Batch;
using Microsoft.AspNetCore.Http;

namespace FramingClassifier.Cli.Serve;

/// <summary>Writes JSON replies from a buffer, so each goes out with its length in one write.</summary>
internal static class ApiReply
{
    public static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, PredictionWriter.JsonOptions)) write(json);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
