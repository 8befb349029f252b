using System.Text.Json;
using FramingClassifier.Cli.Batch;
using FramingClassifier.Cli.Commands;
using Microsoft.AspNetCore.Http;

namespace FramingClassifier.Cli.Serve;

/// <summary>The request handlers of `framing serve`, sharing one loaded model.</summary>
internal sealed class ServeEndpoints(FramingModel model, string? modelPath, ServeOptions options)
{
    private readonly byte[] _modelInfo = Serialize(ModelInfo.Of(model, modelPath).WriteJson);
    private readonly byte[] _page = ReadPage();

    /// <summary>Every endpoint: <see cref="ServeApp"/> maps this list, and the 404 and 405 replies name it.</summary>
    public (string Method, string Path, Func<HttpContext, Task> Handler)[] Routes =>
        [("GET", "/", Page), ("POST", "/v1/predict", Predict), ("POST", "/v1/explain", Explain), ("GET", "/v1/model", Model), ("GET", "/healthz", Health)];

    private sealed record Item(int Document, int? Sentence, string Text, string ModelInput);

    public async Task Predict(HttpContext context)
    {
        using JsonDocument request = await JsonRequest.ReadAsync(context.Request, options.MaxBodyBytes);
        PredictBody body = PredictBody.Parse(request.RootElement, model, options);
        await ApiReply.WriteAsync(context, 200, json =>
        {
            json.WriteStartArray();
            foreach (var (item, p) in model.PredictBatch(Items(body), i => i.ModelInput))
                PredictionWriter.WriteRow(json, body.Heads, [], body.SplitSentences, ProbabilityChoice.All,
                    new InputRecord("request", item.Document, null, body.Texts[item.Document], []), item.Sentence, item.Text, p);
            json.WriteEndArray();
        });
    }

    public async Task Explain(HttpContext context)
    {
        using JsonDocument request = await JsonRequest.ReadAsync(context.Request, options.MaxBodyBytes);
        ExplainBody body = ExplainBody.Parse(request.RootElement, model, options);
        Explanation e = model.Explain(body.Text, body.Head.Name, body.Top);
        await ApiReply.WriteAsync(context, 200, json =>
        {
            json.WriteStartObject();
            json.WriteString("text", body.Text);
            json.WriteString("head", body.Head.Name);
            json.WriteString("label", e.Prediction.Label);
            json.WriteStartObject("p");
            for (int k = 0; k < body.Head.Labels.Count; k++)
                json.WriteNumber(body.Head.Labels[k], Math.Round(e.Prediction.Probabilities[k], 4));
            json.WriteEndObject();
            json.WriteStartArray("features");
            foreach (FeatureContribution c in e.Features)
            {
                json.WriteStartObject();
                json.WriteString("feature", c.Feature);
                json.WriteString("kind", KindName(c.Kind));
                json.WriteNumber("contribution", Math.Round(c.Contribution, 4));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    public Task Model(HttpContext context) => WriteBytes(context, "application/json; charset=utf-8", _modelInfo);

    public Task Health(HttpContext context) => ApiReply.WriteAsync(context, 200, json =>
    {
        json.WriteStartObject();
        json.WriteString("status", "ok");
        json.WriteEndObject();
    });

    public Task Page(HttpContext context)
    {
        // Everything the page needs is inline; the policy lets it reach nothing but this server.
        context.Response.Headers.ContentSecurityPolicy =
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return WriteBytes(context, "text/html; charset=utf-8", _page);
    }

    /// <summary>404 for an unknown path; 405, with the allowed method, for a known path asked with the wrong one.</summary>
    public Task NotFound(HttpContext context)
    {
        string path = context.Request.Path.Value ?? "/";
        if (Routes.FirstOrDefault(r => r.Path == path) is { Method: { } method })
        {
            context.Response.Headers.Allow = method;
            return new ApiException(405, $"{path} takes {method}, not {context.Request.Method}.").WriteAsync(context);
        }
        return new ApiException(404, $"No endpoint at {path}; try {string.Join(", ", Routes.Select(r => r.Method + " " + r.Path))}.").WriteAsync(context);
    }

    /// <summary>Runs a handler and turns a refused request into its JSON error reply.</summary>
    public static RequestDelegate Guard(Func<HttpContext, Task> handler) => async context =>
    {
        try
        {
            await handler(context);
        }
        catch (ApiException e) when (!context.Response.HasStarted)
        {
            await e.WriteAsync(context);
        }
    };

    private IEnumerable<Item> Items(PredictBody body)
    {
        for (int d = 0; d < body.Texts.Count; d++)
        {
            string text = body.Texts[d];
            if (!body.SplitSentences)
            {
                yield return new Item(d, null, text, text);
                continue;
            }
            List<SentenceSpan> spans = SentenceSplitter.Split(text);
            for (int i = 0; i < spans.Count; i++) yield return new Item(d, i, spans[i].TextOf(text), spans[i].ModelInputOf(text));
        }
    }

    private static string KindName(FeatureKind kind) => kind switch
    {
        FeatureKind.Word => "word",
        FeatureKind.WordNgram => "word_ngram",
        FeatureKind.CharNgram => "char_ngram",
        FeatureKind.QuotedWord => "quoted_word",
        FeatureKind.ReportedWord => "reported_word",
        FeatureKind.SentenceFlag => "sentence_flag",
        FeatureKind.Mention => "mention",
        FeatureKind.MentionWord => "mention_word",
        FeatureKind.Embedding => "embedding",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static async Task WriteBytes(HttpContext context, string contentType, byte[] bytes)
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private static byte[] Serialize(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, PredictionWriter.JsonOptions)) write(json);
        return stream.ToArray();
    }

    private static byte[] ReadPage()
    {
        using Stream page = typeof(ServeEndpoints).Assembly.GetManifestResourceStream("FramingClassifier.Cli.Serve.page.html")
            ?? throw new InvalidOperationException("The page of framing serve is missing from the assembly.");
        using var bytes = new MemoryStream();
        page.CopyTo(bytes);
        return bytes.ToArray();
    }
}
