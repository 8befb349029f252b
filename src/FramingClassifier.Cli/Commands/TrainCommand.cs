using System.CommandLine;
using System.Globalization;
using FramingClassifier.Embeddings;
using FramingClassifier.Training;

namespace FramingClassifier.Cli.Commands;

/// <summary>`framing train`: read labelled files, train one head per label column, evaluate if asked, save the model.</summary>
internal static class TrainCommand
{
    // Defaults come from the options types, so a default changed there is the command line's too.
    private static readonly TrainingOptions Library = new();
    private static readonly DatasetOptions Dataset = new();
    private static readonly FeaturizerOptions Featurizer = FeaturizerOptions.Default;

    public static Command Create()
    {
        var data = new Option<string[]>("--data") { Description = "Training file(s): TSV, CSV or JSONL.", Required = true, AllowMultipleArgumentsPerToken = true };
        var format = SharedOptions.Format();
        var textColumn = SharedOptions.TextColumn();
        var skipBadText = SharedOptions.SkipBadText();
        var labelColumns = new Option<string>("--label-columns") { Description = "Comma-separated label columns, one head each.", DefaultValueFactory = _ => string.Join(",", Dataset.LabelColumns) };
        var output = new Option<string>("--out") { Description = "Where to write the model file.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed for folds and splits.", DefaultValueFactory = _ => Library.Seed };
        var threads = new Option<int>("--threads") { Description = "Threads for featurizing and solving; -1 for all cores. The model does not depend on it.", DefaultValueFactory = _ => Library.MaxDegreeOfParallelism };
        var test = new Option<string?>("--test") { Description = "Evaluate on this file after training on all of --data." };
        var holdoutColumn = new Option<string?>("--holdout-column") { Description = "Column whose values --holdout-values holds out of training, for evaluation (for example conflict)." };
        var holdoutValues = new Option<string?>("--holdout-values") { Description = "Comma-separated values of --holdout-column to hold out." };
        var folds = new Option<int>("--folds") { Description = "Cross-validate what this command trains, in k stratified folds, before training; a choice of --l2 and --class-weights (or --tune's search) is made again in each fold from its training rows (0: off).", DefaultValueFactory = _ => 0 };
        var tune = new Option<bool>("--tune") { Description = "Choose --l2 and --class-weights by stratified 5-fold cross-validation on the training rows (default: off)." };
        var tuneLabels = new Option<string?>("--tune-labels") { Description = "With --tune, or when --l2 or --class-weights is chosen: score by the mean F1 of these comma-separated labels instead of macro-F1 (default: macro-F1)." };
        var json = SharedOptions.Json();
        var baseModel = new Option<string?>("--base-model") { Description = "Continue from this model: start from its weights, keep its featurizer options (the featurizer flags are then ignored) and pull L2 toward its weights (default: none)." };
        var l2 = new Option<double?>("--l2") { Description = "L2 penalty λ in (1/n)Σ loss + λ/2‖W‖² (default: chosen from the training rows by cross-validation along a regularization path, unless --tune; " +
            string.Create(CultureInfo.InvariantCulture, $"{Library.L2:R} with --base-model or a trees or stacked head).") };
        var l1 = new Option<double>("--l1") { Description = "L1 penalty (OWL-QN solver when above 0).", DefaultValueFactory = _ => Library.L1 };
        var solver = new Option<LinearSolver>("--solver") { Description = "Solver of linear heads: auto (sag, or lbfgs when --l1 is above 0), sag or lbfgs.", DefaultValueFactory = _ => Library.Solver };
        var maxIterations = new Option<int>("--max-iterations") { Description = "Maximum solver iterations per head (L-BFGS iterations or SAG epochs).", DefaultValueFactory = _ => Library.MaxIterations };
        var tolerance = new Option<double>("--tolerance") { Description = "Convergence tolerance: L-BFGS stops when the objective improves by less than this fraction over 5 iterations, SAG when no weight moves by more than 100 times this fraction of the largest in an epoch.", DefaultValueFactory = _ => Library.Tolerance };
        var classWeights = new Option<ClassWeighting?>("--class-weights") { Description = "none or balanced (n / (classes × count)) (default: chosen from the training rows by cross-validation, unless --tune; " +
            $"{Library.ClassWeights.ToString().ToLowerInvariant()} with --base-model or a trees or stacked head)." };
        var buckets = new Option<int>("--buckets") { Description = "Hash buckets.", DefaultValueFactory = _ => Featurizer.Buckets };
        var wordNgrams = new Option<int>("--word-ngrams") { Description = "Longest word n-gram (1 to 3).", DefaultValueFactory = _ => Featurizer.WordNgrams };
        var charMin = new Option<int>("--char-min") { Description = "Shortest char n-gram, with < > word boundaries.", DefaultValueFactory = _ => Featurizer.CharNgramMin };
        var charMax = new Option<int>("--char-max") { Description = "Longest char n-gram (0: none).", DefaultValueFactory = _ => Featurizer.CharNgramMax };
        var noIdf = new Option<bool>("--no-idf") { Description = $"Do not weight features by IDF (default: IDF {OnOff(Featurizer.UseIdf)})." };
        var diacritics = new Option<bool>("--remove-diacritics") { Description = $"Strip diacritics after NFKC (default: {(Featurizer.RemoveDiacritics ? "strip" : "keep")})." };
        var noVoice = new Option<bool>("--no-voice-features") { Description = $"Leave out quotation and reporting-cue features (default: {OnOff(Featurizer.VoiceFeatures)})." };
        var refit = new Option<bool>("--refit-all") { Description = "After evaluating on the held-out groups, train the written model on every row, held-out groups included (default: off)." };
        var mention = new Option<bool>("--mention-features") { Description = $"Add features of the deciding designation word: its codebook class, who owns it, the words beside it (default: {OnOff(Featurizer.MentionFeatures)})." };
        var ties = new Option<string[]>("--tie") { Description = "Tie a head's label to another's: head:label=source-head:source-label, for example voice:none=framing:none (voice is none exactly when framing is); repeat for more (default: none).", AllowMultipleArgumentsPerToken = false };
        var embeddings = new Option<string?>("--embeddings") { Description = $"Add a sentence embedding to every linear head's features: {MiniLmEncoder.EncoderName} (all-MiniLM-L6-v2; slower to train and score, see docs/embeddings.md) (default: none, n-grams only)." };
        var minDf = new Option<int>("--min-df") { Description = "Training rows an n-gram must occur in to get a weight row; rarer n-grams are scored as unseen, for a smaller, faster model.", DefaultValueFactory = _ => Library.MinDocumentFrequency };
        var embeddingScale = new Option<float?>("--embedding-scale") { Description = "With --embeddings: the factor on the L2-normalized embedding against the L2-normalized n-gram vector " +
            string.Create(CultureInfo.InvariantCulture, $"(default: {Library.EmbeddingScale:R}; with --tune, chosen from {string.Join(", ", HyperparameterSearch.DefaultEmbeddingScaleGrid.Select(a => a.ToString(CultureInfo.InvariantCulture)))}).") };
        var trainers = new TrainerOptions();
        var command = new Command("train", "Train a model with one head per label column.")
        {
            data, format, textColumn, skipBadText, labelColumns, output, seed, threads, test, holdoutColumn, holdoutValues, folds, tune, tuneLabels, json, baseModel,
            l2, l1, solver, maxIterations, tolerance, classWeights, buckets, wordNgrams, charMin, charMax, noIdf, diacritics, noVoice, mention, refit, ties,
            embeddings, embeddingScale, minDf,
        };
        foreach (Option option in trainers.All) command.Options.Add(option);
        command.SetAction(r => CliRunner.Run(() =>
        {
            var datasetOptions = new DatasetOptions
            {
                TextColumn = r.GetValue(textColumn)!,
                LabelColumns = CliRunner.SplitList(r.GetValue(labelColumns)),
                GroupColumn = r.GetValue(holdoutColumn),
                Format = r.GetValue(format),
                SkipBadText = r.GetValue(skipBadText),
            };
            FramingModel? start = r.GetValue(baseModel) is { } basePath ? EmbeddingModel.Load(basePath) : null;
            var options = new TrainingOptions
            {
                BaseModel = start,
                Featurizer = start?.Options ?? Featurizer with
                {
                    Buckets = r.GetValue(buckets), WordNgrams = r.GetValue(wordNgrams),
                    CharNgramMin = r.GetValue(charMin), CharNgramMax = r.GetValue(charMax),
                    UseIdf = Featurizer.UseIdf && !r.GetValue(noIdf), RemoveDiacritics = Featurizer.RemoveDiacritics || r.GetValue(diacritics),
                    VoiceFeatures = Featurizer.VoiceFeatures && !r.GetValue(noVoice), MentionFeatures = Featurizer.MentionFeatures || r.GetValue(mention),
                },
                L2 = r.GetValue(l2) ?? Library.L2, L1 = r.GetValue(l1), MinDocumentFrequency = r.GetValue(minDf), Solver = r.GetValue(solver), MaxIterations = r.GetValue(maxIterations), Tolerance = r.GetValue(tolerance),
                ClassWeights = r.GetValue(classWeights) ?? Library.ClassWeights, Seed = r.GetValue(seed), MaxDegreeOfParallelism = r.GetValue(threads),
                Ties = (r.GetValue(ties) ?? []).Select(LabelTie.Parse).ToArray(),
                // One cache for the whole run: tuning, the held-out report and the refit embed each text once.
                Embeddings = r.GetValue(embeddings) is { } encoder ? CachedSentenceEncoder.Wrap(EmbeddingModel.Encoder(encoder)) : null,
                EmbeddingScale = r.GetValue(embeddingScale) ?? Library.EmbeddingScale,
            };
            options = trainers.Apply(r, options);
            // A base model's L2 is the pull toward its weights, and tree heads would make every scoring fit a boosting run.
            bool chooses = start is null && !trainers.IsFastTree(r) && options.Trainer == HeadScorer.Linear && options.HeadTrainers.Values.All(t => t == HeadScorer.Linear);
            var request = new TrainRequest(r.GetValue(data)!, datasetOptions, options, r.GetValue(output)!, r.GetValue(test),
                CliRunner.SplitList(r.GetValue(holdoutValues)), r.GetValue(folds), r.GetValue(tune), CliRunner.SplitList(r.GetValue(tuneLabels)), r.GetValue(json),
                r.GetValue(refit), trainers.IsFastTree(r),
                ChooseL2: chooses && r.GetValue(l2) is null, ChooseWeights: chooses && r.GetValue(classWeights) is null,
                TuneEmbeddingScale: r.GetValue(embeddingScale) is null);
            return Execute(request);
        }));
        return command;
    }

