using NUnit.Framework;

namespace FramingClassifier.Tests;

/// <summary>A fixture whose every test gets a fresh temporary folder, deleted afterwards.</summary>
public abstract class TempDirectoryFixture
{
    /// <summary>The current test's folder.</summary>
    protected string Dir { get; private set; } = "";

    [SetUp]
    public void CreateDirectory() => Dir = Directory.CreateTempSubdirectory("fc-" + GetType().Name + "-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(Dir, recursive: true);

    /// <summary>Writes <paramref name="content"/> to <paramref name="name"/> in the folder and returns its path.</summary>
    protected string Write(string name, string content)
    {
        string path = Path.Combine(Dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
