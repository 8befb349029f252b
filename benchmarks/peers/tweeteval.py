"""TweetEval files and metrics shared by the peer scripts."""
import csv, random


def read(path, target=None):
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [r for r in rows if target is None or r["target"] == target]


def write_tsv(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write("text\tlabel\n")
        for r in rows:
            f.write(f"{r['text']}\t{r['label']}\n")


def f1(gold, pred, label):
    tp = sum(1 for g, p in zip(gold, pred) if g == p == label)
    fp = sum(1 for g, p in zip(gold, pred) if p == label and g != label)
    fn = sum(1 for g, p in zip(gold, pred) if g == label and p != label)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def stance_metric(gold, pred):
    return 100 * (f1(gold, pred, "against") + f1(gold, pred, "favor")) / 2


def macro_f1(gold, pred):
    labels = sorted(set(gold))
    return 100 * sum(f1(gold, pred, l) for l in labels) / len(labels)


def stratified_folds(rows, folds=5, seed=7):
    """Fold numbers for rows: each label's rows shuffled (seeded) and dealt round the folds."""
    fold, rng = [0] * len(rows), random.Random(seed)
    for label in sorted({r["label"] for r in rows}):
        members = [i for i, r in enumerate(rows) if r["label"] == label]
        rng.shuffle(members)
        for k, i in enumerate(members):
            fold[i] = k % folds
    return fold
