using FramingClassifier.Training;
using NUnit.Framework;

namespace FramingClassifier.Tests;

public sealed class ModelFileTests : TempDirectoryFixture
{
    private static readonly string[] Sentences =
    [
        "“The militia burned a village at dawn,” a witness said.",
        "Officials confirmed gunmen raided the stadium during the football match.",
        "",
        "Ünïcödé ﬁghters ＲＥＢＥＬＳ « cités » 2024",
    ];

    [Test]
    public void SaveAndLoadGiveIdenticalPredictions()
    {
        FramingModel model = ToyData.Model.Value;
        string path = Path.Combine(Dir, "m.fcm");
        model.Save(path);
        FramingModel loaded = FramingModel.Load(path);
        using var stream = File.OpenRead(path);
        FramingModel fromStream = FramingModel.Load(stream);
        foreach (string s in Sentences)
        {
            float[] expected = model.Predict(s).Heads.SelectMany(h => h.Probabilities.ToArray()).ToArray();
            Assert.That(loaded.Predict(s).Heads.SelectMany(h => h.Probabilities.ToArray()), Is.EqualTo(expected));
            Assert.That(fromStream.Predict(s).Heads.SelectMany(h => h.Probabilities.ToArray()), Is.EqualTo(expected));
        }
        Assert.That(ModelFile.ToBytes(loaded), Is.EqualTo(File.ReadAllBytes(path)));
        Assert.That(Directory.GetFiles(Dir), Has.Length.EqualTo(1), "no temporary file is left behind");
    }

    [Test]
    public void MentionFeaturesRoundTripAsVersion4AndOlderModelsKeepVersion1()
    {
        TrainingOptions options = ToyData.SmallOptions;
        FramingModel mention = ModelTrainer.Train(ToyData.TwoHeads(), options with { Featurizer = options.Featurizer with { MentionFeatures = true } });
        byte[] bytes = ModelFile.ToBytes(mention);
        Assert.That(BitConverter.ToInt32(bytes, 4), Is.EqualTo(4));
        Assert.That(BitConverter.ToInt32(ModelFile.ToBytes(ToyData.Model.Value), 4), Is.EqualTo(1));
        FramingModel loaded = ModelFile.FromBytes(bytes, "mention.fcm");
        Assert.That(loaded.Options.MentionFeatures, Is.True);
        foreach (string s in Sentences)
            Assert.That(loaded.Predict(s).Heads.SelectMany(h => h.Probabilities.ToArray()),
                Is.EqualTo(mention.Predict(s).Heads.SelectMany(h => h.Probabilities.ToArray())));
    }

    [Test]
    public void TiesRoundTripAsVersion4()
    {
        LabelTie tie = LabelTie.Parse("voice:attributed=topic:sport");
        FramingModel tied = ModelTrainer.Train(ToyData.TwoHeads(), ToyData.SmallOptions with { Ties = [tie] });
        byte[] bytes = ModelFile.ToBytes(tied);
        Assert.That(BitConverter.ToInt32(bytes, 4), Is.EqualTo(4));
        FramingModel loaded = ModelFile.FromBytes(bytes, "tied.fcm");
        Assert.That(loaded.Ties, Is.EqualTo(new[] { tie }));
        foreach (string s in Sentences)
            Assert.That(loaded.Predict(s).Heads.SelectMany(h => h.Probabilities.ToArray()),
                Is.EqualTo(tied.Predict(s).Heads.SelectMany(h => h.Probabilities.ToArray())));
    }

