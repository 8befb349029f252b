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
    public void MentionFeaturesRoundTripAsVersion3AndOlderModelsKeepVersion1()
    {
        TrainingOptions options = ToyData.SmallOptions;
        FramingModel mention = ModelTrainer.Train(ToyData.TwoHeads(), options with { Featurizer = options.Featurizer with { MentionFeatures = true } });
        byte[] bytes = ModelFile.ToBytes(mention);
        Assert.That(BitConverter.ToInt32(bytes, 4), Is.EqualTo(3));
        Assert.That(BitConverter.ToInt32(ModelFile.ToBytes(ToyData.Model.Value), 4), Is.EqualTo(1));
        FramingModel loaded = ModelFile.FromBytes(bytes, "mention.fcm");
        Assert.That(loaded.Options.MentionFeatures, Is.True);
        foreach (string s in Sentences)
            Assert.That(loaded.Predict(s).Heads.SelectMany(h => h.Probabilities.ToArray()),
                Is.EqualTo(mention.Predict(s).Heads.SelectMany(h => h.Probabilities.ToArray())));
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
}
