using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

// Closed-loop load on POST /v1/predict: each connection sends its next batch as soon as the last
// reply is read, for a bounded time and a bounded number of requests, after a warm-up.
// Usage: FramingClassifier.LoadTest URL CORPUS_DIR [--batches 1,32,1000] [--connections 1,4] [--seconds 10] [--max-requests 50000] [--warmup 2]
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: FramingClassifier.LoadTest URL CORPUS_DIR [--batches 1,32,1000] [--connections 1,4] [--seconds 10] [--max-requests 50000] [--warmup 2]");
    return 2;
}
var url = new Uri(args[0]);
if (!url.IsLoopback) { Console.Error.WriteLine($"refusing {url}: the load client only talks to loopback addresses."); return 2; }
string Option(string name, string fallback) => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
int[] Ints(string s) => [.. s.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture))];
int[] batches = Ints(Option("--batches", "1,32,1000"));
int[] connections = Ints(Option("--connections", "1,4"));
double seconds = double.Parse(Option("--seconds", "10"), CultureInfo.InvariantCulture);
int maxRequests = int.Parse(Option("--max-requests", "50000"), CultureInfo.InvariantCulture);
double warmup = double.Parse(Option("--warmup", "2"), CultureInfo.InvariantCulture);

string[] sentences = [.. Directory.GetFiles(args[1], "*.tsv").Order(StringComparer.Ordinal)
    .SelectMany(f => File.ReadLines(f).Skip(1)).Select(l => l.Split('\t')[0]).Where(t => t.Length > 0)];
Console.Error.WriteLine($"{sentences.Length:N0} sentences from {args[1]}; {url}");

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections.Max(), UseProxy = false }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
Console.WriteLine("| sentences per request | connections | requests | seconds | requests/s | sentences/s | p50 ms | p99 ms |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
foreach (int batch in batches)
{
    // Sixteen different bodies per size, each a run of consecutive corpus sentences, so replies are not all alike.
    byte[][] bodies = [.. Enumerable.Range(0, 16).Select(b =>
        JsonSerializer.SerializeToUtf8Bytes(Enumerable.Range(0, batch).Select(i => sentences[(b * 997 + i) % sentences.Length]).ToArray()))];
    await Check(bodies[0], batch);
    foreach (int c in connections)
    {
        await Run(bodies, c, TimeSpan.FromSeconds(warmup), int.MaxValue);
        var (count, elapsed, latencies) = await Run(bodies, c, TimeSpan.FromSeconds(seconds), maxRequests);
        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {batch:N0} | {c} | {count:N0} | {elapsed:0.0} | {count / elapsed:N0} | {count * (double)batch / elapsed:N0} | {Percentile(latencies, 0.50):0.00} | {Percentile(latencies, 0.99):0.00} |"));
    }
}
return 0;

async Task Check(byte[] body, int batch)
{
    using HttpResponseMessage r = await http.PostAsync("/v1/predict", new ByteArrayContent(body));
    string text = await r.Content.ReadAsStringAsync();
    if (r.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"POST /v1/predict: {(int)r.StatusCode} {text}");
    int rows = JsonDocument.Parse(text).RootElement.GetArrayLength();
    if (rows != batch) throw new InvalidOperationException($"POST /v1/predict: {rows} rows for {batch} sentences.");
}

async Task<(int Count, double Seconds, List<double> LatenciesMs)> Run(byte[][] bodies, int workers, TimeSpan duration, int limit)
{
    int sent = 0;
    var latencies = new List<double>[workers];
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
    {
        var mine = latencies[w] = [];
        for (int n = w; clock.Elapsed < duration && Interlocked.Increment(ref sent) <= limit; n += workers)
        {
            long start = Stopwatch.GetTimestamp();
            using HttpResponseMessage r = await http.PostAsync("/v1/predict", new ByteArrayContent(bodies[n % bodies.Length]));
            byte[] reply = await r.Content.ReadAsByteArrayAsync();
            if (r.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"POST /v1/predict: {(int)r.StatusCode} {Encoding.UTF8.GetString(reply)}");
            mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    })));
    double elapsed = clock.Elapsed.TotalSeconds;
    var all = latencies.SelectMany(l => l).ToList();
    return (all.Count, elapsed, all);
}

static double Percentile(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
