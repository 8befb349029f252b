#!/usr/bin/python3
"""`framing train` with no tuning option against fastText's defaults and the majority label on TweetEval stance per
target, on the training rows and on test, in one run (issue 18, docs/defaults.md).

fastText's defaults predict each target's majority label. On test that scores 65.2, because the test split holds more of
each target's majority label than train does; the script prints the label shares per split to show it. It then scores
the same three systems twice:
- nested cross-validation on train: per target, 5 stratified outer folds (seed 7); on each, `framing train --data
  <other 4 folds> --label-columns label` (the defaults choose L2 and class weights by their own inner folds), fastText's
  defaults (-seed 1) and the majority label of the 4 folds, each predicting the held-out fold; val and test are unused;
- test: trained on all of train, scored once, with a 95% paired bootstrap interval of each difference.
Both score the mean F1 of against and favor over the targets' predictions pooled. About 2 minutes on 2 cores.

    /usr/bin/python3 benchmarks/peers/stance_shift.py [--datasets DIR]
"""
import argparse, os, shutil, sys, tempfile
from collections import Counter

from defaults import fasttext
from peers import TARGETS, Framing, Group, Majority, paired_bootstrap
from tweeteval import read, stance_metric, stratified_folds

FOLDS = 5


def shares(rows):
    counts = Counter(r["label"] for r in rows)
    return " ".join(f"{label} {counts[label] / len(rows):.2f}" for label in ("against", "favor", "none"))


def predict_all(framing, g):
    """The three systems' predictions for g's test rows, each trained on g's train rows."""
    framing.train(g, [])
    ours, _ = framing.predict(g, "test")
    theirs, _ = fasttext(g)
    return {"defaults": ours, "fastText defaults": theirs, "majority label": Majority().run(g, stance_metric)["pred"]}


def pooled(name, results):
    gold = [label for g, _ in results for label in g]
    systems = results[0][1].keys()
    preds = {s: [label for _, p in results for label in p[s]] for s in systems}
    print(f"\n{name}, {len(gold)} rows: " + ", ".join(f"{s} {stance_metric(gold, preds[s]):.1f}" for s in systems))
    for other in list(systems)[1:]:
        diff, low, high = paired_bootstrap(stance_metric, gold, preds["defaults"], preds[other])
        print(f"  defaults minus {other}: {diff:+.1f} (95% interval {low:+.1f} to {high:+.1f})")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--datasets", default="../shared/datasets", help="relative to the repository root")
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    folder = os.path.join(root, args.datasets, "tweeteval-stance")
    if not shutil.which("fasttext"):
        sys.exit("needs fastText: apt-get install -y fasttext")
    framing = Framing(["dotnet", os.path.join(root, "src/FramingClassifier.Cli/bin/Release/net10.0/framing.dll")])
    split = {s: {t: read(os.path.join(folder, f"{s}.tsv"), t) for t in TARGETS} for s in ("train", "val", "test")}
    print("label shares (against, favor, none) per split:")
    for t in TARGETS:
        print(f"  {t:9} " + " | ".join(f"{s} {shares(split[s][t])}" for s in split))
    nested, test = [], []
    with tempfile.TemporaryDirectory() as work:
        for t in TARGETS:
            rows = split["train"][t]
            fold = stratified_folds(rows, FOLDS)
            for f in range(FOLDS):
                g = Group(f"{t}-{f}", {"train": [r for r, k in zip(rows, fold) if k != f], "test": [r for r, k in zip(rows, fold) if k == f]}, work)
                nested.append((g.gold["test"], predict_all(framing, g)))
            g = Group(t, {"train": rows, "test": split["test"][t]}, work)
            test.append((g.gold["test"], predict_all(framing, g)))
            print(f"  {t}: done", flush=True)
    pooled("nested cross-validation on train", nested)
    pooled("test", test)


if __name__ == "__main__":
    sys.exit(main())
