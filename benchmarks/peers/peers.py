#!/usr/bin/python3
"""FramingClassifier vs fastText, LIBLINEAR and scikit-learn on the same TweetEval rows, in one run (issue 5).

Settings: stance per target (each of the 5 targets trained on its own rows, test predictions pooled: the
TweetEval protocol) and stance pooled (one model on all rows), scored by the mean F1 of against and favor;
emoji (train 45,000, test 50,000), macro-F1 over the 20 labels. Every tuned system chooses its setting
with the setting's metric, refits the chosen point on train only (not train+val) and scores test once.
FramingClassifier chooses by its own `train --tune`: stratified 5-fold cross-validation on train over --l2
{1e-5,3e-5,...,1e-2} x --class-weights {none,balanced}, val unused (a stance target's val set has 40 to 69
rows; 5 folds of its 355 to 620 train rows vary less). The peers score val over a small grid:
scikit-learn TF-IDF word 1-2 (sublinear tf) + LogisticRegression C {0.1..100} x class_weight {None,balanced}
(solver saga: on emoji it matches lbfgs's val scores, and lbfgs would take about 50 minutes for the grid);
LIBLINEAR liblinear-train -s 0 -B 1 -c C, same C grid, on scikit-learn TF-IDF word 1-2 + char_wb 2-5 grams,
every n-gram kept (min_df=2 cut its emoji model from 300 to 93 MB but not its time, which goes with the
nonzeros, 9.6M vs 9.2M, and lowered val from 26.5 to 26.2). fastText: defaults plus -seed 1 (so -thread 12),
with and without -wordNgrams 2, no search. ML.NET (issue 17): FeaturizeText + SdcaMaximumEntropy and FeaturizeText +
OneVersusAll(FastTree) with ML.NET's defaults and seed 1, no search, fitted and scored by benchmarks/MlNetPeers --tsv
(FeaturizeFraming + SdcaMaximumEntropy as --systems mlnet-framing-sdca); stance only unless --mlnet-emoji.
"majority label" predicts each training set's most frequent label.

train s: the final fit only: wall time of the training process for ours, fastText and liblinear-train
(LIBLINEAR adds its vectorizer's fit and svmlight dump, done once on train and reused by the search);
scikit-learn's Pipeline.fit, vectorizing included, timed inside its child process. search s: all the time
spent choosing the setting. rows/s in-process: the test texts in memory, batch prediction on 1 thread, median
of repetitions after a warm-up (ours: hidden `framing bench`; fastText: its Python binding's predict(list);
scikit-learn: pipeline.predict(list); ML.NET: Transform over the test IDataView with one cursor, once, after the fit,
its train s being Fit's). rows/s whole process: test rows / wall time of the processes that load
the model, read the texts and write predictions (ours: `framing predict --threads 1`; LIBLINEAR: a child that
vectorizes plus liblinear-predict). model bytes: .fcm; fastText .bin; LIBLINEAR model + pickled vectorizer;
scikit-learn pickled pipeline; ML.NET the saved zip. peak MB: max RSS of the training process(es), by GNU time. Stance per target
sums seconds and bytes over the 5 targets and takes the largest MB. Below the table: ours minus each peer on
quality with a 95% paired bootstrap interval (the stance test has 1,249 rows, and per target the majority
label alone scores 65.2). On the 2-core machine the whole run takes 25 to 30 minutes (the emoji searches:
ours 2.5 to 3, LIBLINEAR 7 to 11, scikit-learn 8 to 11).

    /usr/bin/python3 benchmarks/peers/peers.py [--datasets DIR] [--only stance|emoji] [--systems ...] [--mlnet-emoji] [--json out.json]
"""
import argparse, json, os, pathlib, pickle, re, shutil, statistics, subprocess, sys, tempfile, time, warnings

