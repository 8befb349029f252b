using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FramingClassifier.Cli.Serve;

/// <summary>
/// Builds the `framing serve` web application: Kestrel on one address, the JSON API and the page,
/// all sharing one loaded model (thread-safe, so requests score it side by side).
/// </summary>
internal static class ServeApp
{
    public static WebApplication Build(FramingModel model, string? modelPath, ServeOptions options)
    {
        options.Validate();
        // No args, and a content root of its own: settings come from the options alone, not from ASPNETCORE_* variables or the working directory.
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            // One above the limit, so that the handler, not Kestrel, refuses a larger body with a JSON reply.
            k.Limits.MaxRequestBodySize = options.MaxBodyBytes + 1L;
            Listen(k, options.Host, options.Port);
        });
        if (options.CorsOrigin is { } origin)
            builder.Services.AddCors(c => c.AddDefaultPolicy(p =>
            {
                if (origin == "*") p.AllowAnyOrigin();
                else p.WithOrigins(origin);
                p.WithMethods("GET", "POST").WithHeaders("Content-Type");
            }));
        WebApplication app = builder.Build();
        if (options.CorsOrigin is not null) app.UseCors();
        var endpoints = new ServeEndpoints(model, modelPath, options);
        foreach (var (method, path, handler) in endpoints.Routes) app.MapMethods(path, [method], ServeEndpoints.Guard(handler));
        app.MapFallback(ServeEndpoints.Guard(endpoints.NotFound));
        return app;
    }

    private static void Listen(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, string host, int port)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            if (port == 0) throw new ArgumentException("--port 0 needs an IP address for --host, such as 127.0.0.1.");
            kestrel.ListenLocalhost(port);
        }
        else if (IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? address)) kestrel.Listen(address, port);
        else throw new ArgumentException($"--host: '{host}' is neither an IP address nor localhost.");
    }
}
