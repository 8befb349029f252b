namespace FramingClassifier.Cli.Profiles;

/// <summary>
/// A 95% interval for the share of sentences with a label when the sentences come in documents:
/// sentences of one article tend to share their label, so a group holds less information than its
/// sentence count suggests. The design effect (Kish 1965) — the ratio of the cluster-robust variance
/// of the share (Taylor linearization of the ratio estimator Σk_d / Σn_d) to the variance of a simple
/// random sample — shrinks the sample to an effective size, and the Wilson interval is computed on that.
/// </summary>
internal static class ClusteredInterval
{
    /// <summary>
    /// The interval for <paramref name="successes"/> of <paramref name="trials"/>, given each document's
    /// (sentences, successes). The design effect is kept at 1 or more, and is 1 when it cannot be
    /// estimated: fewer than two documents, or a share of exactly 0 or 1.
    /// </summary>
    public static (double Low, double High, double DesignEffect) Of(long successes, long trials, IReadOnlyCollection<(long Sentences, long Successes)> documents)
    {
        double deff = DesignEffect(successes, trials, documents);
        var (low, high) = WilsonInterval.Of(successes / deff, trials / deff);
        return (low, high, deff);
    }

    private static double DesignEffect(long successes, long trials, IReadOnlyCollection<(long Sentences, long Successes)> documents)
    {
        int d = documents.Count;
        if (d < 2 || successes == 0 || successes == trials) return 1;
        double n = trials, p = successes / n;
        double sum = 0;
        foreach (var (sentences, k) in documents)
        {
            double residual = k - p * sentences;
            sum += residual * residual;
        }
        double clustered = d / (d - 1.0) * sum / (n * n);
        double simple = p * (1 - p) / n;
        return Math.Max(1, clustered / simple);
    }
}