    internal sealed record TrainRequest(string[] Data, DatasetOptions Dataset, TrainingOptions Options, string Out, string? Test,
        string[] HoldoutValues, int Folds, bool Tune, string[] TuneLabels, string? Json, bool Refit = false, bool FastTree = false,
        bool ChooseL2 = false, bool ChooseWeights = false, bool TuneEmbeddingScale = true);

    internal static int Execute(TrainRequest q)
    {
        if (q.Dataset.GroupColumn is not null != q.HoldoutValues.Length > 0)
            throw new ArgumentException("--holdout-column and --holdout-values go together.");
        if (q.Refit && q.HoldoutValues.Length == 0)
            throw new ArgumentException("--refit-all goes with --holdout-column and --holdout-values.");
        if (q.FastTree && (q.Tune || q.Folds > 0 || q.Options.BaseModel is not null))
            throw new ArgumentException("--trainer fasttree goes without --tune, --folds and --base-model.");
        // Hours of training must not end in "cannot write".
        AtomicFile.CheckWritable(q.Out);
        if (q.Json is not null) AtomicFile.CheckWritable(q.Json);
        LabeledDataset all = LabeledDataset.Load(q.Data, q.Dataset);
        SharedOptions.ReportSkippedRows(all);
        Console.Error.WriteLine($"read {all.Count} rows; empty labels skipped per head: " +
            string.Join(", ", all.Heads.Zip(all.SkippedLabels, (h, n) => $"{h} {n}")));
        if (q.Folds > 0) CrossValidate(all, q);
        LabeledDataset train = all, test = all;
        if (q.HoldoutValues.Length > 0)
        {
            var (trainRows, testRows) = DataSplits.HoldOutGroups(all, q.HoldoutValues);
            (train, test) = (all.Subset(trainRows), all.Subset(testRows));
            Console.Error.WriteLine($"held out {testRows.Length} rows ({string.Join(", ", q.HoldoutValues)}); training on {trainRows.Length}");
        }
        TrainingOptions options = Choose(train, q.Options, q, prefix: "");
        FramingModel model = Fit(train, options, q.FastTree);
        if (q.Test is not null)
        {
            test = LabeledDataset.Load([q.Test], q.Dataset with { GroupColumn = null });
            SharedOptions.ReportSkippedRows(test);
        }
        if (q.Test is not null || q.HoldoutValues.Length > 0) Report(Evaluator.Evaluate(model, test), q.Json);
        if (q.Refit)
        {
            Console.Error.WriteLine($"refitting on all {all.Count} rows with the same options");
            model = Fit(all, options, q.FastTree);
        }
        model.Save(q.Out);
        Console.Error.WriteLine($"wrote {q.Out}");
        return 0;
    }

