namespace FramingClassifier;

public sealed partial class FramingModel
{
    private const string DefaultResource = "FramingClassifier.default.fcm";

    private static readonly Lazy<FramingModel> LazyDefault = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The default model embedded in this package, trained on the project's corpus to label
    /// <c>framing</c>, <c>voice</c> and <c>stance</c>. Loaded once, on first use.
    /// </summary>
    /// <exception cref="InvalidOperationException">This build has no embedded model.</exception>
    public static FramingModel Default => LazyDefault.Value;

    /// <summary>True if this build embeds a default model.</summary>
    public static bool HasDefault => typeof(FramingModel).Assembly.GetManifestResourceInfo(DefaultResource) is not null;

    private static FramingModel LoadDefault()
    {
        using Stream stream = typeof(FramingModel).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException("This build of FramingClassifier has no embedded default model; train one with `framing train` and load it with FramingModel.Load.");
        return ModelFile.Load(stream, "embedded default model");
    }
}
