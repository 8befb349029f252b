using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace FramingClassifier;

/// <summary>Little-endian reader with bounds checks that name what was being read when the data ran out.</summary>
internal ref struct ByteReader(ReadOnlySpan<byte> data, string source)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count < 0 || count > Remaining)
            throw new ModelFormatException($"{source}: truncated or corrupted: needed {count} bytes for {what} at offset {_position}, {Remaining} left.");
        ReadOnlySpan<byte> span = _data.Slice(_position, count);
        _position += count;
        return span;
    }

    public byte U8(string what) => Take(1, what)[0];

    public ushort U16(string what) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, what));

    public uint U32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, what));

    public int I32(string what) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, what));

    public float F32(string what) => BinaryPrimitives.ReadSingleLittleEndian(Take(4, what));

    public string String(string what) => Encoding.UTF8.GetString(Take(U16(what), what));

    public float[] F32s(int count, string what) => Values(count, what, BinaryPrimitives.ReadSingleLittleEndian);

    public int[] I32s(int count, string what) => Values(count, what, BinaryPrimitives.ReadInt32LittleEndian);

    public uint[] U32s(int count, string what) => Values(count, what, BinaryPrimitives.ReadUInt32LittleEndian);

    /// <summary><paramref name="count"/> 4-byte values: one copy on little-endian machines, else each through <paramref name="read"/>.</summary>
    private T[] Values<T>(int count, string what, Func<ReadOnlySpan<byte>, T> read) where T : unmanaged
    {
        // Checked against the bytes left before anything is allocated: a crafted count fails here.
        if (count < 0 || count > Remaining / 4)
            throw new ModelFormatException($"{source}: truncated or corrupted: {count} values of {what} at offset {_position} need more than the {Remaining} bytes left.");
        ReadOnlySpan<byte> bytes = Take(count * 4, what);
        var values = new T[count];
        if (BitConverter.IsLittleEndian) MemoryMarshal.Cast<byte, T>(bytes).CopyTo(values);
        else for (int i = 0; i < count; i++) values[i] = read(bytes[(i * 4)..]);
        return values;
    }
}