os.environ.update(OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")  # before numpy loads
warnings.filterwarnings("ignore")  # convergence warnings at large C
from tweeteval import macro_f1, read, stance_metric, write_tsv  # noqa: E402

TARGETS = ["abortion", "atheism", "climate", "feminist", "hillary"]
STANCE_LABELS = ["against", "favor"]  # the labels stance_metric averages the F1 of
C_GRID = [0.1, 0.3, 1, 3, 10, 30, 100]
PUBLISHED = {"stance": "SVM 67.3, FastText 65.4", "emoji": "SVM 29.3, FastText 25.8"}
PACKAGES = {"time": "time", "fasttext": "fasttext", "liblinear-train": "liblinear-tools", "liblinear-predict": "liblinear-tools"}
MODULES = {"sklearn": "python3-sklearn", "fasttext": "python3-fasttext"}
MLNET = {"mlnet-sdca": "FeaturizeText + SdcaMaximumEntropy", "mlnet-fasttree": "FeaturizeText + OneVersusAll(FastTree)",
         "mlnet-framing-sdca": "FeaturizeFraming + SdcaMaximumEntropy"}  # key: the MlNetPeers pipeline
WORKER = [sys.executable, os.path.abspath(__file__), "worker"]


def ensure_tools():
    import importlib.util
    missing = {p for exe, p in PACKAGES.items() if shutil.which(exe) is None}
    missing |= {p for module, p in MODULES.items() if importlib.util.find_spec(module) is None}
    if missing:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", *sorted(missing)], check=True, env=env)


def child(cmd, out=os.devnull, err=None):
    """Runs cmd with its stdout in the file out (and its stderr in err, if given); returns (wall seconds, max RSS in MB).
    GNU time measures the RSS: os.wait4 on a child of this process would report this process's own high-water mark,
    inherited through fork."""
    with (open(out, "w") as stdout, tempfile.NamedTemporaryFile("r") as rss,
          open(err, "w+") if err else tempfile.TemporaryFile("w+") as stderr):
        t0 = time.perf_counter()
        code = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name, *cmd], stdout=stdout, stderr=stderr).returncode
        wall = time.perf_counter() - t0
        if code:
            stderr.seek(0)
            sys.exit(f"{' '.join(cmd)} failed ({code}):\n{stderr.read()[-3000:]}")
        return wall, int(rss.read().split()[-1]) / 1024


def lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def median_seconds(predict, min_passes=5, min_seconds=1.0):
    """Median wall time of predict() after one warm-up call, over at least min_passes and min_seconds."""
    predict()
    times, start = [], time.perf_counter()
    while len(times) < min_passes or time.perf_counter() - start < min_seconds:
        t0 = time.perf_counter()
        predict()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def choose(grid, score, prepare=lambda: None):
    """Runs prepare(), scores every grid point on val; returns the best point (the first on ties), its val score and the seconds it all took."""
    t0 = time.perf_counter()
    prepare()
    scores = [score(point) for point in grid]
    best = max(range(len(grid)), key=lambda i: (scores[i], -i))
    return grid[best], scores[best], time.perf_counter() - t0


class Group:
    """One training set (a stance target, pooled stance, emoji): rows, texts and labels per split, and TSV files in a work folder."""

    def __init__(self, name, splits, work):
        self.name, self.splits, self.path = name, splits, lambda file: os.path.join(work, file)
        self.tsv = {s: self.path(f"{s}.tsv") for s in splits}
        self.texts = {s: [r["text"] for r in rows] for s, rows in splits.items()}
        self.gold = {s: [r["label"] for r in rows] for s, rows in splits.items()}
        for s, rows in splits.items():
            write_tsv(self.tsv[s], rows)


class Framing:
    key, name = "framing", "FramingClassifier"

    def __init__(self, cli):
        self.cli = cli

    def train(self, g, setting, log=None):
        return child([*self.cli, "train", "--data", g.tsv["train"], "--label-columns", "label", "--out", g.path("m.fcm"), *setting], err=log)

    def predict(self, g, split):
        out = g.path("framing.jsonl")
        wall, _ = child([*self.cli, "predict", "--model", g.path("m.fcm"), "--input", g.tsv[split], "--output", out, "--threads", "1", "--quiet"])
        return [json.loads(line)["label"]["label"] for line in lines(out)], wall

    def tune(self, g, metric):
        """The trainer's own search: stratified 5-fold cross-validation on train, scored by the setting's metric."""
        labels = ["--tune-labels", ",".join(STANCE_LABELS)] if metric is stance_metric else []
        search_s, _ = self.train(g, ["--tune", *labels], g.path("tune.txt"))
        l2, weights, cv = re.search(r"^tuned: l2=(\S+) class-weights=(\S+) cv-score=(\S+)", pathlib.Path(g.path("tune.txt")).read_text(), re.M).groups()
        return ["--l2", l2, "--class-weights", weights], 100 * float(cv), search_s

    def run(self, g, metric):
        setting, cv, search_s = self.tune(g, metric)
        train_s, peak = self.train(g, setting)
        pred, whole_s = self.predict(g, "test")
        child([*self.cli, "bench", "--model", g.path("m.fcm"), "--input", g.tsv["test"], "--threads", "1", "--seconds", "2"], g.path("bench.json"))
        rate = json.loads(lines(g.path("bench.json"))[0])["median_rows_per_second"]
        return dict(pred=pred, train_s=train_s, search_s=search_s, inproc_s=len(pred) / rate, whole_s=whole_s,
                    bytes=os.path.getsize(g.path("m.fcm")), peak_mb=peak, chosen=f"{' '.join(setting)} (5-fold cv {cv:.1f})")


