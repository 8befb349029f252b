#!/usr/bin/python3
"""FramingClassifier's trainers (linear, trees, stacked) vs scikit-learn's HistGradientBoostingClassifier.

One script, one machine, same rows:
  * TweetEval stance, each target trained on its own (the TweetEval protocol), test predictions of the
    5 targets pooled; metric = mean F1 of `against` and `favor`.
  * TweetEval stance with the 5 targets pooled into one training set (how the ML.NET reference
    figures, FastTree 59.6 and SdcaMaximumEntropy 59.0, were obtained).
  * TweetEval emoji (45k train / 5k val / 50k test, 20 labels); metric = macro-F1.

Hyper-parameters are chosen on the val split only (grids below); the chosen setting is retrained on
train and scored once on test. For emoji each setting costs minutes, so its settings are fixed (they
were chosen on emoji val; the script prints the val score of each as a check).

scikit-learn gets "the same selected features": after our `trees` model is trained, the hidden
command `framing tree-features` dumps, in svmlight format, the exact vectors that model's trees read
(its chi-square-selected n-gram tf-idf values plus the text statistics), for train and test. HGB is
fit on those with the same tree settings (iterations, leaves, examples per leaf, learning rate, bins,
leaf L2, class weights). HGB's train seconds are its fit only (featurization and selection are ours,
and excluded); its rows/s is predict() on the ready matrix, while ours is the whole `framing predict`
process on the raw text file (load, featurize, score, write JSON).

    /usr/bin/python3 benchmarks/peers/trees.py [--datasets ../shared/datasets] [--tasks stance,pooled,emoji]
"""
import argparse, json, os, subprocess, sys, tempfile, time

from tweeteval import macro_f1, read, stance_metric, write_tsv

TARGETS = ["abortion", "atheism", "climate", "feminist", "hillary"]
WEIGHTS = ["none", "balanced"]
STANCE_GRIDS = {
    "linear": [["--l2", l2, "--class-weights", w] for l2 in ["1e-5", "3e-5", "1e-4", "3e-4", "1e-3"] for w in WEIGHTS],
    "trees": [["--tree-features", f, "--learning-rate", lr, "--class-weights", w]
              for f in ["1000", "2000"] for lr in ["0.1", "0.2"] for w in WEIGHTS],
    "stacked": [["--tree-features", f, "--learning-rate", lr, "--class-weights", w]
                for f in ["200", "1000"] for lr in ["0.05", "0.2"] for w in WEIGHTS],
}
EMOJI_SETTINGS = {
    "linear": [["--class-weights", w] for w in WEIGHTS],
    "trees": [["--validation-fraction", "0.1", "--early-stopping", "5"]],
    "stacked": [["--validation-fraction", "0.1", "--early-stopping", "5", "--stacking-folds", "3"]],
}


class Framing:
    def __init__(self, cli, trainer, settings):
        self.cli, self.trainer, self.settings = cli, trainer, settings
        self.name = f"FramingClassifier {trainer}"

    def run(self, *args):
        return subprocess.run([*self.cli, *args], check=True, capture_output=True, text=True)

    def train(self, tsv, model, setting):
        self.run("train", "--data", tsv, "--label-columns", "label", "--out", model, "--trainer", self.trainer, *setting)

    def predict(self, model, tsv, out):
        self.run("predict", "--model", model, "--input", tsv, "--output", out)
        with open(out, encoding="utf-8") as f:
            return [json.loads(line)["label"]["label"] for line in f]

    def fit(self, work, files, val_gold, metric):
        """Chooses a setting on val, retrains it (timed), predicts test (timed). Returns a result dict."""
        model, out = os.path.join(work, f"{self.trainer}.fcm"), os.path.join(work, "p.jsonl")
        best = None
        for setting in self.settings:
            self.train(files["train"], model, setting)
            score = metric(val_gold, self.predict(model, files["val"], out))
            if best is None or score > best[0]:
                best = (score, setting)
        t0 = time.perf_counter()
        self.train(files["train"], model, best[1])
        train_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        pred = self.predict(model, files["test"], out)
        score_s = time.perf_counter() - t0
        return {"pred": pred, "train_s": train_s, "score_s": score_s, "model": model, "setting": best[1], "val": best[0]}


class HistGradientBoosting:
    name = "scikit-learn HistGradientBoosting (same features)"

    def __init__(self, cli):
        self.cli = cli

    def fit(self, work, files, trees_result, labels):
        """Fits HGB on the vectors the chosen `trees` model reads, with its tree settings."""
        from sklearn.datasets import load_svmlight_file
        from sklearn.ensemble import HistGradientBoostingClassifier
        model = trees_result["model"]
        paths = {}
        for split in ("train", "test"):
            paths[split] = os.path.join(work, f"{split}.svm")
            out = subprocess.run([*self.cli, "tree-features", "--model", model, "--head", "label", "--data", files[split],
                                  "--out", paths[split]], check=True, capture_output=True, text=True)
            features = int(out.stderr.strip().split()[-2])
        x_train, y_train = load_svmlight_file(paths["train"], n_features=features, zero_based=False)
        x_test, _ = load_svmlight_file(paths["test"], n_features=features, zero_based=False)
        setting = dict(zip(trees_result["setting"][::2], trees_result["setting"][1::2]))
        hgb = HistGradientBoostingClassifier(
            max_iter=100, learning_rate=float(setting.get("--learning-rate", 0.2)), max_leaf_nodes=20, min_samples_leaf=10,
            max_bins=255, l2_regularization=1.0, early_stopping=False, random_state=1,
            class_weight="balanced" if setting.get("--class-weights") == "balanced" else None)
        x_train, x_test = x_train.toarray(), x_test.toarray()
        t0 = time.perf_counter()
        hgb.fit(x_train, y_train.astype(int))
        train_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        pred = hgb.predict(x_test)
        score_s = time.perf_counter() - t0
        return {"pred": [labels[int(p)] for p in pred], "train_s": train_s, "score_s": score_s, "setting": "same as trees", "val": float("nan")}


