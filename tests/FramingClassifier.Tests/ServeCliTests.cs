using System.Diagnostics;
using System.Text.Json;
using NUnit.Framework;

namespace FramingClassifier.Tests;

/// <summary>
/// `framing serve` against the other commands (the same rows as `framing predict`, the same facts as
/// `framing info`) and as a process that stops cleanly on a signal; not parallel because it redirects the console.
/// </summary>
[NonParallelizable]
public sealed class ServeCliTests : TempDirectoryFixture
{
    [Test]
    public async Task PredictRowsAreTheBytesOfPredictCommandLines()
    {
        string[] texts = ["Residents cheered as opposition fighters rolled into the main square.", "The ministry called them “bandits”, État officials said.", "Jihadist militants attacked a convoy."];
        string input = Write("in.txt", string.Join('\n', texts) + "\n");
        string output = Path.Combine(Dir, "out.jsonl");
        var cli = CliHarness.Run("predict", "--input", input, "--output", output, "--quiet");
        Assert.That(cli.Code, Is.Zero, cli.Err);
        string[] lines = File.ReadAllLines(output);

        var (app, http) = await ServeTests.StartAsync(new Cli.Serve.ServeOptions { Port = 0 });
        try
        {
            using HttpResponseMessage response = await http.PostAsync("/v1/predict", new StringContent(JsonSerializer.Serialize(texts)));
            string body = await response.Content.ReadAsStringAsync();
            Assert.That(body, Is.EqualTo("[" + string.Join(',', lines) + "]"));
        }
        finally
        {
            http.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Test]
    public async Task ModelReplyHoldsWhatInfoPrints()
    {
        var info = CliHarness.Run("info");
        Assert.That(info.Code, Is.Zero, info.Err);
        var (app, http) = await ServeTests.StartAsync(new Cli.Serve.ServeOptions { Port = 0 });
        try
        {
            JsonElement model = JsonDocument.Parse(await http.GetStringAsync("/v1/model")).RootElement;
            var printed = new List<string>
            {
                $"model:        {model.GetProperty("model").GetString()}",
                $"format:       version {model.GetProperty("format").GetInt32()}",
                $"featurizer:   {model.GetProperty("featurizer").GetString()}",
                $"feature rows: {model.GetProperty("feature_rows").GetInt32()}",
            };
            foreach (JsonElement h in model.GetProperty("heads").EnumerateArray())
            {
                string scorer = h.GetProperty("scorer").GetString()!;
                printed.Add($"head:         {h.GetProperty("name").GetString()} ({string.Join(", ", h.GetProperty("labels").EnumerateArray().Select(l => l.GetString()))})"
                    + (scorer == "linear" ? "" : $" [{scorer}]"));
            }
            foreach (JsonElement t in model.GetProperty("ties").EnumerateArray()) printed.Add($"tie:          {t.GetString()}");
            foreach (JsonProperty p in model.GetProperty("metadata").EnumerateObject()) printed.Add($"{p.Name + ": ",-14}{p.Value.GetString()}");
            Assert.That(info.Out.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'), Is.EqualTo(printed));
        }
        finally
        {
            http.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Test]
    [Platform("Linux,MacOsX")]
    public async Task TheCommandServesUntilSignalledAndExitsCleanly()
    {
        // The test host may run with SIGINT ignored (as background jobs do), which a child inherits;
        // SIGTERM reaches the same shutdown path as Ctrl-C.
        string framing = Path.Combine(AppContext.BaseDirectory, "framing.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in new[] { framing, "serve", "--port", "0" }) start.ArgumentList.Add(a);
        using Process server = Process.Start(start)!;
        try
        {
            Task<string?> firstLine = server.StandardError.ReadLineAsync();
            Assert.That(await Task.WhenAny(firstLine, Task.Delay(TimeSpan.FromSeconds(30))), Is.SameAs(firstLine), "no start-up line");
            string url = System.Text.RegularExpressions.Regex.Match(firstLine.Result ?? "", @"http://127\.0\.0\.1:\d+").Value;
            Assert.That(url, Is.Not.Empty, firstLine.Result);
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            Assert.That(await http.GetStringAsync("/healthz"), Is.EqualTo("{\"status\":\"ok\"}"));

            using (Process kill = Process.Start("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await server.WaitForExitAsync(timeout.Token);
            Assert.That(server.ExitCode, Is.Zero);
            Assert.That(await server.StandardError.ReadToEndAsync(), Does.Contain("framing serve: stopped."));
        }
        finally
        {
            if (!server.HasExited) server.Kill();
        }
    }
}