class FastText:
    def __init__(self, bigrams):
        self.flags = ["-wordNgrams", "2"] if bigrams else []
        self.key = "fasttext-bigrams" if bigrams else "fasttext"
        self.name = "fastText -wordNgrams 2" if bigrams else "fastText"

    def run(self, g, metric):
        import fasttext
        fasttext.FastText.eprint = lambda *_: None  # load_model's warning about the API
        train, test, model, out = g.path("ft.train"), g.path("ft.test"), g.path("ft"), g.path("ft.pred")
        with open(train, "w", encoding="utf-8") as f:
            f.writelines(f"__label__{r['label']} {r['text']}\n" for r in g.splits["train"])
        with open(test, "w", encoding="utf-8") as f:
            f.writelines(t + "\n" for t in g.texts["test"])
        train_s, peak = child(["fasttext", "supervised", "-input", train, "-output", model, "-seed", "1", *self.flags])
        whole_s, _ = child(["fasttext", "predict", model + ".bin", test], out)
        loaded = fasttext.load_model(model + ".bin")
        inproc_s = median_seconds(lambda: loaded.predict(g.texts["test"]))
        return dict(pred=[p.replace("__label__", "", 1) for p in lines(out)], train_s=train_s, search_s=None, inproc_s=inproc_s,
                    whole_s=whole_s, bytes=os.path.getsize(model + ".bin"), peak_mb=peak, chosen=f"defaults, -seed 1 {' '.join(self.flags)}".strip())


class MlNet:
    """An ML.NET pipeline with its default options, fitted and scored by benchmarks/MlNetPeers in a child process (one
    process per pipeline and training set, so its peak RSS is that pipeline's)."""

    def __init__(self, program, key, pipeline):
        self.program, self.key, self.pipeline, self.name = program, key, pipeline, f"ML.NET {pipeline}"

    def run(self, g, metric):
        out = g.path("mlnet.tsv")
        _, peak = child([*self.program, "--tsv", g.tsv["train"], g.tsv["test"], g.path("mlnet"), self.pipeline], out)
        name, train_s, _, transform_rows_s, size, predictions = lines(out)[0].split("\t")
        assert name == self.pipeline, (name, self.pipeline)
        return dict(pred=lines(predictions), train_s=float(train_s), search_s=None, inproc_s=len(g.texts["test"]) / float(transform_rows_s),
                    whole_s=None, bytes=int(size), peak_mb=peak, chosen="defaults, seed 1")


class Majority:
    key, name = "majority", "majority label (reference)"

    def run(self, g, metric):
        top = max(sorted(set(g.gold["train"])), key=g.gold["train"].count)
        return dict(pred=[top] * len(g.splits["test"]), train_s=None, search_s=None, inproc_s=None, whole_s=None, bytes=None, peak_mb=None, chosen=top)


def sk_pipeline(c=1.0, weight=None):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    return make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), LogisticRegression(C=c, class_weight=weight, solver="saga", max_iter=1000, random_state=1))


