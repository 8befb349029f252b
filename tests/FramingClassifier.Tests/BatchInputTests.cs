using FramingClassifier.Cli.Batch;
using FramingClassifier.Training;
using NUnit.Framework;

namespace FramingClassifier.Tests;

public sealed class BatchInputTests
{
    [Test]
    public void PositionRunsFromZeroToTheSizeAndStaysReadableAfterTheFileIsClosed()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, Enumerable.Range(0, 1000).Select(i => $"Gunmen held the port number {i}."));
            var input = new BatchInput(new InputOptions(path, DataFormat.Text, "text", null, []), new SkipLog(TextWriter.Null));
            long size = new FileInfo(path).Length;
            Assert.That(input.Position, Is.EqualTo((0L, size)));
            Assert.That(input.Records().Count(), Is.EqualTo(1000));
            Assert.That(input.Position, Is.EqualTo((size, size)), "the progress bar reads it after the last row");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void ADirectoryCountsTheBytesOfTheDocumentsRead()
    {
        string dir = Directory.CreateTempSubdirectory("fc-docs-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "a.txt"), "Gunmen held the port.");
            File.WriteAllText(Path.Combine(dir, "b.txt"), "Armed men left.");
            var input = new BatchInput(new InputOptions(dir, DataFormat.Auto, "text", null, []), new SkipLog(TextWriter.Null));
            Assert.That(input.Records().Select(r => r.Id), Is.EqualTo(new[] { "a.txt", "b.txt" }));
            Assert.That(input.Position, Is.EqualTo((36L, 36L)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
