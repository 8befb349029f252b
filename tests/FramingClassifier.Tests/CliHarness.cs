namespace FramingClassifier.Tests;

/// <summary>Runs the `framing` entry point in-process with the console redirected; callers must be [NonParallelizable].</summary>
internal static class CliHarness
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var entry = typeof(FramingClassifier.Cli.Commands.CliRunner).Assembly.EntryPoint!;
        TextWriter oldOut = Console.Out, oldErr = Console.Error;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            int code = (int)entry.Invoke(null, [args])!;
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }
}
