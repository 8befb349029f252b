namespace FramingClassifier.Tests;

/// <summary>Measures what the buffer overload of Predict allocates once the calling thread is warm.</summary>
internal static class Allocations
{
    public static long OfWarmPredictions(FramingModel model)
    {
        var buffer = new float[model.LabelCount];
        const string text = "“The militia burned a village at dawn near the border post,” a witness told reporters on Tuesday.";
        model.Predict(text, buffer);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) model.Predict(text, buffer);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
