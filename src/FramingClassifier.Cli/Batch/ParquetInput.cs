using System.Globalization;
using FramingClassifier.Training;
using Parquet;
using Parquet.Schema;

namespace FramingClassifier.Cli.Batch;

/// <summary>
/// Reads the rows of an Apache Parquet file for `framing predict`: the text, id and kept columns are
/// found by name in the file's schema. A row is located by its number from 1 (the "line" of a
/// message) and by the position of its column in the schema. Standard input is read into memory
/// first, as a Parquet reader needs to seek to the footer.
/// </summary>
internal static class ParquetInput
{
    /// <summary>The file's rows as (row number, values), one value per name of <paramref name="columns"/>, as text (null for a null).</summary>
    public static IEnumerable<(long Row, string?[] Values, int[] Columns)> Read(string path, string name, string[] columns)
    {
        using Stream stream = path == "-" ? Buffered(Console.OpenStandardInput()) : File.OpenRead(path);
        var (reader, all) = Open(stream, name);
        try
        {
            DataField[] fields = new DataField[columns.Length];
            int[] positions = new int[columns.Length];
            for (int c = 0; c < columns.Length; c++)
            {
                int at = Array.FindIndex(all, f => f.Name == columns[c]);
                if (at < 0)
                    throw new DataFileException(name, 0, 0, $"no column '{columns[c]}'. Columns: {string.Join(", ", all.Select(f => f.Name))}.");
                if (all[at].IsArray)
                    throw new DataFileException(name, 0, at + 1, $"column '{columns[c]}' holds lists; framing reads one value a row.");
                (fields[c], positions[c]) = (all[at], at + 1);
            }
            long row = 0;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                string?[][] values = new string?[columns.Length][];
                int count;
                using (ParquetRowGroupReader group = OpenGroup(reader, g, name, row))
                {
                    count = checked((int)group.RowCount);
                    for (int c = 0; c < columns.Length; c++)
                        values[c] = ReadColumn(group, fields[c], count, name, row, positions[c]);
                }
                for (int r = 0; r < count; r++)
                {
                    string?[] rowValues = new string?[columns.Length];
                    for (int c = 0; c < columns.Length; c++) rowValues[c] = values[c][r];
                    yield return (++row, rowValues, positions);
                }
            }
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    // The schema is decoded on first use, so a damaged footer is found here too.
    private static (ParquetReader Reader, DataField[] Fields) Open(Stream stream, string name)
    {
        ParquetReader? reader = null;
        try
        {
            reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
            return (reader, reader.Schema.GetDataFields());
        }
        catch (Exception e) when (Corrupt(e))
        {
            reader?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw new DataFileException(name, 0, 0, $"not a readable Parquet file: {e.Message}");
        }
    }

    private static ParquetRowGroupReader OpenGroup(ParquetReader reader, int index, string name, long rowsBefore)
    {
        try
        {
            return reader.OpenRowGroupReader(index);
        }
        catch (Exception e) when (Corrupt(e))
        {
            throw new DataFileException(name, rowsBefore + 1, 0, $"row group {index + 1} cannot be read: {e.Message}");
        }
    }

    // A damaged file surfaces as whatever the decoder trips over (Thrift, I/O, index, overflow exceptions); all but running out of memory or being cancelled mean a bad file.
    private static bool Corrupt(Exception e) => e is not (OutOfMemoryException or OperationCanceledException or DataFileException);

    private static MemoryStream Buffered(Stream input)
    {
        var memory = new MemoryStream();
        input.CopyTo(memory);
        memory.Position = 0;
        return memory;
    }

    private static string?[] ReadColumn(ParquetRowGroupReader group, DataField field, int count, string name, long rowsBefore, int position)
    {
        try
        {
            return field.ClrType switch
            {
                var t when t == typeof(string) || t == typeof(ReadOnlyMemory<char>) => ReadStrings(group, field, count),
                var t when t == typeof(int) => Format<int>(group, field, count),
                var t when t == typeof(long) => Format<long>(group, field, count),
                var t when t == typeof(short) => Format<short>(group, field, count),
                var t when t == typeof(double) => Format<double>(group, field, count),
                var t when t == typeof(float) => Format<float>(group, field, count),
                var t when t == typeof(bool) => Format<bool>(group, field, count),
                var t => throw new DataFileException(name, rowsBefore + 1, position,
                    $"column '{field.Name}' is of type {t.Name}; framing reads text, integer, floating-point and boolean columns."),
            };
        }
        catch (Exception e) when (Corrupt(e))
        {
            throw new DataFileException(name, rowsBefore + 1, position, $"column '{field.Name}' of the row group starting here cannot be read: {e.Message}");
        }
    }

    private static string?[] ReadStrings(ParquetRowGroupReader group, DataField field, int count)
    {
        string?[] values = new string?[count];
        group.ReadAsync(field, values.AsMemory()).GetAwaiter().GetResult();
        return values;
    }

    private static string?[] Format<T>(ParquetRowGroupReader group, DataField field, int count) where T : struct
    {
        string?[] text = new string?[count];
        if (field.IsNullable)
        {
            T?[] values = new T?[count];
            group.ReadAsync(field, values.AsMemory()).GetAwaiter().GetResult();
            for (int i = 0; i < count; i++) text[i] = values[i] is { } v ? Invariant(v) : null;
        }
        else
        {
            T[] values = new T[count];
            group.ReadAsync(field, values.AsMemory()).GetAwaiter().GetResult();
            for (int i = 0; i < count; i++) text[i] = Invariant(values[i]);
        }
        return text;
    }

    private static string Invariant<T>(T value) where T : struct =>
        value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value.ToString()!;
}
