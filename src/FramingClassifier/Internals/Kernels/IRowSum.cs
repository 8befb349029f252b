namespace FramingClassifier;

/// <summary>
/// A sum of weight rows, each scaled by its feature's value, over <see cref="LinearModel.Stride"/>
/// floats: the scoring loop is generic over it, so each kernel gets its own copy of the loop. Every
/// kernel does the same fused multiply-add per float in the same order, so all give the same bits.
/// </summary>
internal interface IRowSum<TSelf> where TSelf : IRowSum<TSelf>, allows ref struct
{
    /// <summary>A sum of nothing yet, whose result goes to <paramref name="result"/> (the stride's floats).</summary>
    static abstract TSelf Start(Span<float> result);

    /// <summary>Adds <paramref name="value"/> times the row that starts at <paramref name="row"/>.</summary>
    void Add(float value, ref float row);

    /// <summary>Writes the sum to the result.</summary>
    void Finish();
}
