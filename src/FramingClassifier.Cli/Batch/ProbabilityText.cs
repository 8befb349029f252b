namespace FramingClassifier.Cli.Batch;

/// <summary>
/// A probability as output writes it: rounded to 4 decimals (Math.Round(p, 4)) and printed as the
/// shortest text that reads back as that double, byte for byte what double.ToString(InvariantCulture)
/// and Utf8JsonWriter.WriteNumber give, without their general shortest-round-trip search.
/// </summary>
internal static class ProbabilityText
{
    /// <summary>The longest text written: "0.1234".</summary>
    public const int MaxLength = 6;

    /// <summary>
    /// Writes <paramref name="probability"/> rounded to 4 decimals into <paramref name="destination"/>
    /// (at least <see cref="MaxLength"/> bytes); false, with nothing written, outside [0, 1] and for NaN,
    /// which the caller writes with the general formatter.
    /// </summary>
    public static bool TryFormat(float probability, Span<byte> destination, out int written)
    {
        // Math.Round(p, 4) is Math.Round(p * 1e4) / 1e4 (to even at midpoints). The double nearest a
        // decimal of at most 5 digits reads back only from that decimal, so its shortest text is
        // the decimal itself with trailing zeros dropped.
        double scaled = Math.Round(probability * 1e4);
        written = 0;
        if (!(scaled >= 0 && scaled <= 1e4)) return false;
        int k = (int)scaled;
        if (k is 0 or 10_000)
        {
            destination[0] = k == 0 ? (byte)'0' : (byte)'1';
            written = 1;
            return true;
        }
        destination[0] = (byte)'0';
        destination[1] = (byte)'.';
        int n = 2;
        for (int divisor = 1000; k > 0; divisor /= 10)
        {
            int digit = k / divisor;
            destination[n++] = (byte)('0' + digit);
            k -= digit * divisor;
        }
        written = n;
        return true;
    }
}