class Sklearn:
    key, name = "sklearn", "scikit-learn TF-IDF + LogisticRegression"

    def run(self, g, metric):
        pipe, x = sk_pipeline(), {}
        prepare = lambda: x.update(train=pipe[0].fit_transform(g.texts["train"]), val=pipe[0].transform(g.texts["val"]))
        score = lambda p: metric(g.gold["val"], list(pipe[1].set_params(C=p[0], class_weight=p[1]).fit(x["train"], g.gold["train"]).predict(x["val"])))
        (c, weight), val, search_s = choose([(c, w) for c in C_GRID for w in (None, "balanced")], score, prepare)
        model, out = g.path("sk.pkl"), g.path("sk.out")
        _, peak = child([*WORKER, "sk-fit", model, g.tsv["train"], str(c), str(weight)], out)
        train_s = json.loads(lines(out)[0])["fit_s"]
        whole_s, _ = child([*WORKER, "sk-predict", model, g.tsv["test"]], out)
        fitted = pickle.loads(pathlib.Path(model).read_bytes())
        inproc_s = median_seconds(lambda: fitted.predict(g.texts["test"]))
        return dict(pred=lines(out), train_s=train_s, search_s=search_s, inproc_s=inproc_s, whole_s=whole_s,
                    bytes=os.path.getsize(model), peak_mb=peak, chosen=f"C={c} class_weight={weight} (val {val:.1f})")


def ll_vectorizer():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_union
    return make_union(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                      TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True))


class Liblinear:
    key, name = "liblinear", "LIBLINEAR -s 0, TF-IDF word 1-2 + char 2-5"

    def run(self, g, metric):
        vec, model, out = g.path("ll.vec"), g.path("ll.model"), g.path("ll.out")
        svm = {s: g.path(f"{s}.svm") for s in ("train", "val", "test")}
        _, vec_peak = child([*WORKER, "vec-fit", vec, g.tsv["train"], svm["train"]], out)
        vec_s = json.loads(lines(out)[0])["fit_s"]
        classes = sorted(set(g.gold["train"]))

        def train(c):
            return child(["liblinear-train", "-q", "-s", "0", "-B", "1", "-c", str(c), svm["train"], model])

        def predict(split):
            wall, _ = child(["liblinear-predict", svm[split], model, out])
            return [classes[int(float(p))] for p in lines(out)], wall

        def val_score(c):
            train(c)
            return metric(g.gold["val"], predict("val")[0])

        c, val, search_s = choose(C_GRID, val_score, lambda: child([*WORKER, "vec-apply", vec, g.tsv["val"], svm["val"]]))
        fit_s, peak = train(c)
        vectorize_s, _ = child([*WORKER, "vec-apply", vec, g.tsv["test"], svm["test"]])
        pred, predict_s = predict("test")
        return dict(pred=pred, train_s=vec_s + fit_s, search_s=search_s, inproc_s=None, whole_s=vectorize_s + predict_s,
                    bytes=os.path.getsize(model) + os.path.getsize(vec), peak_mb=max(vec_peak, peak), chosen=f"-c {c} (val {val:.1f})")


def worker(task, model, tsv, *a):
    """Child-process jobs, so that each fit has its own peak RSS and each scoring run is a whole process."""
    from sklearn.datasets import dump_svmlight_file
    rows = read(tsv)
    texts, labels = [r["text"] for r in rows], [r["label"] for r in rows]
    if task in ("sk-predict", "vec-apply"):  # model.pkl file.tsv [out.svm]
        fitted = pickle.loads(pathlib.Path(model).read_bytes())
        if task == "sk-predict":
            print("\n".join(fitted.predict(texts)))
        else:  # labels written as 0: liblinear-predict ignores them
            dump_svmlight_file(fitted.transform(texts), [0] * len(rows), a[0], zero_based=False)
        return
    t0 = time.perf_counter()  # sk-fit: model.pkl train.tsv C class_weight; vec-fit: vectorizer.pkl train.tsv train.svm
    if task == "sk-fit":
        fitted = sk_pipeline(float(a[0]), None if a[1] == "None" else a[1]).fit(texts, labels)
    else:  # labels: index in the sorted train labels
        fitted, classes = ll_vectorizer(), sorted(set(labels))
        dump_svmlight_file(fitted.fit_transform(texts), [classes.index(label) for label in labels], a[0], zero_based=False)
    print(json.dumps({"fit_s": time.perf_counter() - t0}))
    pathlib.Path(model).write_bytes(pickle.dumps(fitted))