def prepare(work, train, val, test):
    files = {s: os.path.join(work, f"{s}.tsv") for s in ("train", "val", "test")}
    for s, rows in (("train", train), ("val", val), ("test", test)):
        write_tsv(files[s], rows)
    return files


def evaluate(cli, groups, grids, metric, with_hgb):
    """groups: list of (name, train, val, test). Pools test predictions over groups per system."""
    systems = [Framing(cli, t, grids[t]) for t in ("linear", "trees", "stacked")]
    hgb = HistGradientBoosting(cli) if with_hgb else None
    names = [s.name for s in systems] + ([hgb.name] if hgb else [])
    pooled = {n: {"gold": [], "pred": [], "train_s": 0.0, "score_s": 0.0, "n": 0, "chosen": []} for n in names}
    for group, train, val, test in groups:
        with tempfile.TemporaryDirectory() as work:
            files = prepare(work, train, val, test)
            gold_val, gold_test = [r["label"] for r in val], [r["label"] for r in test]
            results = {}
            for s in systems:
                results[s.name] = s.fit(work, files, gold_val, metric)
                print(f"  {group}: {s.name}: val {results[s.name]['val']:.1f} with {' '.join(results[s.name]['setting'])}", file=sys.stderr, flush=True)
            if hgb:
                labels = sorted(set(r["label"] for r in train), key=lambda l: l.encode("utf-8"))
                results[hgb.name] = hgb.fit(work, files, results["FramingClassifier trees"], labels)
            for name, r in results.items():
                p = pooled[name]
                assert len(r["pred"]) == len(gold_test), (name, group)
                p["gold"] += gold_test; p["pred"] += r["pred"]
                p["train_s"] += r["train_s"]; p["score_s"] += r["score_s"]; p["n"] += len(gold_test)
                p["chosen"].append(f"{group}: {' '.join(r['setting']) if isinstance(r['setting'], list) else r['setting']}")
    return [(n, metric(p["gold"], p["pred"]), p["train_s"], p["n"] / p["score_s"], "; ".join(p["chosen"])) for n, p in pooled.items()]


def print_table(title, metric_name, rows):
    print(title)
    print(f"{'system':52} {metric_name:>10} {'train s':>9} {'rows/s':>10}")
    for name, metric, train_s, rate, _ in rows:
        print(f"{name:52} {metric:10.1f} {train_s:9.2f} {rate:10.0f}")
    for name, *_, chosen in rows:
        print(f"  {name}: {chosen}")
    print(flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--datasets", default="../shared/datasets")
    ap.add_argument("--framing", default=None, help="command that runs the framing CLI (default: build Release and run it)")
    ap.add_argument("--tasks", default="stance,pooled,emoji", help="comma-separated: stance (per target), pooled, emoji")
    ap.add_argument("--no-sklearn", action="store_true")
    args = ap.parse_args()
    if args.framing:
        cli = args.framing.split()
    else:
        subprocess.run(["dotnet", "build", "-c", "Release", "-v", "q", "src/FramingClassifier.Cli"], check=True, capture_output=True)
        cli = ["dotnet", "src/FramingClassifier.Cli/bin/Release/net10.0/framing.dll"]
    tasks = args.tasks.split(",")
    stance = os.path.join(args.datasets, "tweeteval-stance")
    if "stance" in tasks:
        groups = [(t, *(read(os.path.join(stance, f"{s}.tsv"), t) for s in ("train", "val", "test"))) for t in TARGETS]
        rows = evaluate(cli, groups, STANCE_GRIDS, stance_metric, not args.no_sklearn)
        print_table("TweetEval stance, each target trained on its own, 1249 pooled test rows (mean F1 of against and favor)", "stance F1", rows)
    if "pooled" in tasks:
        groups = [("pooled", *(read(os.path.join(stance, f"{s}.tsv")) for s in ("train", "val", "test")))]
        rows = evaluate(cli, groups, STANCE_GRIDS, stance_metric, not args.no_sklearn)
        print_table("TweetEval stance, the 5 targets pooled into one training set (ML.NET reference: FastTree OVA 59.6, SdcaMaximumEntropy 59.0)", "stance F1", rows)
    if "emoji" in tasks:
        emoji = os.path.join(args.datasets, "tweeteval-emoji")
        groups = [("emoji", *(read(os.path.join(emoji, f"{s}.tsv")) for s in ("train", "val", "test")))]
        rows = evaluate(cli, groups, EMOJI_SETTINGS, macro_f1, not args.no_sklearn)
        print_table("TweetEval emoji, 50000 test rows (macro-F1)", "macro-F1", rows)


if __name__ == "__main__":
    main()
