using System.Buffers.Binary;

namespace FramingClassifier;

/// <summary>
/// The binary model format, little-endian throughout:
/// <code>
/// "FRMC" magic | u32 format version | sections... | u32 CRC-32 of every preceding byte
/// section = u32 tag | u32 body length | body
///   FEAT  i32 buckets, u8 word n-grams, u8 char min, u8 char max, u8 flags (1 diacritics, 2 sublinear, 4 idf, 8 voice, 16 mention: version 4)
///   HEAD  u16 heads, then per head: string name, u16 labels, strings
///   META  u16 entries, then string key, string value (training options, for `framing info`)
///   LINR  i32 rows, i32 classes, f32 default idf, u32[rows] buckets, f32[rows] idf, f32[rows*classes] weights, f32[classes] bias
///   TREE  (version 2) the trees of the heads that use them: see <see cref="TreeSection"/>
///   TIES  (version 4) u16 ties, then per tie: string head, string label, string source head, string source label
///   CASC  (version 5) u16 heads, then per head: u16 index of a head read as a cascade over the codebook's classes
///   EMBD  (version 5) string encoder, i32 dimension D, f32 scale, i32 classes, f32[D*classes] weights (by dimension, as LINR's rows)
/// string = u16 UTF-8 byte length | bytes
/// </code>
/// Version 2 added TREE; version 4 added TIES and the mention features with word senses (flag 16);
/// version 5 added CASC and EMBD, the sentence-embedding features (<see cref="EmbeddingFeatures"/>).
/// Version 3 was a pre-release with other mention features; its files are refused. A file is written
/// with the lowest version that holds it (a linear model without mention features or ties is version 1,
/// byte for byte as before; only a model with CASC or EMBD is version 5), so older readers keep reading what they can. A reader refuses files from a
/// newer version rather than misread them.
/// </summary>
public static class ModelFile
{
    /// <summary>The format version this library writes, and the newest it reads.</summary>
    public const int CurrentVersion = 5;

    private static ReadOnlySpan<byte> Magic => "FRMC"u8;

    private const uint FeatTag = 0x54414546; // "FEAT"
    private const uint HeadTag = 0x44414548; // "HEAD"
    private const uint MetaTag = 0x4154454D; // "META"
    private const uint LinrTag = 0x524E494C; // "LINR"
    private const uint TreeTag = 0x45455254; // "TREE"
    private const uint TiesTag = 0x53454954; // "TIES"
    private const uint CascTag = 0x43534143; // "CASC"
    private const uint EmbdTag = 0x44424D45; // "EMBD"

    /// <summary>The format version <see cref="ToBytes"/> writes for <paramref name="model"/>: 5 with a cascade head or embedding features, else 4 with mention features or ties, else 2 if a head uses trees, else 1.</summary>
    public static int FormatVersion(FramingModel model) =>
        model.Heads.Any(h => h.Cascade is not null) || model.Embedding is not null ? 5
        : model.Options.MentionFeatures || model.Ties.Count > 0 ? 4 : model.Heads.Any(h => h.Trees is not null) ? 2 : 1;

    /// <summary>Serializes a model to bytes.</summary>
    public static byte[] ToBytes(FramingModel model) => Serialize(model).Written.ToArray();

    // The buffer starts at the size of the linear section, which is nearly all of a linear model.
    private static ByteWriter Serialize(FramingModel model)
    {
        LinearModel linear = model.Linear;
        var w = new ByteWriter(checked(4 * (linear.RowBuckets.Length * (linear.Classes + 2) + linear.Classes) + (1 << 16)));
        w.Bytes(Magic);
        int version = FormatVersion(model);
        w.I32(version);
        w.Section(FeatTag, b => WriteOptions(b, model.Options));
        w.Section(HeadTag, b => WriteHeads(b, model.Heads));
        w.Section(MetaTag, b => WriteMetadata(b, model.Metadata));
        w.Section(LinrTag, b => WriteLinear(b, model.Linear));
        if (model.Heads.Any(h => h.Trees is not null)) w.Section(TreeTag, b => TreeSection.Write(b, model.Heads));
        if (model.Ties.Count > 0) w.Section(TiesTag, b => WriteTies(b, model.Ties));
        if (model.Heads.Any(h => h.Cascade is not null)) w.Section(CascTag, b => WriteCascades(b, model.Heads));
        if (model.Embedding is { } embedding) w.Section(EmbdTag, b => WriteEmbedding(b, embedding));
        w.U32(Crc32.Compute(w.Written));
        return w;
    }

