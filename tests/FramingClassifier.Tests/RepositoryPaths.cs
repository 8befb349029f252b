namespace FramingClassifier.Tests;

/// <summary>Finds files of the repository from the test binaries.</summary>
internal static class RepositoryPaths
{
    public static readonly string Root = FindRoot();

    public static string Of(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FramingClassifier.sln"))) return dir.FullName;
        throw new InvalidOperationException("FramingClassifier.sln not found above " + AppContext.BaseDirectory);
    }
}
