#!/usr/bin/env python3
"""Checks corpus files against the codebook's mechanical rules; it never writes rows.

usage: scripts/check-corpus.py [FILE.tsv ...]   (default: data/corpus/*.tsv)

Reports, per file and in total: malformed lines, invalid labels, broken consistency rules
(voice is none exactly when framing is none; terrorist carries against), exact and
near-duplicate texts (over 70% of word tokens shared, as CorpusTests checks), the length
distribution in words, and the share of `none` rows that carry a designation word.
Exits 1 when any rule is broken.
"""
import glob
import re
import sys
from collections import Counter

HEADS = {
    "framing": {"terrorist", "jihadist", "rebel", "insurgent", "none"},
    "voice": {"outlet", "attributed", "none"},
    "stance": {"favor", "against", "neutral"},
}
DESIGNATION = re.compile(
    r"terroris|terror group|\bterror\b|jihad|islamist|extremis|radical|rebel|insurgen|militant|militia"
    r"|separatist|gunm[ae]n|fighters?\b|guerrill|mujahideen|bandit|insurrection|resistance|armed group"
    r"|armed men|combatant|\bfactions?\b|paramilitar|\bgangs?\b|revolutionar|takfiri|infiltrator",
    re.IGNORECASE)


def key(text):
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def near_duplicates(texts, wheres):
    """Pairs sharing over 70% of their word tokens (|A & B| / max(|A|, |B|)), as CorpusTests checks."""
    sets = [set(re.findall(r"\w+", t.lower())) for t in texts]
    postings = {}
    for i, s in enumerate(sets):
        for w in s:
            postings.setdefault(w, []).append(i)
    found = []
    for i, s in enumerate(sets):
        shared = Counter(j for w in s for j in postings[w] if j > i)
        for j, n in shared.items():
            if n * 10 > 7 * max(len(s), len(sets[j])):
                found.append(f"{wheres[i]} ~ {wheres[j]}")
    return found


def check(paths):
    errors = 0
    seen = {}
    texts, wheres = [], []
    lengths = []
    none_rows = none_hard = 0
    counts = {h: Counter() for h in HEADS}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            header = f.readline().rstrip("\n").split("\t")
            col = {name: i for i, name in enumerate(header)}
            missing = [c for c in ["text", *HEADS] if c not in col]
            if missing:
                print(f"{path}:1: missing columns {missing}")
                errors += 1
                continue
            for n, line in enumerate(f, start=2):
                fields = line.rstrip("\n").split("\t")
                where = f"{path}:{n}"
                if len(fields) != len(header):
                    print(f"{where}: {len(fields)} fields, header has {len(header)}")
                    errors += 1
                    continue
                text = fields[col["text"]]
                labels = {h: fields[col[h]] for h in HEADS}
                for h, value in labels.items():
                    if value not in HEADS[h]:
                        print(f"{where}: {h} '{value}' is not a label")
                        errors += 1
                    counts[h][value] += 1
                if (labels["voice"] == "none") != (labels["framing"] == "none"):
                    print(f"{where}: voice '{labels['voice']}' with framing '{labels['framing']}'")
                    errors += 1
                if labels["framing"] == "terrorist" and labels["stance"] != "against":
                    print(f"{where}: terrorist framing must carry against")
                    errors += 1
                k = key(text)
                if k in seen:
                    print(f"{where}: duplicate of {seen[k]}")
                    errors += 1
                seen.setdefault(k, where)
                texts.append(text)
                wheres.append(where)
                lengths.append(len(text.split()))
                if labels["framing"] == "none":
                    none_rows += 1
                    none_hard += bool(DESIGNATION.search(text))
    for pair in near_duplicates(texts, wheres):
        print(f"near-duplicate (over 70% shared words): {pair}")
        errors += 1
    if not lengths:
        print("no rows")
        return 1
    lengths.sort()
    over30 = sum(1 for x in lengths if x > 30)
    print(f"rows {len(lengths)}; words median {lengths[len(lengths) // 2]}, "
          f"over 30 words {over30} ({100 * over30 / len(lengths):.1f}%)")
    if none_rows:
        print(f"none rows {none_rows}; with a designation word {none_hard} ({100 * none_hard / none_rows:.1f}%)")
    for h in HEADS:
        print(h, " ".join(f"{k} {v}" for k, v in counts[h].most_common()))
    print(f"{errors} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(check(sys.argv[1:] or sorted(glob.glob("data/corpus/*.tsv"))))