    /// <summary>
    /// Writes a model to <paramref name="path"/> through a temporary file in the same folder that is
    /// renamed into place, so a failure never leaves a half-written or destroyed model behind.
    /// </summary>
    public static void Save(FramingModel model, string path)
    {
        ByteWriter bytes = Serialize(model);
        AtomicFile.Write(path, stream => stream.Write(bytes.Written), flushToDisk: true);
    }

    /// <summary>
    /// Reads a model from bytes; <paramref name="source"/> names them in error messages. A model with
    /// embedding features needs <paramref name="encoder"/> (see <see cref="FramingModel.Load(string, ISentenceEncoder)"/>).
    /// </summary>
    /// <exception cref="ModelFormatException">The bytes are not a valid model of a version this library reads, or the model needs an encoder it was not given.</exception>
    public static FramingModel FromBytes(ReadOnlySpan<byte> data, string source = "model", ISentenceEncoder? encoder = null) =>
        FromBytes(data, source, _ => encoder);

    /// <summary>
    /// <see cref="FromBytes(ReadOnlySpan{byte}, string, ISentenceEncoder?)"/> that asks <paramref name="encoderFor"/> for
    /// the encoder a model with embedding features names, once it has read the name.
    /// </summary>
    internal static FramingModel FromBytes(ReadOnlySpan<byte> data, string source, Func<string, ISentenceEncoder?> encoderFor)
    {
        if (data.Length < 12 || !data[..4].SequenceEqual(Magic))
            throw new ModelFormatException($"{source}: not a FramingClassifier model file (bad magic or too short: {data.Length} bytes).");
        int version = BinaryPrimitives.ReadInt32LittleEndian(data[4..]);
        if (version < 1)
            throw new ModelFormatException($"{source}: model format version {version} does not exist (versions start at 1): the file is corrupted.");
        if (version == 3)
            throw new ModelFormatException($"{source}: model format version 3 was a pre-release whose mention features have changed; train the model again.");
        if (version > CurrentVersion)
            throw new ModelFormatException($"{source}: model format version {version} is not supported; this library reads versions 1 to {CurrentVersion}. Upgrade FramingClassifier to read it.");
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(data[^4..]);
        if (Crc32.Compute(data[..^4]) != stored)
            throw new ModelFormatException($"{source}: checksum mismatch: the file is truncated or corrupted.");
        return ReadSections(new ByteReader(data[8..^4], source), source, version, encoderFor);
    }

    /// <summary>Reads a model from a file; a model with embedding features needs <paramref name="encoder"/>.</summary>
    public static FramingModel Load(string path, ISentenceEncoder? encoder = null) => FromBytes(File.ReadAllBytes(path), path, encoder);

