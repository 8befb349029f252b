using FramingClassifier.Training;

namespace FramingClassifier.Tests;

/// <summary>Small in-memory problems for trainer and model tests.</summary>
internal static class ToyData
{
    /// <summary>Two heads: "topic" decided by a keyword, "voice" decided by quotation marks.</summary>
    public static LabeledDataset TwoHeads()
    {
        string[] subjects = ["the rebels", "insurgents", "the militia", "armed men", "the fighters", "gunmen"];
        string[] verbs = ["attacked", "entered", "left", "shelled", "surrounded", "held"];
        string[] places = ["the port", "a village", "the capital", "the border post", "the airport"];
        var texts = new List<string>();
        var topic = new List<string?>();
        var voice = new List<string?>();
        int i = 0;
        foreach (string s in subjects)
            foreach (string v in verbs)
                foreach (string p in places)
                {
                    bool sports = i % 2 == 0, quoted = i % 3 == 0;
                    string core = sports ? $"{s} {v} {p} during the football match" : $"{s} {v} {p} at dawn";
                    texts.Add(quoted ? $"“{core},” a witness said." : $"Officials confirmed {core}.");
                    topic.Add(sports ? "sport" : "war");
                    voice.Add(quoted ? "attributed" : "outlet");
                    i++;
                }
        return LabeledDataset.Create(texts, new() { ["topic"] = topic, ["voice"] = voice });
    }

    /// <summary>A model trained on <see cref="TwoHeads"/> with small buckets, shared by tests that only read it.</summary>
    public static readonly Lazy<FramingModel> Model = new(() => ModelTrainer.Train(TwoHeads(), SmallOptions));

    public static TrainingOptions SmallOptions => new() { Featurizer = FeaturizerOptions.Default with { Buckets = 1 << 14 } };
}
