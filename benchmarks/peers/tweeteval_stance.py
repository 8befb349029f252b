#!/usr/bin/python3
"""TweetEval stance (SemEval-2016 Task 6): FramingClassifier vs fastText vs scikit-learn, same rows.

Each target is trained on its own train+val rows; hyper-parameters are chosen by stratified 5-fold
cross-validation on those rows only (never on test), scored by the task's own metric, the same way
for FramingClassifier and scikit-learn; fastText runs with its defaults. The five targets' test predictions are pooled and scored with the TweetEval stance metric
(mean of the F1 of `against` and `favor`). Run from the repository root:

    /usr/bin/python3 benchmarks/peers/tweeteval_stance.py [--datasets ../shared/datasets]

Installs fasttext and python3-sklearn with apt-get when missing. Prints one table.
"""
import argparse, json, os, shutil, subprocess, sys, tempfile, time

from tweeteval import read, stance_metric, write_tsv

TARGETS = ["abortion", "atheism", "climate", "feminist", "hillary"]
CHAR_MIN = ["3", "2"]
C_GRID = [0.3, 1, 3, 10, 30, 100]


def ensure_tools():
    missing = [p for p, exe in (("fasttext", "fasttext"),) if shutil.which(exe) is None]
    try:
        import sklearn  # noqa: F401
    except ImportError:
        missing.append("python3-sklearn")
    if missing:
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def _against_favor(estimator, x, y):
    return stance_metric(list(y), list(estimator.predict(x)))


AGAINST_FAVOR_F1 = _against_favor


class Framing:
    name = "FramingClassifier (linear)"

    def __init__(self, cli, extra=()):
        self.cli = cli
        self.extra = list(extra)

    def run(self, *args):
        return subprocess.run([*self.cli, *args], check=True, capture_output=True, text=True)

    def train(self, train_tsv, model, char_min):
        """Trains with --tune on the task's metric; returns the cross-validated score the CLI reports."""
        err = self.run("train", "--data", train_tsv, "--label-columns", "label", "--out", model, "--tune", "--tune-labels", "against,favor",
                       "--char-min", char_min, *self.extra).stderr
        tuned = [l for l in err.splitlines() if l.startswith("tuned:")][0]
        return float(tuned.split("cv-score=")[1]), tuned[len("tuned: "):].split(" cv-")[0]

    def predict(self, model, tsv, out):
        self.run("predict", "--model", model, "--input", tsv, "--output", out)
        with open(out, encoding="utf-8") as f:
            return [json.loads(line)["label"]["label"] for line in f]

    def fit_target(self, work, train, test):
        tr, te = os.path.join(work, "train.tsv"), os.path.join(work, "test.tsv")
        write_tsv(tr, train); write_tsv(te, test)
        best, total = None, 0.0
        for cm in CHAR_MIN:
            model = os.path.join(work, f"m{cm}.fcm")
            t0 = time.perf_counter()
            score, chosen = self.train(tr, model, cm)
            total += time.perf_counter() - t0
            if best is None or score > best[0]:
                best = (score, model, f"{chosen} char-min={cm}")
        t0 = time.perf_counter()
        pred = self.predict(best[1], te, os.path.join(work, "p.jsonl"))
        score_s = time.perf_counter() - t0
        return pred, total, score_s, best[2]


class FastText:
    name = "fastText -wordNgrams 2"

    def fit_target(self, work, train, test):
        def dump(path, rows):
            with open(path, "w", encoding="utf-8") as f:
                for r in rows:
                    f.write(f"__label__{r['label']} {r['text']}\n")
        tr, te = os.path.join(work, "ft.train"), os.path.join(work, "ft.test")
        dump(tr, train)
        with open(te, "w", encoding="utf-8") as f:
            for r in test:
                f.write(r["text"] + "\n")
        model = os.path.join(work, "ft")
        t0 = time.perf_counter()
        subprocess.run(["fasttext", "supervised", "-input", tr, "-output", model, "-wordNgrams", "2", "-thread", "1", "-seed", "1"],
                       check=True, capture_output=True)
        train_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        out = subprocess.run(["fasttext", "predict", model + ".bin", te], check=True, capture_output=True, text=True).stdout
        score_s = time.perf_counter() - t0
        return [l.replace("__label__", "") for l in out.split()], train_s, score_s, "defaults"


class Sklearn:
    name = "scikit-learn TF-IDF 1-2 + LogisticRegression"

    def fit_target(self, work, train, test):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import GridSearchCV, StratifiedKFold
        from sklearn.pipeline import make_pipeline
        pipe = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), LogisticRegression(max_iter=3000))
        search = GridSearchCV(pipe, {"logisticregression__C": C_GRID, "logisticregression__class_weight": [None, "balanced"]},
                              scoring=AGAINST_FAVOR_F1, cv=StratifiedKFold(5, shuffle=True, random_state=1), n_jobs=1)
        t0 = time.perf_counter()
        search.fit([r["text"] for r in train], [r["label"] for r in train])
        train_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        pred = list(search.predict([r["text"] for r in test]))
        score_s = time.perf_counter() - t0
        return pred, train_s, score_s, str(search.best_params_)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--datasets", default="../shared/datasets")
    ap.add_argument("--framing", default=None, help="command that runs the framing CLI (default: build Release and run it)")
    ap.add_argument("--framing-args", default="", help="extra `framing train` options, for experiments")
    ap.add_argument("--only-framing", action="store_true", help="skip the peers")
    args = ap.parse_args()
    ensure_tools()
    if args.framing:
        cli = args.framing.split()
    else:
        subprocess.run(["dotnet", "build", "-c", "Release", "-v", "q", "src/FramingClassifier.Cli"], check=True, capture_output=True)
        cli = ["dotnet", "src/FramingClassifier.Cli/bin/Release/net10.0/framing.dll"]
    folder = os.path.join(args.datasets, "tweeteval-stance")
    systems = [Framing(cli, args.framing_args.split())] + ([] if args.only_framing else [FastText(), Sklearn()])
    results = []
    with tempfile.TemporaryDirectory() as work:
        for system in systems:
            gold, pred, train_s, score_s, n, chosen = [], [], 0.0, 0.0, 0, []
            for target in TARGETS:
                train, val, test = (read(os.path.join(folder, f"{s}.tsv"), target) for s in ("train", "val", "test"))
                p, t, s, c = system.fit_target(work, train + val, test)
                assert len(p) == len(test), (system.name, target, len(p), len(test))
                gold += [r["label"] for r in test]; pred += p
                train_s += t; score_s += s; n += len(test); chosen.append(f"{target}: {c}")
            results.append((system.name, stance_metric(gold, pred), train_s, n / score_s, "; ".join(chosen)))
    print(f"TweetEval stance, per-target training, {len(gold)} pooled test rows (metric: mean F1 of against and favor)")
    print("train s includes hyper-parameter search (FramingClassifier: both --tune runs, char-min 3 and 2; scikit-learn: GridSearchCV)")
    print(f"{'system':48} {'stance F1':>9} {'train s':>8} {'rows/s (whole process)':>24}")
    for name, metric, train_s, rate, _ in results:
        print(f"{name:48} {metric:9.1f} {train_s:8.2f} {rate:24.0f}")
    print("published: SVM 67.3, FastText 65.4")
    for name, *_, chosen in results:
        print(f"  {name}: {chosen}")


if __name__ == "__main__":
    main()
