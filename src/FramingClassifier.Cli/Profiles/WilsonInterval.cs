namespace FramingClassifier.Cli.Profiles;

/// <summary>
/// The Wilson score interval for a proportion (Wilson 1927): unlike the normal approximation it stays
/// inside [0, 1] and keeps close to its nominal coverage for small counts and shares near 0 or 1.
/// </summary>
internal static class WilsonInterval
{
    /// <summary>z for a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    public static (double Low, double High) Of(long successes, long trials, double z = Z95) => Of((double)successes, trials, z);

    /// <summary>The interval for an effective sample size that need not be whole (see <see cref="ClusteredInterval"/>).</summary>
    public static (double Low, double High) Of(double successes, double trials, double z = Z95)
    {
        if (trials <= 0) return (0, 1);
        double n = trials, p = successes / n, z2 = z * z;
        double center = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return (Math.Max(0, center - half), Math.Min(1, center + half));
    }
}