def evaluate(setting, metric, groups, systems):
    """groups: [(name, {split: rows})]. Every system on every group; test predictions pooled over groups."""
    parts = {s.key: [] for s in systems}
    gold = []
    for name, splits in groups:
        gold += [r["label"] for r in splits["test"]]
        with tempfile.TemporaryDirectory() as work:
            g = Group(name, splits, work)
            for s in systems:
                r = s.run(g, metric)
                assert len(r["pred"]) == len(splits["test"]), (s.name, name, len(r["pred"]))
                parts[s.key].append(r)
                print(f"  {setting} / {name} / {s.name}: test {metric(g.gold['test'], r['pred']):.1f}; {r['chosen']}",
                      file=sys.stderr, flush=True)
    results = [summarize(setting, s, metric, gold, [g for g, _ in groups], parts[s.key]) for s in systems]
    if "framing" in parts:
        pooled = {key: sum((p["pred"] for p in ps), []) for key, ps in parts.items()}
        for r in results:
            if r["key"] != "framing":
                r["ours_minus"] = paired_bootstrap(metric, gold, pooled["framing"], pooled[r["key"]])
    return results


def paired_bootstrap(metric, gold, ours, theirs, resamples=2000, seed=1):
    """Ours minus theirs on the metric over the test rows, and the 2.5th and 97.5th percentiles of that difference when
    the test rows are drawn again with replacement (the same draw for both systems): how much of a gap the test size can
    make by chance."""
    import numpy as np
    names = sorted(set(gold) | set(ours) | set(theirs))
    scored = [names.index(n) for n in (STANCE_LABELS if metric is stance_metric else sorted(set(gold)))]
    g, a, b = (np.array([names.index(n) for n in v]) for v in (gold, ours, theirs))
    k = len(names)

    def score(pred, rows):
        confusion = np.bincount(g[rows] * k + pred[rows], minlength=k * k).reshape(k, k)
        counted = confusion.sum(0) + confusion.sum(1)  # F1 = 2 tp / (predicted + gold), 0 where both are 0
        return 100 * np.mean([2 * confusion[c, c] / counted[c] if counted[c] else 0.0 for c in scored])

    everything = np.arange(len(g))
    assert abs(score(a, everything) - metric(gold, ours)) < 1e-9
    draws = np.random.default_rng(seed).integers(0, len(g), size=(resamples, len(g)))
    gaps = [score(a, rows) - score(b, rows) for rows in draws]
    return score(a, everything) - score(b, everything), float(np.percentile(gaps, 2.5)), float(np.percentile(gaps, 97.5))


def summarize(setting, system, metric, gold, group_names, parts):
    total = lambda key: None if parts[0][key] is None else sum(p[key] for p in parts)
    rate = lambda key: None if parts[0][key] is None else len(gold) / total(key)
    return dict(setting=setting, system=system.name, key=system.key, rows=len(gold), quality=metric(gold, sum((p["pred"] for p in parts), [])),
                train_s=total("train_s"), search_s=total("search_s"), inproc_rows_s=rate("inproc_s"), whole_rows_s=rate("whole_s"),
                model_bytes=total("bytes"), peak_mb=None if parts[0]["peak_mb"] is None else max(p["peak_mb"] for p in parts),
                chosen="; ".join(f"{n}: {p['chosen']}" if len(parts) > 1 else p["chosen"] for n, p in zip(group_names, parts)))


def report(results, machine):
    na = lambda v, spec: "–" if v is None else format(v, spec)
    print("| setting | system | quality | train s | search s | rows/s in-process, 1 thread | rows/s whole process | model bytes | peak MB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['setting']} | {r['system']} | {r['quality']:.1f} | {na(r['train_s'], '.2f')} | {na(r['search_s'], '.1f')} | {na(r['inproc_rows_s'], ',.0f')} | "
              f"{na(r['whole_rows_s'], ',.0f')} | {na(r['model_bytes'], ',')} | {na(r['peak_mb'], ',.0f')} |")
    print(f"\nquality x100. Refit on train only (not train+val), every system. fastText trained with its default -thread 12 on this "
          f"{os.cpu_count()}-core machine, ours and ML.NET's trainers on all cores, scikit-learn and LIBLINEAR on 1; all scoring on 1 thread. LIBLINEAR's "
          "whole-process rows/s include vectorizing the test texts (a Python child) before liblinear-predict; it has no in-process figure. "
          "ML.NET's in-process rows/s: one Transform pass over the test set, one cursor; it has no whole-process figure.")
    for setting in dict.fromkeys(r["setting"] for r in results):
        rows = {r["key"]: r for r in results if r["setting"] == setting}
        for peer in (rows.get(k) for k in ("fasttext", "fasttext-bigrams") if "framing" in rows and k in rows):
            ours = rows["framing"]
            print(f"{setting}: ours / {peer['system']}: rows/s in-process {ours['inproc_rows_s'] / peer['inproc_rows_s']:.2f}x, "
                  f"train s {ours['train_s'] / peer['train_s']:.2f}x, model bytes {ours['model_bytes'] / peer['model_bytes']:.3f}x")
    print("quality, ours minus each peer, with the 95% interval of that gap over 2,000 paired bootstrap draws of the test rows:")
    for setting in dict.fromkeys(r["setting"] for r in results):
        gaps = [f"{r['system']} {d:+.1f} ({lo:+.1f} to {hi:+.1f})" for r in results if r["setting"] == setting and "ours_minus" in r
                for d, lo, hi in [r["ours_minus"]]]
        if gaps:
            print(f"  {setting}: " + "; ".join(gaps))
    print(f"published (TweetEval paper): stance {PUBLISHED['stance']}; emoji {PUBLISHED['emoji']}\n\nchosen (ours by 5-fold cv on train, peers on val):")
    for r in results:
        print(f"  {r['setting']} / {r['system']}: {r['chosen']}")
    print(f"\nmachine: {machine['cpu']}, {machine['cores']} cores; load at start: {machine['load_start']}; at end: {machine['load_end']}")


