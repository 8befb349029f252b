using System.CommandLine;
using FramingClassifier.Cli.Serve;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace FramingClassifier.Cli.Commands;

/// <summary>`framing serve`: the model behind an HTTP JSON API and a page that reads an article through it.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var defaults = new ServeOptions();
        var model = SharedOptions.Model(required: false);
        var port = new Option<int>("--port") { Description = "TCP port; 0 picks a free one.", DefaultValueFactory = _ => defaults.Port };
        var host = new Option<string>("--host") { Description = "Address to listen on: an IP address or localhost; 0.0.0.0 opens the server to the network.", DefaultValueFactory = _ => defaults.Host };
        var cors = new Option<string?>("--cors") { Description = "Allow browser pages from this origin (such as https://example.org, or *) to call the API (default: no CORS headers)." };
        var maxBody = new Option<int>("--max-body-bytes") { Description = "Largest request body in bytes; larger ones get 413.", DefaultValueFactory = _ => defaults.MaxBodyBytes };
        var maxTexts = new Option<int>("--max-texts") { Description = "Most texts in one predict request; more get 413.", DefaultValueFactory = _ => defaults.MaxTexts };
        var maxChars = new Option<int>("--max-chars") { Description = "Most characters in one text (a whole article with split_sentences); longer ones get 413.", DefaultValueFactory = _ => defaults.MaxChars };
        var command = new Command("serve", "Serve the model over HTTP: POST /v1/predict, POST /v1/explain, GET /v1/model, GET /healthz, and at / a page that labels a pasted article sentence by sentence. Ctrl-C stops it.")
        {
            model, port, host, cors, maxBody, maxTexts, maxChars,
        };
        command.SetAction(r => CliRunner.Run(() =>
        {
            var options = new ServeOptions
            {
                Port = r.GetValue(port), Host = r.GetValue(host)!, CorsOrigin = r.GetValue(cors),
                MaxBodyBytes = r.GetValue(maxBody), MaxTexts = r.GetValue(maxTexts), MaxChars = r.GetValue(maxChars),
            };
            options.Validate();
            string? path = r.GetValue(model);
            WebApplication app = ServeApp.Build(CliRunner.LoadModel(path), path, options);
            app.Lifetime.ApplicationStarted.Register(() =>
                Console.Error.WriteLine($"framing serve: model {path ?? "(embedded default)"} on {string.Join(", ", app.Urls)}; Ctrl-C stops."));
            app.Run();
            Console.Error.WriteLine("framing serve: stopped.");
            return 0;
        }));
        return command;
    }
}
