using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace FramingClassifier;

/// <summary>Little-endian writer over a growable buffer, for model files.</summary>
internal sealed class ByteWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 12);

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public void Byte(byte v) { _buffer.GetSpan(1)[0] = v; _buffer.Advance(1); }

    public void U16(ushort v) { BinaryPrimitives.WriteUInt16LittleEndian(_buffer.GetSpan(2), v); _buffer.Advance(2); }

    public void U32(uint v) { BinaryPrimitives.WriteUInt32LittleEndian(_buffer.GetSpan(4), v); _buffer.Advance(4); }

    public void I32(int v) => U32(unchecked((uint)v));

    public void F32(float v) { BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(4), v); _buffer.Advance(4); }

    public void Bytes(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);

    public void String(string s)
    {
        int n = Encoding.UTF8.GetByteCount(s);
        if (n > ushort.MaxValue) throw new ArgumentException($"String too long for a model file: {n} bytes.");
        U16((ushort)n);
        Encoding.UTF8.GetBytes(s, _buffer.GetSpan(n));
        _buffer.Advance(n);
    }

    public void F32s(ReadOnlySpan<float> values) { foreach (float v in values) F32(v); }

    public void I32s(ReadOnlySpan<int> values) { foreach (int v in values) I32(v); }

    public void U32s(ReadOnlySpan<uint> values) { foreach (uint v in values) U32(v); }

    /// <summary>Writes a section: its tag, the byte length of its body, then the body.</summary>
    public void Section(uint tag, Action<ByteWriter> body)
    {
        var inner = new ByteWriter();
        body(inner);
        U32(tag);
        I32(inner.Written.Length);
        Bytes(inner.Written);
    }
}
