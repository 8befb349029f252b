using FramingClassifier.Embeddings;
using FramingClassifier.Training;
using NUnit.Framework;

namespace FramingClassifier.Tests;

/// <summary>The EMBD section: written only with embeddings, read back exactly, refused with a named error without an encoder.</summary>
public sealed class EmbeddingModelFileTests : TempDirectoryFixture
{
    private static readonly Lazy<FramingModel> Model = new(() =>
        ModelTrainer.Train(ToyData.TwoHeads(), ToyData.SmallOptions with { Embeddings = new WordHashEncoder(), EmbeddingScale = 0.5f }));

    [Test]
    public void LoadingWithoutAnEncoderNamesThePackageAndHowToLoad()
    {
        string path = Path.Combine(Dir, "embedded.fcm");
        Model.Value.Save(path);
        var e = Assert.Throws<ModelFormatException>(() => FramingModel.Load(path))!;
        Assert.That(e.Message, Does.Contain(path).And.Contain("'words'").And.Contain("FramingClassifier.Embeddings")
            .And.Contain("EmbeddingModel.Load(path)").And.Contain("FramingModel.Load(path, encoder)"));
        Assert.That(() => FramingModel.Load(File.OpenRead(path)), Throws.TypeOf<ModelFormatException>());
    }

    [Test]
    public void LoadingWithAnotherEncoderSaysWhichItNeeds()
    {
        byte[] bytes = ModelFile.ToBytes(Model.Value);
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.FromBytes(bytes, "m.fcm", new WordHashEncoder("other", 8)))!;
        Assert.That(e.Message, Does.Contain("'words' (8 dimensions)").And.Contain("'other' (8 dimensions)"));
        Assert.Throws<ModelFormatException>(() => ModelFile.FromBytes(bytes, "m.fcm", new WordHashEncoder("words", 4)));
    }

    [Test]
    public void RoundTripKeepsBytesAndPredictions()
    {
        FramingModel model = Model.Value;
        string path = Path.Combine(Dir, "embedded.fcm");
        model.Save(path);
        FramingModel loaded = FramingModel.Load(path, new WordHashEncoder());
        Assert.That(ModelFile.FormatVersion(model), Is.EqualTo(5));
        Assert.That(File.ReadAllBytes(path).AsSpan(4, 4).ToArray(), Is.EqualTo(new byte[] { 5, 0, 0, 0 }));
        Assert.That(ModelFile.ToBytes(loaded), Is.EqualTo(File.ReadAllBytes(path)));
        Assert.That(loaded.Embedding!.Encoder, Is.EqualTo("words"));
        Assert.That(loaded.Embedding.Dimension, Is.EqualTo(8));
        Assert.That(loaded.Embedding.Scale, Is.EqualTo(0.5f));
        foreach (string text in ToyData.TwoHeads().Texts.Take(20))
        {
            var (a, b) = (new float[model.LabelCount], new float[model.LabelCount]);
            model.Predict(text, a);
            loaded.Predict(text, b);
            Assert.That(b, Is.EqualTo(a), text);
        }
    }

    [Test]
    public void TheEmbeddingChangesScores()
    {
        // The dense weights are read: without them the same n-gram rows would give other probabilities.
        FramingModel model = Model.Value;
        FramingModel ngramsOnly = ModelTrainer.Train(ToyData.TwoHeads(), ToyData.SmallOptions);
        string text = ToyData.TwoHeads().Texts[3];
        Assert.That(model.Predict(text)["topic"].Probabilities.ToArray(), Is.Not.EqualTo(ngramsOnly.Predict(text)["topic"].Probabilities.ToArray()));
        Assert.That(model.FeatureRows, Is.EqualTo(ngramsOnly.FeatureRows));
    }

    [Test]
    public void ModelsWithoutEmbeddingsAreWrittenAsBefore()
    {
        byte[] shipped = File.ReadAllBytes(RepositoryPaths.Of("models/default.fcm"));
        Assert.That(ModelFile.ToBytes(FramingModel.Default), Is.EqualTo(shipped));
        Assert.That(ModelFile.FormatVersion(ToyData.Model.Value), Is.EqualTo(1));
        Assert.That(FramingModel.Default.Embedding, Is.Null);
        // An encoder given for an n-gram model is not attached to it.
        FramingModel loaded = ModelFile.FromBytes(shipped, "default.fcm", new WordHashEncoder());
        Assert.That(loaded.Encoder, Is.Null);
        Assert.That(ModelFile.ToBytes(loaded), Is.EqualTo(shipped));
        Assert.That(ModelFile.ToBytes(EmbeddingModel.Load(RepositoryPaths.Of("models/default.fcm"))), Is.EqualTo(shipped));
    }

    [Test]
    public void ExplainReportsTheEmbeddingAsOneContribution()
    {
        Explanation e = Model.Value.Explain(ToyData.TwoHeads().Texts[0], "topic", top: 1000);
        Assert.That(e.Features.Count(f => f.Kind == FeatureKind.Embedding), Is.EqualTo(1));
        Assert.That(e.Features.Single(f => f.Kind == FeatureKind.Embedding).Feature, Is.EqualTo("[embedding words]"));
        Assert.That(e.Features.Count(f => f.Kind != FeatureKind.Embedding), Is.GreaterThan(10));
    }

    [Test]
    public void TrainingRefusesEmbeddingsWithTreesOrABaseModel()
    {
        var data = ToyData.TwoHeads();
        var options = ToyData.SmallOptions with { Embeddings = new WordHashEncoder() };
        Assert.That(() => ModelTrainer.Train(data, options with { Trainer = HeadScorer.Trees }), Throws.ArgumentException.With.Message.Contains("linear heads only"));
        Assert.That(() => ModelTrainer.Train(data, options with { BaseModel = ToyData.Model.Value }), Throws.ArgumentException.With.Message.Contains("base model"));
        Assert.That(() => ModelTrainer.Train(data, options with { EmbeddingScale = 0 }), Throws.ArgumentException.With.Message.Contains("scale"));
    }

    [Test]
    public void TheCacheGivesTheEncodersVectors()
    {
        var inner = new WordHashEncoder();
        var cached = new CachedSentenceEncoder(inner);
        string[] texts = ["a b c", "d e", "a b c", "f"];
        var (expected, actual, again) = (new float[texts.Length * 8], new float[texts.Length * 8], new float[texts.Length * 8]);
        inner.Encode(texts, expected);
        cached.Encode(texts, actual);
        cached.Encode(texts, again);
        Assert.That(actual, Is.EqualTo(expected));
        Assert.That(again, Is.EqualTo(expected));
        Assert.That(CachedSentenceEncoder.Wrap(cached), Is.SameAs(cached));
    }
}