    /// <summary>Reads a model from a stream, to its end; a model with embedding features needs <paramref name="encoder"/>.</summary>
    public static FramingModel Load(Stream stream, string source = "stream", ISentenceEncoder? encoder = null)
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return FromBytes(memory.GetBuffer().AsSpan(0, (int)memory.Length), source, encoder);
    }

    private static FramingModel ReadSections(ByteReader r, string source, int version, Func<string, ISentenceEncoder?> encoderFor)
    {
        FeaturizerOptions? options = null;
        ModelHead[]? heads = null;
        LinearModel? linear = null;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        LabelTie[] ties = [];
        EmbeddingFeatures? embedding = null;
        while (r.Remaining > 0)
        {
            uint tag = r.U32("section tag");
            int length = r.I32("section length");
            var body = new ByteReader(r.Take(length, "section body"), source);
            switch (tag)
            {
                case FeatTag: options = ReadOptions(ref body); break;
                case HeadTag: heads = ReadHeads(ref body); break;
                case MetaTag: ReadMetadata(ref body, metadata); break;
                case LinrTag: linear = ReadLinear(ref body, options ?? throw Missing(source, "FEAT"), heads?.Sum(h => h.Labels.Count) ?? throw Missing(source, "HEAD")); break;
                case TreeTag when version >= 2:
                    TreeSection.Read(ref body, heads ?? throw Missing(source, "HEAD"), (linear ?? throw Missing(source, "LINR")).RowBuckets.Length);
                    break;
                case TiesTag when version >= 4: ties = ReadTies(ref body); break;
                case CascTag when version >= 5: ReadCascades(ref body, heads ?? throw Missing(source, "HEAD"), source); break;
                case EmbdTag when version >= 5: embedding = ReadEmbedding(ref body, source, heads?.Sum(h => h.Labels.Count) ?? throw Missing(source, "HEAD")); break;
                default: throw new ModelFormatException($"{source}: unknown section 0x{tag:X8}.");
            }
        }
        if (heads is null) throw Missing(source, "HEAD");
        if (linear is null) throw Missing(source, "LINR");
        if (heads.Sum(h => h.Labels.Count) != linear.Classes)
            throw new ModelFormatException($"{source}: heads declare {heads.Sum(h => h.Labels.Count)} labels but the weights have {linear.Classes} classes.");
        ISentenceEncoder? encoder = embedding is null ? null : encoderFor(embedding.Encoder);
        if (embedding is not null) CheckEncoder(embedding, encoder, source);
        try { return new FramingModel(options!.Value, heads, linear, metadata, ties, embedding, encoder); }
        catch (ArgumentException e) { throw new ModelFormatException($"{source}: invalid TIES or EMBD section: {e.Message}", e); }
    }

    private static void CheckEncoder(EmbeddingFeatures embedding, ISentenceEncoder? encoder, string source)
    {
        string needs = $"{source}: the model's heads read the sentence embedding '{embedding.Encoder}' ({embedding.Dimension} dimensions)";
        if (encoder is null)
        {
            throw new ModelFormatException($"{needs}, which FramingModel.Load(path) cannot compute. Add the package FramingClassifier.Embeddings " +
                "and load the model with EmbeddingModel.Load(path), or pass an encoder: FramingModel.Load(path, encoder).");
        }
        if (encoder.Name != embedding.Encoder || encoder.Dimension != embedding.Dimension)
            throw new ModelFormatException($"{needs}; the encoder given is '{encoder.Name}' ({encoder.Dimension} dimensions).");
    }

    private static void WriteEmbedding(ByteWriter w, EmbeddingFeatures e)
    {
        w.String(e.Encoder);
        w.I32(e.Dimension);
        w.F32(e.Scale);
        w.I32(e.Classes);
        w.F32s(e.Weights);
    }

    private static EmbeddingFeatures ReadEmbedding(ref ByteReader r, string source, int labels)
    {
        string name = r.String("embedding encoder");
        int dimension = r.I32("embedding dimension");
        float scale = r.F32("embedding scale");
        int classes = r.I32("embedding classes");
        if (dimension <= 0 || classes != labels || 4L * dimension * classes != r.Remaining || !float.IsFinite(scale))
            throw new ModelFormatException($"{source}: invalid EMBD section: {dimension} dimensions, {classes} classes ({labels} labels in HEAD), scale {scale}, {r.Remaining} bytes of weights.");
        return new EmbeddingFeatures(name, dimension, scale, r.F32s(dimension * classes, "embedding weights"), classes);
    }

    private static void WriteTies(ByteWriter w, IReadOnlyList<LabelTie> ties)
    {
        w.U16((ushort)ties.Count);
        foreach (LabelTie tie in ties)
        {
            w.String(tie.Head);
            w.String(tie.Label);
            w.String(tie.SourceHead);
            w.String(tie.SourceLabel);
        }
    }

    private static LabelTie[] ReadTies(ref ByteReader r)
    {
        var ties = new LabelTie[r.U16("tie count")];
        for (int i = 0; i < ties.Length; i++)
            ties[i] = new LabelTie(r.String("tied head"), r.String("tied label"), r.String("source head"), r.String("source label"));
        return ties;
    }

    private static void WriteCascades(ByteWriter w, IReadOnlyList<ModelHead> heads)
    {
        w.U16((ushort)heads.Count(h => h.Cascade is not null));
        for (int h = 0; h < heads.Count; h++)
            if (heads[h].Cascade is not null) w.U16((ushort)h);
    }

    private static void ReadCascades(ref ByteReader r, ModelHead[] heads, string source)
    {
        int count = r.U16("cascade count");
        for (int i = 0; i < count; i++)
        {
            int h = r.U16("cascade head");
            if (h >= heads.Length || heads[h].Trees is not null)
                throw new ModelFormatException($"{source}: invalid CASC section: head {h} is not a linear head of the {heads.Length}.");
            try { heads[h] = heads[h].AsCascade(); }
            catch (ArgumentException e) { throw new ModelFormatException($"{source}: invalid CASC section: head '{heads[h].Name}': {e.Message}", e); }
        }
    }

    private static ModelFormatException Missing(string source, string section) => new($"{source}: section {section} is missing.");

    private static void WriteOptions(ByteWriter w, FeaturizerOptions o)
    {
        w.I32(o.Buckets);
        w.Byte((byte)o.WordNgrams);
        w.Byte((byte)o.CharNgramMin);
        w.Byte((byte)o.CharNgramMax);
        w.Byte((byte)((o.RemoveDiacritics ? 1 : 0) | (o.SublinearTf ? 2 : 0) | (o.UseIdf ? 4 : 0) | (o.VoiceFeatures ? 8 : 0) | (o.MentionFeatures ? 16 : 0)));
    }

    private static FeaturizerOptions ReadOptions(ref ByteReader r)
    {
        var o = new FeaturizerOptions
        {
            Buckets = r.I32("buckets"),
            WordNgrams = r.U8("word n-grams"),
            CharNgramMin = r.U8("char n-gram min"),
            CharNgramMax = r.U8("char n-gram max"),
        };
        byte flags = r.U8("featurizer flags");
        o = o with { RemoveDiacritics = (flags & 1) != 0, SublinearTf = (flags & 2) != 0, UseIdf = (flags & 4) != 0, VoiceFeatures = (flags & 8) != 0, MentionFeatures = (flags & 16) != 0 };
        if ((flags & ~31) != 0) throw new ModelFormatException($"Unknown featurizer flags 0x{flags:x2} in model.");
        try { o.Validate(); }
        catch (ArgumentOutOfRangeException e) { throw new ModelFormatException("Invalid featurizer options in model: " + e.Message, e); }
        return o;
    }

    private static void WriteHeads(ByteWriter w, IReadOnlyList<ModelHead> heads)
    {
        w.U16((ushort)heads.Count);
        foreach (ModelHead head in heads)
        {
            w.String(head.Name);
            w.U16((ushort)head.Labels.Count);
            foreach (string label in head.Labels) w.String(label);
        }
    }

    private static ModelHead[] ReadHeads(ref ByteReader r)
    {
        var heads = new ModelHead[r.U16("head count")];
        int offset = 0;
        for (int h = 0; h < heads.Length; h++)
        {
            string name = r.String("head name");
            var labels = new string[r.U16("label count")];
            for (int k = 0; k < labels.Length; k++) labels[k] = r.String("label");
            heads[h] = new ModelHead(name, labels, offset);
            offset += labels.Length;
        }
        return heads;
    }

    private static void WriteMetadata(ByteWriter w, IReadOnlyDictionary<string, string> metadata)
    {
        w.U16((ushort)metadata.Count);
        foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.String(key);
            w.String(value);
        }
    }

    private static void ReadMetadata(ref ByteReader r, Dictionary<string, string> metadata)
    {
        int count = r.U16("metadata count");
        for (int i = 0; i < count; i++) metadata[r.String("metadata key")] = r.String("metadata value");
    }

    private static void WriteLinear(ByteWriter w, LinearModel m)
    {
        int rows = m.RowBuckets.Length;
        w.I32(rows);
        w.I32(m.Classes);
        w.F32(m.DefaultIdf);
        w.U32s(m.RowBuckets);
        for (int r = 0; r < rows; r++) w.F32(m.IdfOf(r));
        for (int r = 0; r < rows; r++) w.F32s(m.Row(r));
        w.F32s(m.Bias.AsSpan(0, m.Classes));
    }

    private static LinearModel ReadLinear(ref ByteReader r, FeaturizerOptions options, int labels)
    {
        int rows = r.I32("row count");
        int classes = r.I32("class count");
        // Every size against the bytes that hold it, before anything is allocated.
        if (rows < 0 || classes <= 0 || classes != labels || rows > options.Buckets || 4L * rows * (classes + 2) + 4L * (classes + 1) > r.Remaining)
            throw new ModelFormatException($"Invalid linear section: {rows} rows, {classes} classes ({labels} labels in HEAD) in {r.Remaining + 8} bytes.");
        float defaultIdf = r.F32("default idf");
        uint[] buckets = r.U32s(rows, "row buckets");
        foreach (uint b in buckets)
            if (b >= (uint)options.Buckets) throw new ModelFormatException($"Row bucket {b} is out of range (buckets: {options.Buckets}).");
        float[] idf = r.F32s(rows, "idf");
        float[] packed = r.F32s(rows * classes, "weights");
        float[] bias = r.F32s(classes, "bias");
        return LinearModelBuilder.FromPacked(options.Buckets, classes, buckets, idf, packed, bias, defaultIdf);
    }
}
