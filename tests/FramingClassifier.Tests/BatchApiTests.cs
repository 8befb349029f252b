using NUnit.Framework;

namespace FramingClassifier.Tests;

public sealed class BatchApiTests
{
    private sealed record Article(string Id, string Body);

    [Test]
    public void ItemsComeBackWithTheirPredictionsInOrder()
    {
        FramingModel model = ToyData.Model.Value;
        var items = Enumerable.Range(0, 10_000).Select(i => (Id: i, Text: i % 2 == 0 ? $"Gunmen {i} held the port during the football match." : $"Armed men {i} left a village at dawn.")).ToArray();
        var results = model.PredictBatch(items, i => i.Text).ToArray();
        Assert.That(results.Select(r => r.Item.Id), Is.EqualTo(items.Select(i => i.Id)));
        Assert.That(results.Select(r => r.Prediction.Text), Is.EqualTo(items.Select(i => i.Text)));
        Assert.That(results[7].Prediction["topic"].Probabilities.ToArray(), Is.EqualTo(model.Predict(items[7].Text)["topic"].Probabilities.ToArray()));
    }

    [Test]
    public void PredictSentencesSplitsEachDocumentAndNumbersItsSentences()
    {
        Article[] articles =
        [
            new("a", "Gunmen held the port during the football match. “Armed men left a village at dawn. They shelled the airport.”"),
            new("b", ""),
            new("c", "The militia surrounded the capital at dawn."),
        ];
        var rows = ToyData.Model.Value.PredictSentences(articles, a => a.Body).ToArray();
        Assert.That(rows.Select(r => (r.Document.Id, r.Index)), Is.EqualTo(new[] { ("a", 0), ("a", 1), ("a", 2), ("c", 0) }));
        Assert.That(rows[2].Text, Is.EqualTo("They shelled the airport.”"));
        Assert.That(rows[2].Prediction.Text, Is.EqualTo("“They shelled the airport.”"));
        Assert.That(rows[0].Prediction["topic"].Label, Is.EqualTo("sport"));
    }
}
