using System.Runtime.CompilerServices;

namespace FramingClassifier;

/// <summary>The value of a feature before L2 normalization: sublinear TF times IDF. Shared by training and scoring.</summary>
internal static class FeatureValues
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Value(in FeaturizerOptions options, int count, float idf) => Weighted(options, Tf(options, count), idf);

    /// <summary>The term frequency of a count: the count, or 1 + ln count when sublinear.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tf(in FeaturizerOptions options, int count) =>
        count == 1 || !options.SublinearTf ? count : (uint)count < (uint)SublinearTable.Length ? SublinearTable[count] : Sublinear(count);

    // A sentence's features repeat only a few times, so a table spares the scoring path a logarithm per repeat.
    private static readonly float[] SublinearTable = Enumerable.Range(0, 64).Select(Sublinear).ToArray();

    private static float Sublinear(int count) => 1f + MathF.Log(count);

    /// <summary>A term frequency times the IDF, when the model uses IDF.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Weighted(in FeaturizerOptions options, float tf, float idf) => options.UseIdf ? tf * idf : tf;
}
