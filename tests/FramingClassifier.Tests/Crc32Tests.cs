using NUnit.Framework;

namespace FramingClassifier.Tests;

public sealed class Crc32Tests
{
    // The textbook bit-at-a-time definition, as the reference.
    private static uint Reference(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    [Test]
    public void MatchesTheStandardCheckValue() => Assert.That(Crc32.Compute("123456789"u8), Is.EqualTo(0xCBF43926u));

    [Test]
    public void MatchesTheBitwiseDefinitionAtEveryLengthAndOffset()
    {
        var bytes = new byte[300];
        new Random(3).NextBytes(bytes);
        for (int start = 0; start < 9; start++)
            for (int length = 0; start + length <= bytes.Length; length += 7)
                Assert.That(Crc32.Compute(bytes.AsSpan(start, length)), Is.EqualTo(Reference(bytes.AsSpan(start, length))), $"start {start}, length {length}");
    }
}
