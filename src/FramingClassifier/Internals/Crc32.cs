using System.Buffers.Binary;

namespace FramingClassifier;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as in zip and PNG, eight bytes per step
/// ("slicing-by-8": eight 256-entry tables, each advancing the CRC over one more byte), since every
/// model load checks the whole file.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Tables = BuildTables();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint[] t = Tables;
        uint crc = 0xFFFFFFFFu;
        while (data.Length >= 8)
        {
            uint low = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ crc;
            uint high = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = t[7 * 256 + (low & 0xFF)] ^ t[6 * 256 + ((low >> 8) & 0xFF)] ^ t[5 * 256 + ((low >> 16) & 0xFF)] ^ t[4 * 256 + (low >> 24)]
                ^ t[3 * 256 + (high & 0xFF)] ^ t[2 * 256 + ((high >> 8) & 0xFF)] ^ t[256 + ((high >> 16) & 0xFF)] ^ t[high >> 24];
            data = data[8..];
        }
        foreach (byte b in data)
            crc = t[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    /// <summary>Table k (at k·256) advances a CRC over a byte followed by k zero bytes; table 0 is the classic one.</summary>
    private static uint[] BuildTables()
    {
        var t = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        for (int k = 1; k < 8; k++)
            for (int i = 0; i < 256; i++)
                t[k * 256 + i] = (t[(k - 1) * 256 + i] >> 8) ^ t[t[(k - 1) * 256 + i] & 0xFF];
        return t;
    }
}
