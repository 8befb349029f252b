namespace FramingClassifier.Cli.Serve;

/// <summary>Where `framing serve` listens and what it accepts; the CLI reads its defaults from here.</summary>
internal readonly record struct ServeOptions
{
    public ServeOptions() { }

    /// <summary>An IP address or localhost; 0.0.0.0 or :: opens the server to the network.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one.</summary>
    public int Port { get; init; } = 5080;

    /// <summary>The one origin allowed to call the API from a browser; null sends no CORS headers.</summary>
    public string? CorsOrigin { get; init; }

    /// <summary>Largest request body, in bytes.</summary>
    public int MaxBodyBytes { get; init; } = 4 << 20;

    /// <summary>Most texts in one predict request.</summary>
    public int MaxTexts { get; init; } = 10_000;

    /// <summary>Most characters in one text (a whole article when sentences are split).</summary>
    public int MaxChars { get; init; } = 100_000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the CLI option that is out of range.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535) throw new ArgumentException("--port must be between 0 and 65535.");
        if (MaxBodyBytes < 2) throw new ArgumentException("--max-body-bytes must be at least 2.");
        if (MaxTexts < 1) throw new ArgumentException("--max-texts must be at least 1.");
        if (MaxChars < 1) throw new ArgumentException("--max-chars must be at least 1.");
        if (CorsOrigin is { } o && o != "*" && !Uri.TryCreate(o, UriKind.Absolute, out _))
            throw new ArgumentException($"--cors: '{o}' is not an origin such as https://example.org, nor *.");
    }
}
