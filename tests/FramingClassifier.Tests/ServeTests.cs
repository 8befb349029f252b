using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FramingClassifier.Cli.Serve;
using Microsoft.AspNetCore.Builder;
using NUnit.Framework;

namespace FramingClassifier.Tests;

/// <summary>`framing serve` on a real Kestrel bound to a free port of 127.0.0.1: every endpoint, the limits and the error replies.</summary>
public sealed class ServeTests
{
    private static readonly ServeOptions Limits = new() { Port = 0, MaxBodyBytes = 64 * 1024, MaxTexts = 50, MaxChars = 2_000 };
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    internal static async Task<(WebApplication App, HttpClient Http)> StartAsync(ServeOptions options)
    {
        WebApplication app = ServeApp.Build(FramingModel.Default, null, options);
        await app.StartAsync();
        return (app, new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromSeconds(30) });
    }

    [OneTimeSetUp]
    public async Task Start() => (_app, _http) = await StartAsync(Limits);

    [OneTimeTearDown]
    public async Task Stop()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> Send(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        HttpResponseMessage response = await _http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"), text);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    private Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> Post(string path, string body) => Send(HttpMethod.Post, path, body);

    private static string Json(object value) => JsonSerializer.Serialize(value);

    [Test]
    public async Task ListensOnLoopbackByDefault()
    {
        Assert.That(new ServeOptions().Host, Is.EqualTo("127.0.0.1"));
        Assert.That(new ServeOptions().Port, Is.EqualTo(5080));
        Assert.That(_app.Urls.Single(), Does.Match(@"^http://127\.0\.0\.1:[1-9][0-9]*$"));
        var (status, body, _) = await Send(HttpMethod.Get, "/healthz");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("ok"));
    }

    [Test]
    public void RefusesHostNamesAndBadLimits()
    {
        Assert.That(() => ServeApp.Build(FramingModel.Default, null, new ServeOptions { Host = "example.org", Port = 0 }),
            Throws.ArgumentException.With.Message.Contains("--host"));
        Assert.That(() => ServeApp.Build(FramingModel.Default, null, new ServeOptions { MaxTexts = 0 }),
            Throws.ArgumentException.With.Message.Contains("--max-texts"));
    }

    [Test]
    public async Task ModelDescribesTheHeadsLabelsAndFormat()
    {
        var (status, body, _) = await Send(HttpMethod.Get, "/v1/model");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        FramingModel m = FramingModel.Default;
        Assert.That(body.GetProperty("model").GetString(), Is.EqualTo("(embedded default)"));
        Assert.That(body.GetProperty("format").GetInt32(), Is.EqualTo(ModelFile.FormatVersion(m)));
        Assert.That(body.GetProperty("feature_rows").GetInt32(), Is.EqualTo(m.FeatureRows));
        Assert.That(body.GetProperty("featurizer").GetString(), Is.EqualTo(m.Options.ToString()));
        Assert.That(body.GetProperty("heads").EnumerateArray().Select(h => h.GetProperty("name").GetString()), Is.EqualTo(new[] { "framing", "voice", "stance" }));
        Assert.That(body.GetProperty("heads")[1].GetProperty("labels").EnumerateArray().Select(l => l.GetString()), Is.EqualTo(m.Head("voice").Labels));
        Assert.That(body.GetProperty("metadata").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()), Is.EqualTo(m.Metadata));
    }

    [Test]
    public async Task PredictArrayGivesOneRowPerTextInOrder()
    {
        string[] texts = ["Residents cheered as opposition fighters rolled into the main square.", "The ministry called them \"bandits\".", "", "Jihadist militants attacked a convoy."];
        var (status, body, _) = await Post("/v1/predict", Json(texts));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetArrayLength(), Is.EqualTo(texts.Length));
        for (int i = 0; i < texts.Length; i++)
        {
            JsonElement row = body[i];
            Prediction p = FramingModel.Default.Predict(texts[i]);
            Assert.That(row.GetProperty("text").GetString(), Is.EqualTo(texts[i]));
            Assert.That(row.TryGetProperty("doc", out _), Is.False, "no doc without split_sentences");
            foreach (HeadPrediction h in p.Heads)
            {
                Assert.That(row.GetProperty(h.Head.Name).GetProperty("label").GetString(), Is.EqualTo(h.Label), $"text {i}, {h.Head.Name}");
                Assert.That(row.GetProperty(h.Head.Name).GetProperty("p").GetProperty(h.Label).GetDouble(), Is.EqualTo(h.Probability).Within(1e-4));
            }
        }
        Assert.That(body[0].GetProperty("framing").GetProperty("label").GetString(), Is.EqualTo("rebel"));
    }

    [Test]
    public async Task PredictSplitsArticlesIntoSentencesWithDocumentAndSentenceIndexes()
    {
        string[] articles = ["Gunmen held the port. “Gunmen left a village at dawn. They shelled the airport,” a witness said.", "Armed men entered the capital."];
        var (status, body, _) = await Post("/v1/predict", Json(new { texts = articles, split_sentences = true, heads = new[] { "stance", "voice" } }));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        var expected = articles.SelectMany((a, d) => SentenceSplitter.Split(a).Select((s, i) => (d, i, s.TextOf(a), s.ModelInputOf(a)))).ToArray();
        Assert.That(body.EnumerateArray().Select(r => (r.GetProperty("doc").GetInt32(), r.GetProperty("sentence").GetInt32(), r.GetProperty("text").GetString())),
            Is.EqualTo(expected.Select(e => (e.d, e.i, e.Item3))));
        Assert.That(expected, Has.Length.EqualTo(4));
        for (int r = 0; r < expected.Length; r++)
        {
            JsonElement row = body[r];
            Assert.That(row.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "doc", "sentence", "text", "stance", "voice" }));
            // The sentence inside a quotation opened earlier is scored with the open mark in front, as `framing predict` does.
            Assert.That(row.GetProperty("voice").GetProperty("label").GetString(), Is.EqualTo(FramingModel.Default.Predict(expected[r].Item4)["voice"].Label));
        }
    }

    [Test]
    public async Task ConcurrentRequestsShareTheModelAndGetTheirOwnRows()
    {
        string[] corpus = [.. File.ReadLines(RepositoryPaths.Of("data/corpus/africa-west-east.tsv")).Skip(1).Take(40).Select(l => l.Split('\t')[0])];
        Assert.That(corpus.Distinct().Count(), Is.EqualTo(40));
        var replies = await Task.WhenAll(Enumerable.Range(0, 16).Select(async k =>
        {
            string[] texts = [.. corpus.Skip(k % 7).Take(3 + k)];
            var (status, body, _) = await Post("/v1/predict", Json(texts));
            return (texts, status, labels: body.EnumerateArray().Select(r => r.GetProperty("stance").GetProperty("label").GetString()).ToArray());
        }));
        foreach (var (texts, status, labels) in replies)
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(labels, Is.EqualTo(texts.Select(t => FramingModel.Default.Predict(t)["stance"].Label)));
        }
    }

    [Test]
    public async Task ExplainListsTheContributionsOfOneHead()
    {
        const string text = "The ministry called them “bandits”.";
        var (status, body, _) = await Post("/v1/explain", Json(new { text, head = "voice", top = 5 }));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Explanation e = FramingModel.Default.Explain(text, "voice", 5);
        Assert.That(body.GetProperty("head").GetString(), Is.EqualTo("voice"));
        Assert.That(body.GetProperty("label").GetString(), Is.EqualTo(e.Prediction.Label));
        JsonElement features = body.GetProperty("features");
        Assert.That(features.GetArrayLength(), Is.EqualTo(5));
        Assert.That(features.EnumerateArray().Select(f => f.GetProperty("feature").GetString()), Is.EqualTo(e.Features.Select(f => f.Feature)));
        for (int i = 0; i < 5; i++)
            Assert.That(features[i].GetProperty("contribution").GetDouble(), Is.EqualTo(e.Features[i].Contribution).Within(1e-4));
        Assert.That(features.EnumerateArray().Select(f => f.GetProperty("kind").GetString()), Has.All.AnyOf("word", "word_ngram", "char_ngram", "quoted_word", "reported_word", "sentence_flag", "mention", "mention_word"));
        Assert.That(features.EnumerateArray().Select(f => f.GetProperty("kind").GetString()), Does.Contain("mention"));

        var (defaultTop, all, _) = await Post("/v1/explain", Json(new { text, head = "framing" }));
        Assert.That(defaultTop, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(all.GetProperty("features").GetArrayLength(), Is.EqualTo(ExplainBody.DefaultTop));
    }

    [TestCase("{\"text\":\"x\",\"head\":\"mood\"}", "$.head: the model has no head 'mood'")]
    [TestCase("{\"head\":\"voice\"}", "$: the field 'text' is missing")]
    [TestCase("{\"text\":\"x\",\"head\":\"voice\",\"top\":0}", "$.top: expected a whole number from 1 to 100, found 0")]
    [TestCase("{\"text\":\"x\",\"head\":\"voice\",\"why\":1}", "$: unknown field 'why'")]
    [TestCase("[\"x\"]", "$: expected an object with text and head, found an array")]
    public async Task ExplainRefusesBadRequestsSayingWhere(string body, string error)
    {
        var (status, reply, _) = await Post("/v1/explain", body);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(reply.GetProperty("error").GetString(), Does.StartWith(error));
    }

    [TestCase("{\"texts\":[\"a\",1]}", "$.texts[1]: expected a string, found a number")]
    [TestCase("{\"texts\":\"a\"}", "$.texts: expected an array of strings, found a string")]
    [TestCase("{\"split_sentences\":true}", "$: the field 'texts' is missing")]
    [TestCase("{\"texts\":[],\"split\":true}", "$: unknown field 'split'")]
    [TestCase("{\"texts\":[\"a\"],\"split_sentences\":\"yes\"}", "$.split_sentences: expected true or false, found a string")]
    [TestCase("{\"texts\":[\"a\"],\"heads\":[\"mood\"]}", "$.heads[0]: the model has no head 'mood'")]
    [TestCase("42", "$: expected an array of texts or an object with texts, found a number")]
    public async Task PredictRefusesBadRequestsSayingWhere(string body, string error)
    {
        var (status, reply, _) = await Post("/v1/predict", body);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(reply.GetProperty("error").GetString(), Does.StartWith(error));
    }

    [Test]
    public async Task MalformedJsonGets400WithLineAndByte()
    {
        var (status, reply, _) = await Post("/v1/predict", "{\n  \"texts\": [\"a\",\n  \"b\" \"c\"]\n}");
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(reply.GetProperty("line").GetInt64(), Is.EqualTo(3));
        Assert.That(reply.GetProperty("byte").GetInt64(), Is.EqualTo(7));
        Assert.That(reply.GetProperty("error").GetString(), Does.StartWith("Malformed JSON at line 3, byte 7: "));

        var (empty, emptyReply, _) = await Post("/v1/explain", "");
        Assert.That(empty, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(emptyReply.GetProperty("error").GetString(), Does.Contain("empty"));
    }

    [Test]
    public async Task LimitsGet413WithAJsonError()
    {
        var (tooMany, manyReply, _) = await Post("/v1/predict", Json(Enumerable.Repeat("a", Limits.MaxTexts + 1)));
        Assert.That(tooMany, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(manyReply.GetProperty("error").GetString(), Is.EqualTo("$ has 51 texts, over the limit of 50 per request (--max-texts)."));

        var (atLimit, _, _) = await Post("/v1/predict", Json(new { texts = Enumerable.Repeat("a", Limits.MaxTexts) }));
        Assert.That(atLimit, Is.EqualTo(HttpStatusCode.OK));

        var (tooLong, longReply, _) = await Post("/v1/predict", Json(new { texts = new[] { "a", new string('x', Limits.MaxChars + 1) } }));
        Assert.That(tooLong, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(longReply.GetProperty("error").GetString(), Does.StartWith("$.texts[1] has 2,001 characters, over the limit of 2,000"));

        var (explainLong, explainReply, _) = await Post("/v1/explain", Json(new { text = new string('x', Limits.MaxChars + 1), head = "voice" }));
        Assert.That(explainLong, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(explainReply.GetProperty("error").GetString(), Does.Contain("--max-chars"));

        string big = Json(Enumerable.Repeat(new string('y', 1_000), 70));
        Assert.That(Encoding.UTF8.GetByteCount(big), Is.GreaterThan(Limits.MaxBodyBytes));
        var (tooBig, bigReply, _) = await Post("/v1/predict", big);
        Assert.That(tooBig, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(bigReply.GetProperty("error").GetString(), Does.Contain("over the limit of 65,536 (--max-body-bytes)"));
    }

    [Test]
    public async Task ABodyWithoutLengthIsCutOffAtTheLimitToo()
    {
        // Chunked transfer: no Content-Length to check up front, so the limit applies while reading.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/predict")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Json(Enumerable.Repeat(new string('y', 1_000), 70))))),
        };
        request.Headers.TransferEncodingChunked = true;
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await _http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString(), Does.Contain("--max-body-bytes"));
    }

    [Test]
    public async Task UnknownPathsAndWrongMethodsGetJsonErrors()
    {
        var (notFound, reply, _) = await Send(HttpMethod.Get, "/v2/predict");
        Assert.That(notFound, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(reply.GetProperty("error").GetString(), Does.Contain("POST /v1/predict"));
        var (wrongMethod, methodReply, response) = await Send(HttpMethod.Get, "/v1/predict");
        Assert.That(wrongMethod, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(response.Content.Headers.Allow, Is.EqualTo(new[] { "POST" }));
        Assert.That(methodReply.GetProperty("error").GetString(), Is.EqualTo("/v1/predict takes POST, not GET."));
    }

    [Test]
    public async Task NoCorsHeadersUnlessAsked()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/model");
        request.Headers.Add("Origin", "https://example.org");
        using HttpResponseMessage response = await _http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    [Test]
    public async Task CorsAllowsTheOneOriginGiven()
    {
        var (app, http) = await StartAsync(Limits with { CorsOrigin = "https://example.org" });
        try
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/predict");
            preflight.Headers.Add("Origin", "https://example.org");
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
            using HttpResponseMessage allowed = await http.SendAsync(preflight);
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(allowed.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "https://example.org" }));

            using var other = new HttpRequestMessage(HttpMethod.Post, "/v1/predict") { Content = new StringContent("[\"a\"]") };
            other.Headers.Add("Origin", "https://elsewhere.example");
            using HttpResponseMessage refused = await http.SendAsync(other);
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(refused.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
        }
        finally
        {
            http.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Test]
    public async Task ThePageIsSelfContained()
    {
        using HttpResponseMessage response = await _http.GetAsync("/");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.StartWith("default-src 'none';").And.Contain("connect-src 'self'"));
        string html = await response.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("<style>").And.Contain("<script>").And.Contain("/v1/predict").And.Contain("/v1/explain"));
        Assert.That(html, Does.Not.Match(@"(src|href)\s*=\s*[""']?(https?:)?//").And.Not.Contain("@import").And.Not.Contain("<link"));
    }
}
