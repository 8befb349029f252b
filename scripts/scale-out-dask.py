#!/usr/bin/python3
"""Score a folder of Parquet or TSV partitions with `framing predict` on a Dask cluster.

Each task runs the framing tool on one partition and writes one output partition of the same name
(in.parquet -> out/in.parquet); tasks pass file paths only, so no Parquet library is needed in
Python. `framing predict` writes its output atomically, so a partition's output exists only once
it is complete: a rerun skips partitions that already have output, and a failed task is retried.

  scale-out-dask.py --input parts/ --output scored/ [--scheduler tcp://host:8786 | --workers 2]
                    [--framing "framing"] [--output-format parquet|jsonl] [-- extra predict options]

Prints one line per partition and a summary (partitions, rows, seconds, rows/s) on stdout.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys
import time

SUFFIXES = (".parquet", ".tsv", ".csv", ".jsonl")


def score_partition(framing, source, target, output_format, extra, fail_marker=None):
    """One task: framing predict on one partition. Returns (source, rows, seconds)."""
    if fail_marker and not os.path.exists(fail_marker):
        # Test hook: the first attempt of this partition fails, as a lost worker or a full disk would.
        open(fail_marker, "w").close()
        raise RuntimeError(f"{source}: injected failure, first attempt")
    start = time.monotonic()
    command = shlex.split(framing) + ["predict", "--input", source, "--output", target,
                                      "--output-format", output_format, "--threads", "1"] + extra
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{source}: framing predict exited {done.returncode}: {done.stderr.strip()}")
    found = re.search(r"scored ([\d,]+) (?:rows|sentences)", done.stderr)
    rows = int(found.group(1).replace(",", "")) if found else 0
    return source, rows, time.monotonic() - start


def partitions(folder):
    names = sorted(n for n in os.listdir(folder) if n.endswith(SUFFIXES) and not n.startswith("."))
    if not names:
        sys.exit(f"error: {folder}: no .parquet, .tsv, .csv or .jsonl partitions.")
    return [os.path.join(folder, n) for n in names]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", required=True, help="folder of partitions")
    parser.add_argument("--output", required=True, help="folder for the scored partitions")
    parser.add_argument("--framing", default=os.environ.get("FRAMING", "framing"),
                        help='command that runs the tool, e.g. "dotnet /opt/framing/framing.dll" (default: $FRAMING or framing)')
    parser.add_argument("--output-format", default="parquet", choices=["parquet", "jsonl", "labels"])
    parser.add_argument("--scheduler", help="address of a running Dask scheduler (default: a LocalCluster)")
    parser.add_argument("--workers", type=int, default=2, help="LocalCluster workers, one thread each (default: 2)")
    parser.add_argument("--retries", type=int, default=2, help="times a failed task is retried (default: 2)")
    parser.add_argument("--fail-first-attempt", metavar="NAME", help="test hook: the first attempt for this partition file name fails")
    parser.add_argument("extra", nargs=argparse.REMAINDER, help="after --: options passed to framing predict")
    a = parser.parse_args()
    extra = a.extra[1:] if a.extra[:1] == ["--"] else a.extra

    from dask.distributed import Client, LocalCluster, as_completed

    os.makedirs(a.output, exist_ok=True)
    suffix = {"parquet": ".parquet", "jsonl": ".jsonl", "labels": ".txt"}[a.output_format]
    todo, skipped, targets = [], 0, set()
    for source in partitions(a.input):
        target = os.path.join(a.output, os.path.splitext(os.path.basename(source))[0] + suffix)
        if target in targets:
            sys.exit(f"error: {source}: another partition of the same name would also write {target}.")
        targets.add(target)
        if os.path.exists(target):
            skipped += 1
        else:
            todo.append((source, target))

    cluster = None if a.scheduler else LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True,
                                                     dashboard_address=None)
    start = time.monotonic()
    rows, failed = 0, []
    with Client(a.scheduler or cluster) as client:
        marker_dir = os.path.abspath(a.output)
        futures = [client.submit(score_partition, a.framing, s, t, a.output_format, extra,
                                 os.path.join(marker_dir, ".failed-once") if a.fail_first_attempt == os.path.basename(s) else None,
                                 key=f"score-{os.path.basename(s)}", retries=a.retries, pure=False)
                   for s, t in todo]
        for future in as_completed(futures):
            try:
                source, n, seconds = future.result()
                rows += n
                print(f"{source}: {n} rows in {seconds:.2f} s", flush=True)
            except Exception as e:  # reported per partition; the others go on
                failed.append(str(e))
                print(f"error: {e}", file=sys.stderr, flush=True)
    if cluster is not None:
        cluster.close()
    seconds = time.monotonic() - start
    rate = rows / seconds if seconds > 0 else 0
    print(f"partitions: {len(todo)} scored, {skipped} skipped (output exists), {len(failed)} failed; "
          f"rows: {rows}; seconds: {seconds:.1f}; rows/s: {rate:.0f}", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
