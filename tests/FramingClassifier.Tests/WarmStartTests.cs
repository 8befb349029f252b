using FramingClassifier.Training;
using NUnit.Framework;

namespace FramingClassifier.Tests;

public sealed class WarmStartTests
{
    // New-style sentences for the toy "topic" head: cues the base model never saw.
    private static LabeledDataset UserData() => LabeledDataset.Create(
    [
        "Crowds cheered as the striker scored twice at the stadium.", "The goalkeeper saved a penalty in the second half.",
        "Fans sang as the striker scored at the stadium.", "Shelling hit the suburbs overnight.",
        "Mortar fire hit the suburbs overnight.", "Shelling killed two soldiers in the suburbs.",
    ], new() { ["topic"] = ["sport", "sport", "sport", "war", "war", "war"] });

    [Test]
    public void WithNoIterationsTheNewModelScoresExactlyAsTheBaseModel()
    {
        FramingModel baseModel = ToyData.Model.Value;
        var options = ToyData.SmallOptions with { BaseModel = baseModel, MaxIterations = 0 };
        FramingModel continued = ModelTrainer.Train(UserData(), options);
        foreach (string text in ToyData.TwoHeads().Texts.Take(20).Append("Shelling hit the stadium."))
            Assert.That(continued.Predict(text)["topic"].Probabilities.ToArray(),
                Is.EqualTo(baseModel.Predict(text)["topic"].Probabilities.ToArray()).Within(1e-5f), text);
        Assert.That(continued.Metadata["base-model"], Does.StartWith("continued from a model of topic, voice"));
    }

    [Test]
    public void WhatTheNewDataDoesNotCoverStaysAsTheBaseModelHadIt()
    {
        LabeledDataset toy = ToyData.TwoHeads();
        LabeledDataset original = LabeledDataset.Create(toy.Texts, new() { ["topic"] = toy.Labels[0] });
        LabeledDataset user = UserData();
        FramingModel cold = ModelTrainer.Train(user, ToyData.SmallOptions);
        FramingModel warm = ModelTrainer.Train(user, ToyData.SmallOptions with { BaseModel = ToyData.Model.Value });
        double Accuracy(FramingModel m, LabeledDataset d) => Evaluator.Evaluate(m, d)["topic"].Accuracy;
        Assert.That(Accuracy(warm, user), Is.EqualTo(1.0), "learns the new data");
        Assert.That(Accuracy(warm, original), Is.GreaterThan(0.95), "keeps what the base model knew");
        Assert.That(Accuracy(cold, original), Is.LessThan(0.8), "the test needs the old cues to be absent from the new data");
    }

    [Test]
    public void ALabelOrHeadTheBaseModelLacksStartsFromZero()
    {
        var data = LabeledDataset.Create(UserData().Texts, new()
        {
            ["topic"] = ["sport", "sport", "match", "war", "war", "war"],
            ["place"] = ["stadium", "pitch", "stadium", "suburbs", "suburbs", "suburbs"],
        });
        FramingModel m = ModelTrainer.Train(data, ToyData.SmallOptions with { BaseModel = ToyData.Model.Value });
        Assert.That(m.Head("topic").Labels, Is.EqualTo(new[] { "match", "sport", "war" }));
        Assert.That(m.Predict("Shelling hit the suburbs overnight.")["place"].Label, Is.EqualTo("suburbs"));
    }

    [Test]
    public void DifferentFeaturizerOptionsAreRefused()
    {
        var options = ToyData.SmallOptions with { BaseModel = ToyData.Model.Value, Featurizer = FeaturizerOptions.Default with { Buckets = 1 << 15 } };
        var e = Assert.Throws<ArgumentException>(() => ModelTrainer.Train(UserData(), options));
        Assert.That(e!.Message, Does.StartWith("The featurizer options must be those of the base model"));
    }
}
