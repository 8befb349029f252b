using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace FramingClassifier;

/// <summary>
/// Little-endian writer over one growable buffer, for model files. A section's length is patched in
/// after its body, so nothing is copied twice; arrays go out in one copy on little-endian machines.
/// </summary>
internal sealed class ByteWriter(int capacity = 1 << 12)
{
    private byte[] _buffer = new byte[Math.Max(capacity, 16)];
    private int _length;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    private Span<byte> Take(int n)
    {
        if (_length + n > _buffer.Length) Array.Resize(ref _buffer, Math.Max(checked(_length + n), 2 * _buffer.Length));
        Span<byte> span = _buffer.AsSpan(_length, n);
        _length += n;
        return span;
    }

    public void Byte(byte v) => Take(1)[0] = v;

    public void U16(ushort v) => BinaryPrimitives.WriteUInt16LittleEndian(Take(2), v);

    public void U32(uint v) => BinaryPrimitives.WriteUInt32LittleEndian(Take(4), v);

    public void I32(int v) => U32(unchecked((uint)v));

    public void F32(float v) => BinaryPrimitives.WriteSingleLittleEndian(Take(4), v);

    public void Bytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Take(bytes.Length));

    public void String(string s)
    {
        int n = Encoding.UTF8.GetByteCount(s);
        if (n > ushort.MaxValue) throw new ArgumentException($"String too long for a model file: {n} bytes.");
        U16((ushort)n);
        Encoding.UTF8.GetBytes(s, Take(n));
    }

    public void F32s(ReadOnlySpan<float> values) => U32s(MemoryMarshal.Cast<float, uint>(values));

    public void I32s(ReadOnlySpan<int> values) => U32s(MemoryMarshal.Cast<int, uint>(values));

    public void U32s(ReadOnlySpan<uint> values)
    {
        if (BitConverter.IsLittleEndian) Bytes(MemoryMarshal.AsBytes(values));
        else foreach (uint v in values) U32(v);
    }

    /// <summary>Writes a section: its tag, the byte length of its body, then the body.</summary>
    public void Section(uint tag, Action<ByteWriter> body)
    {
        U32(tag);
        int lengthAt = _length;
        I32(0);
        body(this);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(lengthAt), _length - lengthAt - 4);
    }
}
