#!/usr/bin/python3
"""`framing train` with no tuning option against `--tune` and against fastText's defaults, on the same rows, in one run (issue 18).

Settings as in peers.py: TweetEval stance per target (test predictions pooled; mean F1 of against and favor),
stance pooled, emoji (macro-F1). With --only news, data the defaults were not designed on (macro-F1):
NewsMTSC (train 8,739, less the 2 rows that hold U+FFFD; scored on dev and on dev_mt, its multi-target dev
set; its test split is not in ../shared) and BABE (2,939 rows, stratified 5-fold cross-validation with seed 7,
out-of-fold predictions pooled; measurement only). "defaults": `framing train --data train.tsv --label-columns
label --out m.fcm`, nothing else (the trainer chooses --l2 and --class-weights on the training rows). "--tune": the grid search as
peers.py runs it (--tune-labels against,favor on stance), then the chosen point refit. fastText: `fasttext
supervised` with its defaults plus -seed 1, as peers.py. Every model scores test once.

Training time: on emoji, the whole default `framing train` process (choice and final fit) and fastText's
training process alternate --repeats times; the median of each and their ratio are printed. Stance times are
one run each. Each run also prints the choice the defaults made.

    /usr/bin/python3 benchmarks/peers/defaults.py [--datasets DIR] [--only stance|emoji|news] [--repeats 3] [--no-tune]
"""
import argparse, os, re, shutil, statistics, sys, tempfile

from peers import TARGETS, Framing, Group, child, lines, load
from tweeteval import macro_f1, read, stance_metric, stratified_folds


def chosen(path):
    m = re.search(r"^chosen: l2=(\S+) class-weights=(\S+)", open(path, encoding="utf-8").read(), re.M)
    return f"--l2 {m.group(1)} --class-weights {m.group(2)}"


def ours_default(framing, g, extra):
    seconds, peak = framing.train(g, extra, g.path("default.txt"))
    pred, _ = framing.predict(g, "test")
    return pred, seconds, peak, chosen(g.path("default.txt"))


def ours_tuned(framing, g, metric):
    setting, cv, search_s = framing.tune(g, metric)
    framing.train(g, setting)
    pred, _ = framing.predict(g, "test")
    return pred, search_s, " ".join(setting)


def fasttext(g):
    """fastText's defaults plus -seed 1, as peers.py trains it."""
    train, test, model, out = g.path("ft.train"), g.path("ft.test"), g.path("ft"), g.path("ft.pred")
    with open(train, "w", encoding="utf-8") as f:
        f.writelines(f"__label__{r['label']} {r['text']}\n" for r in g.splits["train"])
    with open(test, "w", encoding="utf-8") as f:
        f.writelines(t + "\n" for t in g.texts["test"])
    seconds, _ = child(["fasttext", "supervised", "-input", train, "-output", model, "-seed", "1"])
    child(["fasttext", "predict", model + ".bin", test], out)
    return [p.replace("__label__", "", 1) for p in lines(out)], seconds


