namespace FramingClassifier;

/// <summary>
/// The TREE section of a model file (format version 2), written only when a head uses trees:
/// <code>
/// u16 ensembles, then per ensemble:
///   u16 head index, u8 scorer (1 trees, 2 stacked), i32 sparse features S, i32[S] linear rows (ascending),
///   f32[K] base scores (K = the head's labels), i32 trees, i32 nodes, i32 leaves, i32[trees] roots,
///   i32[nodes] split features, f32[nodes] thresholds, i32[nodes] left, i32[nodes] right, f32[leaves] leaf values
/// </code>
/// Every index is checked on reading (<see cref="TreeEnsemble"/>), on top of the file's CRC-32.
/// </summary>
internal static class TreeSection
{
    public static void Write(ByteWriter w, IReadOnlyList<ModelHead> heads)
    {
        var withTrees = heads.Select((h, i) => (h.Trees, Index: i)).Where(p => p.Trees is not null).ToArray();
        w.U16((ushort)withTrees.Length);
        foreach (var (trees, index) in withTrees)
        {
            TreeEnsemble t = trees!;
            w.U16((ushort)index);
            w.Byte(t.Kind == HeadScorer.Stacked ? (byte)2 : (byte)1);
            w.I32(t.FeatureRows.Length);
            w.I32s(t.FeatureRows);
            w.F32s(t.BaseScores);
            w.I32(t.Roots.Length);
            w.I32(t.SplitFeature.Length);
            w.I32(t.LeafValues.Length);
            w.I32s(t.Roots);
            w.I32s(t.SplitFeature);
            w.F32s(t.Threshold);
            w.I32s(t.Left);
            w.I32s(t.Right);
            w.F32s(t.LeafValues);
        }
    }

    /// <summary>Reads the section and returns <paramref name="heads"/> with their trees attached.</summary>
    public static void Read(ref ByteReader r, ModelHead[] heads, int linearRows)
    {
        int count = r.U16("tree ensemble count");
        for (int e = 0; e < count; e++)
        {
            int head = r.U16("tree head index");
            if (head >= heads.Length || heads[head].Trees is not null)
                throw new ModelFormatException($"Invalid tree section: head index {head} ({heads.Length} heads, or repeated).");
            byte kind = r.U8("tree scorer");
            if (kind is not (1 or 2)) throw new ModelFormatException($"Invalid tree section: unknown scorer {kind}.");
            int[] rows = r.I32s(Count(r.I32("tree feature count"), linearRows), "tree feature rows");
            float[] baseScores = r.F32s(heads[head].Labels.Count, "tree base scores");
            int trees = Count(r.I32("tree count"), int.MaxValue / 4);
            int nodes = Count(r.I32("tree node count"), int.MaxValue / 4);
            int leaves = Count(r.I32("tree leaf count"), int.MaxValue / 4);
            var ensemble = new TreeEnsemble(kind == 2 ? HeadScorer.Stacked : HeadScorer.Trees, heads[head].Labels.Count, linearRows, rows, baseScores,
                r.I32s(trees, "tree roots"), r.I32s(nodes, "split features"), r.F32s(nodes, "thresholds"),
                r.I32s(nodes, "left children"), r.I32s(nodes, "right children"), r.F32s(leaves, "leaf values"));
            heads[head] = heads[head].WithTrees(ensemble);
        }
    }

    private static int Count(int value, int max) =>
        value < 0 || value > max ? throw new ModelFormatException($"Invalid tree section: count {value} is out of range.") : value;
}