    [Test]
    public void PreReleaseVersion3IsRejected()
    {
        byte[] bytes = ModelFile.ToBytes(ToyData.Model.Value);
        bytes[4] = 3;
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.FromBytes(bytes, "old.fcm"));
        Assert.That(e!.Message, Does.Contain("version 3").And.Contain("train the model again"));
    }

    [Test]
    public void TruncatedFileIsRejected()
    {
        byte[] bytes = ModelFile.ToBytes(ToyData.Model.Value);
        foreach (int length in new[] { 0, 3, 11, bytes.Length / 2, bytes.Length - 1 })
        {
            var e = Assert.Throws<ModelFormatException>(() => ModelFile.FromBytes(bytes.AsSpan(0, length), "cut.fcm"));
            Assert.That(e!.Message, Does.StartWith("cut.fcm: "));
        }
    }

    [Test]
    public void CorruptedByteIsRejectedByTheChecksum()
    {
        byte[] bytes = ModelFile.ToBytes(ToyData.Model.Value);
        bytes[bytes.Length / 2] ^= 0x40;
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.FromBytes(bytes, "bad.fcm"));
        Assert.That(e!.Message, Does.Contain("checksum"));
    }

    [Test]
    public void NewerFormatVersionIsRejectedWithAnUpgradeHint()
    {
        byte[] bytes = ModelFile.ToBytes(ToyData.Model.Value);
        bytes[4] = ModelFile.CurrentVersion + 1;
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.FromBytes(bytes, "new.fcm"));
        Assert.That(e!.Message, Does.Contain($"version {ModelFile.CurrentVersion + 1}").And.Contain("Upgrade"));
    }

    [Test]
    public void NotAModelIsRejected()
    {
        string path = Path.Combine(Dir, "text.fcm");
        File.WriteAllText(path, "text,framing\nhello,none\n");
        var e = Assert.Throws<ModelFormatException>(() => FramingModel.Load(path));
        Assert.That(e!.Message, Does.Contain("not a FramingClassifier model"));
    }

    [Test]
    public void AFailedSaveLeavesTheExistingModelIntact()
    {
        string path = Path.Combine(Dir, "m.fcm");
        File.WriteAllText(path, "previous model");
        string blocked = Path.Combine(Dir, "dir.fcm");
        Directory.CreateDirectory(blocked);
        Assert.Catch<IOException>(() => ToyData.Model.Value.Save(blocked));
        Assert.That(File.ReadAllText(path), Is.EqualTo("previous model"));
        Assert.That(Directory.GetFiles(Dir), Is.EqualTo(new[] { path }), "the temporary file is removed");
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void AVersionBelowOneIsCorruptionNotANewerFormat(int version)
    {
        byte[] bytes = ModelFile.ToBytes(ToyData.Model.Value);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), version);
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.FromBytes(bytes, "zero.fcm"));
        Assert.That(e!.Message, Does.Not.Contain("Upgrade").And.Contain($"version {version}"));
    }

    // Sections of the toy model, as written: offsets of the values a crafted file would change.
    private static int SectionBody(byte[] bytes, string tag)
    {
        int at = 8;
        while (at < bytes.Length - 4)
        {
            string name = System.Text.Encoding.ASCII.GetString(bytes, at, 4);
            int length = BitConverter.ToInt32(bytes, at + 4);
            if (name == tag) return at + 8;
            at += 8 + length;
        }
        throw new InvalidOperationException(tag);
    }

    private static byte[] WithCrc(byte[] bytes)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4)));
        return bytes;
    }

    [TestCase("LINR", 4, 1_000_000)]
    [TestCase("LINR", 0, int.MaxValue)]
    [TestCase("LINR", 4, int.MaxValue)]
    [TestCase("FEAT", 0, int.MaxValue)]
    [TestCase("FEAT", 0, 1 << 29)]
    public void CraftedCountsWithAValidChecksumAreRejectedBeforeAllocating(string section, int offset, int value)
    {
        byte[] bytes = ModelFile.ToBytes(ToyData.Model.Value);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(SectionBody(bytes, section) + offset), value);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<ModelFormatException>(() => ModelFile.FromBytes(WithCrc(bytes), "crafted.fcm"));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(64L << 20));
    }

    [Test]
    public void MutatedFilesWithARewrittenChecksumOnlyEverThrowModelFormatException([Values(false, true)] bool trees)
    {
        byte[] original = ModelFile.ToBytes(trees ? TreeTests.MixedModel.Value : ToyData.Model.Value);
        var random = new Random(19);
        for (int round = 0; round < 3000; round++)
        {
            byte[] bytes = (byte[])original.Clone();
            int edits = 1 + random.Next(4);
            for (int e = 0; e < edits; e++)
            {
                // Mostly the headers and counts near section starts, where the parser makes its decisions.
                int at = random.Next(3) == 0 ? random.Next(8, bytes.Length - 4) : random.Next(8, Math.Min(bytes.Length - 4, 200));
                switch (random.Next(3))
                {
                    case 0: bytes[at] = (byte)random.Next(256); break;
                    case 1: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                    default:
                        if (at + 4 <= bytes.Length - 4)
                            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), random.Next(5) switch
                            {
                                0 => int.MaxValue, 1 => -1, 2 => 1 << 29, 3 => 30_000, _ => random.Next(),
                            });
                        break;
                }
            }
            try
            {
                FramingModel model = ModelFile.FromBytes(WithCrc(bytes), "fuzz.fcm");
                model.Predict("Gunmen held the port during the football match, a witness said.");
            }
            catch (ModelFormatException) { }
        }
    }

    [Test]
    public void ASaveIntoAMissingFolderNamesTheTargetNotTheTemporaryFile()
    {
        string target = Path.Combine(Dir, "missing", "m.fcm");
        var e = Assert.Catch<IOException>(() => ToyData.Model.Value.Save(target));
        Assert.That(e!.Message, Does.Contain(target).And.Not.Contain(".tmp"));
    }
}
