using System.Buffers;
using System.Text;

namespace FramingClassifier.Training;

/// <summary>
/// Passes a reader's text on record by record, except a record longer than a limit: that one is
/// dropped, each of its line breaks passed on so that later lines keep their numbers, and, once it
/// ends, the line it starts on queued in <see cref="Dropped"/>. The parser behind it never holds more than the
/// limit of one record, whatever the input (no line breaks, a binary file, a CSV quote never closed).
/// With <c>quotes</c> (CSV) a line break inside a quoted field does not end a record. Lines are
/// counted as Sep counts them: \n, \r\n and a lone \r each end one; each record end is passed on as
/// \n, since Sep 0.17.1 misreads a \r that ends one read when the next read starts with another.
/// </summary>
internal sealed class RecordLengthLimit(TextReader inner, int maxChars, bool quotes) : TextReader
{
    private static readonly SearchValues<char> Breaks = SearchValues.Create("\r\n");
    private static readonly SearchValues<char> BreaksAndQuotes = SearchValues.Create("\r\n\"");

    private readonly SearchValues<char> _special = quotes ? BreaksAndQuotes : Breaks;
    private readonly char[] _buffer = new char[1 << 16];
    // [_start, _ready): whole records to pass on; [_ready, _write): the record being read; [_read, _end): not yet looked at.
    private int _start, _ready, _write, _read, _end;
    // The start of a record longer than the buffer; passed on before the buffer once the record is whole.
    private readonly StringBuilder _long = new();
    private bool _longReady;
    private long _recordChars, _line = 1, _recordLine = 1;
    private bool _quoted, _afterCr, _dropping, _ended;

    /// <summary>The lines where dropped records start, in order; the reader takes them off as it passes them.</summary>
    public Queue<long> Dropped { get; } = new();

    /// <summary>The line of a dropped record that runs to the end of the input inside a quoted field: a quote never closed.</summary>
    public long? UnclosedQuote { get; private set; }

    public override int Read(Span<char> output)
    {
        while (true)
        {
            if (_longReady) return FromLong(output);
            if (_start < _ready)
            {
                int n = Math.Min(_ready - _start, output.Length);
                _buffer.AsSpan(_start, n).CopyTo(output);
                _start += n;
                return n;
            }
            if (!Scan()) return 0;
        }
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    private int FromLong(Span<char> output)
    {
        int n = Math.Min(_long.Length, output.Length);
        _long.CopyTo(0, output, n);
        _long.Remove(0, n);
        _longReady = _long.Length > 0;
        return n;
    }

    // Looks at more of the input; false at its end, once everything is passed on.
    private bool Scan()
    {
        if (_read == _end && !Refill()) return Finish();
        while (_read < _end)
        {
            int k = _buffer.AsSpan(_read, _end - _read).IndexOfAny(_special);
            int run = k < 0 ? _end - _read : k;
            if (run > 0) _afterCr = false;
            if (!_dropping && _recordChars + run > maxChars) Drop();
            if (_dropping) _read += run;
            else Keep(run);
            if (k < 0) break;
            Special(_buffer[_read++]);
        }
        return true;
    }

    private void Keep(int n)
    {
        if (_write != _read) Array.Copy(_buffer, _read, _buffer, _write, n);
        _write += n;
        _read += n;
        _recordChars += n;
    }

    private void Special(char c)
    {
        bool lineBreak = c != '"';
        if (!lineBreak) _quoted = !_quoted;
        bool pair = c == '\n' && _afterCr;
        _afterCr = c == '\r';
        if (lineBreak && !pair) _line++;
        bool recordEnds = lineBreak && !_quoted;
        if (_dropping)
        {
            // Sep reads each passed-on break as an empty line, which the reader skips.
            if (lineBreak && !pair) _buffer[_write++] = '\n';
            _ready = _write;
        }
        else if (recordEnds)
        {
            if (!pair) _buffer[_write++] = '\n';
        }
        else
        {
            _buffer[_write++] = c;
            if (++_recordChars > maxChars) Drop();
        }
        if (recordEnds) EndRecord();
    }

    private void EndRecord()
    {
        if (_dropping) Dropped.Enqueue(_recordLine);
        _dropping = false;
        _ready = _write;
        _recordChars = 0;
        _recordLine = _line;
        if (_long.Length > 0) _longReady = true;
    }

    // Drops what is held of the record, keeping a \n for each line break in it.
    private void Drop()
    {
        var breaks = new string('\n', (int)(_line - _recordLine));
        if (_long.Length > 0 && !_longReady)
        {
            _long.Clear().Append(breaks);
            _longReady = breaks.Length > 0;
        }
        else
        {
            breaks.CopyTo(_buffer.AsSpan(_ready));
            _ready += breaks.Length;
        }
        _write = _ready;
        _dropping = true;
    }

    // Moves the record being read to the front (or, when it fills half the buffer, into _long) and reads on.
    private bool Refill()
    {
        int held = _write - _ready;
        if (held >= _buffer.Length / 2)
        {
            _long.Append(_buffer, _ready, held);
            held = 0;
        }
        else if (_ready > 0)
        {
            Array.Copy(_buffer, _ready, _buffer, 0, held);
        }
        _start = _ready = 0;
        _write = _read = held;
        _end = held + inner.Read(_buffer, held, _buffer.Length - held);
        return _end > _read;
    }

    // The last record may lack a line break.
    private bool Finish()
    {
        if (_ended) return false;
        _ended = true;
        if (_dropping && _quoted) UnclosedQuote = _recordLine;
        else EndRecord();
        return _longReady || _start < _ready;
    }
}