    private static FramingModel Fit(LabeledDataset rows, TrainingOptions options, bool fastTree)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Action<string> log = line => Console.Error.WriteLine("  " + CliRunner.Printable(line));
        FramingModel model = fastTree ? ML.FastTreeTrainer.Train(rows, options, log) : ModelTrainer.Train(rows, options, log);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trained in {watch.Elapsed.TotalSeconds:0.00} s; {model.FeatureRows} feature rows"));
        return model;
    }

    private static string OnOff(bool on) => on ? "on" : "off";

    internal static void Report(EvaluationReport report, string? json)
    {
        Console.WriteLine(report.ToTable());
        if (json is not null) CliRunner.WriteAtomically(json, s => s.Write(System.Text.Encoding.UTF8.GetBytes(report.ToJson())));
    }

    private static bool Chooses(TrainRequest q) => q.Tune || q.ChooseL2 || q.ChooseWeights;

    /// <summary>The options to train <paramref name="rows"/> with: tuned, chosen on the path, or as given. Logs every point scored only without a prefix.</summary>
    private static TrainingOptions Choose(LabeledDataset rows, TrainingOptions options, TrainRequest q, string prefix) =>
        !Chooses(q) ? options
        : q.Tune ? Tuned(rows, options, q.TuneLabels, q.TuneEmbeddingScale, prefix)
        : Chosen(rows, options, q.ChooseL2, q.ChooseWeights, q.TuneLabels, prefix);

    private static TrainingOptions Tuned(LabeledDataset train, TrainingOptions options, string[] labels, bool tuneEmbeddingScale, string prefix)
    {
        var (best, grid) = HyperparameterSearch.Tune(train, options, scoreLabels: labels.Length > 0 ? labels : null,
            scaleGrid: tuneEmbeddingScale ? null : [options.EmbeddingScale]);
        string Scale(float a) => options.Embeddings is null ? "" : string.Create(CultureInfo.InvariantCulture, $" embedding-scale={a:R}");
        foreach (GridPoint p in prefix.Length == 0 ? grid : [])
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  cv {Setting(p.L2, p.ClassWeights)}{Scale(p.EmbeddingScale)}: score {p.Score:0.0000}"));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{prefix}tuned: {Setting(best.L2, best.ClassWeights)}{Scale(best.EmbeddingScale)} cv-score={grid.Max(p => p.Score):0.0000}"));
        return best;
    }

    private static TrainingOptions Chosen(LabeledDataset train, TrainingOptions options, bool chooseL2, bool chooseWeights, string[] labels, string prefix)
    {
        var (best, path) = RegularizationPath.Choose(train, options, chooseL2, chooseWeights, labels.Length > 0 ? labels : null);
        if (path.Count == 0)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{prefix}too few rows of some label to cross-validate: {Setting(best.L2, best.ClassWeights)}"));
            return best;
        }
        foreach (GridPoint p in prefix.Length == 0 ? path : [])
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  cv {Setting(p.L2, p.ClassWeights)}: score {p.Score:0.0000} ± {p.StandardError:0.0000}"));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{prefix}chosen: {Setting(best.L2, best.ClassWeights)}{(prefix.Length == 0 ? " (pass --l2 and --class-weights to set them)" : "")}"));
        return best;
    }

    /// <summary>How the log names a point of the choice: "l2=1E-05 class-weights=balanced".</summary>
    private static string Setting(double l2, ClassWeighting weights) =>
        string.Create(CultureInfo.InvariantCulture, $"l2={l2:R} class-weights={weights.ToString().ToLowerInvariant()}");

    /// <summary>Cross-validates what the command trains: any choice of options is made again in each fold, on its training rows only.</summary>
    private static void CrossValidate(LabeledDataset all, TrainRequest q)
    {
        int fold = 0;
        Func<LabeledDataset, TrainingOptions, TrainingOptions>? choose = Chooses(q) ? (rows, o) => Choose(rows, o, q, prefix: $"  fold {++fold}: ") : null;
        CrossValidationResult cv = CrossValidation.Run(all, q.Options, q.Folds, choose);
        Console.WriteLine($"stratified {cv.Folds.Count}-fold cross-validation{(choose is null ? "" : ", options chosen in each fold")}:");
        foreach (string head in all.Heads)
        {
            var (f1, sdF1, acc, sdAcc) = cv.Summary(head);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {head}: macro-F1 {f1:0.0000} ± {sdF1:0.0000}, accuracy {acc:0.0000} ± {sdAcc:0.0000}"));
        }
    }
}