def setting(name, metric, groups, framing, repeats, tune, extra):
    gold, parts = [], {"defaults": [], "tune": [], "fasttext": []}
    seconds = {"defaults": [], "fasttext": [], "tune": []}
    for target, g in groups:
        gold += g.gold["test"]
        times = {"defaults": [], "fasttext": []}
        for _ in range(repeats):
            pred, s, peak, choice = ours_default(framing, g, extra)
            times["defaults"].append(s)
            ft_pred, ft_s = fasttext(g)
            times["fasttext"].append(ft_s)
        parts["defaults"] += pred
        parts["fasttext"] += ft_pred
        for k in times:
            seconds[k].append(statistics.median(times[k]))
        q = lambda p: metric(g.gold["test"], p)
        line = f"  {name} / {target}: defaults {q(pred):.1f} ({choice}; {statistics.median(times['defaults']):.2f} s, peak {peak:.0f} MB)"
        if tune:
            t_pred, t_s, t_choice = ours_tuned(framing, g, metric)
            parts["tune"] += t_pred
            seconds["tune"].append(t_s)
            line += f", --tune {q(t_pred):.1f} ({t_choice}; search {t_s:.1f} s)"
        line += f", fastText {q(ft_pred):.1f} ({statistics.median(times['fasttext']):.2f} s); train s each run: ours " \
                f"{', '.join(f'{t:.2f}' for t in times['defaults'])}, fastText {', '.join(f'{t:.2f}' for t in times['fasttext'])}"
        print(line, flush=True)
    q = {k: metric(gold, p) for k, p in parts.items() if p}
    ratio = sum(seconds["defaults"]) / sum(seconds["fasttext"])
    tuned = f" | {q['tune']:.1f} | {sum(seconds['tune']):.1f}" if "tune" in q else " | – | –"
    return f"| {name} | {q['defaults']:.1f}{tuned} | {q['fasttext']:.1f} | {sum(seconds['defaults']):.2f} | {sum(seconds['fasttext']):.2f} | {ratio:.2f}x |"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--datasets", default="../shared/datasets", help="relative to the repository root")
    ap.add_argument("--only", choices=["stance", "emoji", "news"])
    ap.add_argument("--repeats", type=int, default=3, help="alternated default and fastText trainings per training set")
    ap.add_argument("--no-tune", action="store_true", help="skip the --tune runs")
    ap.add_argument("--stance-labels", action="store_true", help="default runs on stance also pass --tune-labels against,favor (the metric, no grid)")
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    datasets = os.path.join(root, args.datasets)
    print(f"load at start: {load()}", flush=True)
    if not shutil.which("fasttext"):
        sys.exit("needs fastText: apt-get install -y fasttext")
    framing = Framing(["dotnet", os.path.join(root, "src/FramingClassifier.Cli/bin/Release/net10.0/framing.dll")])
    splits = lambda folder, target=None: {s: read(os.path.join(folder, f"{s}.tsv"), target) for s in ("train", "val", "test")}
    stance, emoji = (os.path.join(datasets, f"tweeteval-{d}") for d in ("stance", "emoji"))
    rows = []
    extra = ["--tune-labels", "against,favor"] if args.stance_labels else []
    with tempfile.TemporaryDirectory() as work:
        def groups(items):
            out = []
            for name, s in items:
                os.makedirs(os.path.join(work, name), exist_ok=True)
                out.append((name, Group(name, s, os.path.join(work, name))))
            return out
        if args.only in (None, "stance"):
            rows.append(setting("stance per target", stance_metric, groups([(t, splits(stance, t)) for t in TARGETS]), framing, args.repeats, not args.no_tune, extra))
            rows.append(setting("stance pooled", stance_metric, groups([("pooled", splits(stance))]), framing, args.repeats, not args.no_tune, extra))
        if args.only in (None, "emoji"):
            rows.append(setting("emoji", macro_f1, groups([("emoji", splits(emoji))]), framing, args.repeats, not args.no_tune, []))
        if args.only in (None, "news"):
            # Two NewsMTSC training rows hold U+FFFD, which `framing train` refuses unless --skip-bad-text: every system goes without them.
            news = {s: [r for r in read(os.path.join(datasets, "newsmtsc", f"{s}.tsv")) if "\ufffd" not in r["text"]] for s in ("train", "dev", "dev_mt")}
            for dev in ("dev", "dev_mt"):
                rows.append(setting(f"NewsMTSC {dev}", macro_f1, groups([(dev, {"train": news["train"], "test": news[dev]})]), framing, args.repeats, not args.no_tune, []))
            babe = read(os.path.join(datasets, "babe", "train.tsv"))
            fold = stratified_folds(babe)
            parts = [(f"babe-{f}", {"train": [r for r, k in zip(babe, fold) if k != f], "test": [r for r, k in zip(babe, fold) if k == f]}) for f in range(5)]
            rows.append(setting("BABE, 5-fold", macro_f1, groups(parts), framing, args.repeats, not args.no_tune, []))
    print("\n| setting | defaults | --tune | --tune search s | fastText defaults | defaults train s | fastText train s | ratio |")
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    print(f"\ntrain s: median over the alternated runs of the whole training process (ours: the choice and the final fit), summed over targets.\n"
          f"load at end: {load()}")


if __name__ == "__main__":
    sys.exit(main())
