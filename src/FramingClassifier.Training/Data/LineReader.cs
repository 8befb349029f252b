using System.Globalization;
using System.Text;

namespace FramingClassifier.Training;

/// <summary>
/// Lines of a reader, ended by \n, \r or \r\n as <see cref="TextReader.ReadLine"/> ends them, except
/// that a line longer than a limit is passed over without being held in memory: an input with no line
/// breaks, or a binary file, cannot make a reader allocate its whole size.
/// </summary>
internal sealed class LineReader(TextReader reader, int maxChars)
{
    private readonly char[] _buffer = new char[1 << 16];
    private readonly StringBuilder _pending = new();
    private int _start, _end;

    /// <summary>The next line without its terminator, or null at the end; <paramref name="tooLong"/> says it was over the limit and is returned empty.</summary>
    public string? ReadLine(out bool tooLong)
    {
        tooLong = false;
        _pending.Clear();
        bool any = false;
        while (true)
        {
            if (_start == _end && !Fill()) return any ? Line(tooLong) : null;
            any = true;
            ReadOnlySpan<char> span = _buffer.AsSpan(_start, _end - _start);
            int stop = span.IndexOfAny('\r', '\n');
            if (stop < 0)
            {
                Append(span, ref tooLong);
                _start = _end;
                continue;
            }
            // The common case: the whole line is in the buffer.
            string? whole = _pending.Length == 0 && !tooLong && stop <= maxChars ? new string(span[..stop]) : null;
            if (whole is null) Append(span[..stop], ref tooLong);
            _start += stop + 1;
            if (span[stop] == '\r' && (_start < _end || Fill()) && _buffer[_start] == '\n') _start++;
            return whole ?? Line(tooLong);
        }
    }

    /// <summary>The message for a line over the limit.</summary>
    public static DataFileException TooLong(string name, long line, int maxChars) =>
        new(name, line, 1, string.Create(CultureInfo.InvariantCulture, $"the line is longer than {maxChars:N0} characters; it is left out unread."));

    private string Line(bool tooLong) => tooLong ? "" : _pending.ToString();

    private void Append(ReadOnlySpan<char> part, ref bool tooLong)
    {
        if (tooLong) return;
        if (_pending.Length + part.Length > maxChars)
        {
            tooLong = true;
            _pending.Clear();
            return;
        }
        _pending.Append(part);
    }

    private bool Fill()
    {
        _start = 0;
        _end = reader.Read(_buffer, 0, _buffer.Length);
        return _end > 0;
    }
}