def load():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--datasets", default="../shared/datasets", help="relative to the repository root")
    ap.add_argument("--only", choices=["stance", "emoji"])
    ap.add_argument("--systems", default="framing,fasttext,fasttext-bigrams,liblinear,sklearn,mlnet-sdca,mlnet-fasttree,majority",
                    help="comma-separated; " + ", ".join(f"{k}: {v}" for k, v in MLNET.items()))
    ap.add_argument("--mlnet-emoji", action="store_true", help="also run the ML.NET pipelines on emoji (not measured: 20 labels, 45,000 rows)")
    ap.add_argument("--json", help="also write the raw results here")
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    datasets = os.path.join(root, args.datasets)
    machine = {"cpu": next((l.split(":", 1)[1].strip() for l in lines("/proc/cpuinfo") if l.startswith("model name")), "?"),
               "cores": os.cpu_count(), "load_start": load()}
    ensure_tools()
    build = subprocess.run(["dotnet", "build", "-c", "Release", "-v", "q", os.path.join(root, "src/FramingClassifier.Cli")], capture_output=True, text=True)
    if build.returncode:
        sys.exit(f"dotnet build failed:\n{build.stdout[-3000:]}{build.stderr[-3000:]}")
    cli = ["dotnet", os.path.join(root, "src/FramingClassifier.Cli/bin/Release/net10.0/framing.dll")]
    mlnet = ["dotnet", os.path.join(root, "benchmarks/MlNetPeers/bin/Release/net10.0/MlNetPeers.dll")]
    if any(k in MLNET for k in args.systems.split(",")):
        build = subprocess.run(["dotnet", "build", "-c", "Release", "-v", "q", os.path.join(root, "benchmarks/MlNetPeers")], capture_output=True, text=True)
        if build.returncode:
            sys.exit(f"dotnet build failed:\n{build.stdout[-3000:]}{build.stderr[-3000:]}")
    make = {"framing": lambda: Framing(cli), "fasttext": lambda: FastText(False), "fasttext-bigrams": lambda: FastText(True),
            "liblinear": Liblinear, "sklearn": Sklearn, "majority": Majority, **{k: (lambda k=k: MlNet(mlnet, k, MLNET[k])) for k in MLNET}}
    systems = [make[k]() for k in args.systems.split(",")]
    stance, emoji = (os.path.join(datasets, f"tweeteval-{d}") for d in ("stance", "emoji"))
    splits = lambda folder, target=None: {s: read(os.path.join(folder, f"{s}.tsv"), target) for s in ("train", "val", "test")}
    results = []
    if args.only != "emoji":
        results += evaluate("stance per target", stance_metric, [(t, splits(stance, t)) for t in TARGETS], systems)
        results += evaluate("stance pooled", stance_metric, [("pooled", splits(stance))], systems)
    if args.only != "stance":
        results += evaluate("emoji", macro_f1, [("emoji", splits(emoji))], [s for s in systems if args.mlnet_emoji or not isinstance(s, MlNet)])
    machine["load_end"] = load()
    report(results, machine)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"machine": machine, "results": results}, f, indent=1)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "worker":
        worker(*sys.argv[2:])
    else:
        main()
