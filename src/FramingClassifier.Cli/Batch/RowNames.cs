using System.Text.Encodings.Web;
using System.Text.Json;

namespace FramingClassifier.Cli.Batch;

/// <summary>
/// The property names of an output row, escaped and encoded to UTF-8 once: a name passed as a string
/// is checked for escaping and transcoded again on every write, and a row of a 20-label head writes 25 of them.
/// </summary>
internal sealed class RowNames
{
    public RowNames(IReadOnlyList<ModelHead> heads, string[] keepColumns)
    {
        Heads = heads;
        Keep = [.. keepColumns.Select(Encode)];
        HeadNames = [.. heads.Select(h => Encode(h.Name))];
        Labels = [.. heads.Select(h => h.Labels.Select(Encode).ToArray())];
    }

    public static JsonEncodedText Doc { get; } = Encode("doc");

    public static JsonEncodedText Sentence { get; } = Encode("sentence");

    public static JsonEncodedText Text { get; } = Encode("text");

    public static JsonEncodedText Label { get; } = Encode("label");

    public static JsonEncodedText P { get; } = Encode("p");

    /// <summary>The heads written, in order.</summary>
    public IReadOnlyList<ModelHead> Heads { get; }

    public JsonEncodedText[] Keep { get; }

    public JsonEncodedText[] HeadNames { get; }

    /// <summary>Each head's labels, in label order.</summary>
    public JsonEncodedText[][] Labels { get; }

    // The writer's own encoder, so a pre-encoded name is byte for byte what a string name would give.
    private static JsonEncodedText Encode(string name) => JsonEncodedText.Encode(name, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
}
