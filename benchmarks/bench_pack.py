"""Time to write one exhibit pack for a shipped matter (run on demand, never in tests).

    python benchmarks/bench_pack.py [--runs 3] [--matter data/matters/capital_one_2019.yaml]

Measures, each over ``--runs`` runs (median, min–max):

- the command line end to end (``python -m toolkit assess MATTER --out DIR --seed 7``: imports,
  assess with 200,000 paths, the market check, the damages validation, every exhibit in the
  default formats PDF and PNG), with the fitted models cached on disk (a warm
  ``BREACH_TOOLKIT_CACHE`` folder of the benchmark's own) and with nothing cached (an empty folder
  per run: the models are fitted), then the cached run with ``--report`` (adds ``report.pdf``); for these
  the CPU seconds of the child process are recorded too, which depend far less on the machine's
  load than wall time;
- inside one process, with the assessment already computed: building the exhibits (figures only)
  and writing them in each format alone, in the default formats (with the forked exhibit worker,
  and in one process), and with ``report.pdf`` (always one process).

The load average (1 minute) is recorded before and after. Prints a Markdown table and writes
``benchmarks/bench_pack.png`` and ``benchmarks/bench_pack.json`` (the figure in the README).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import REPO, interleaved  # noqa: E402  (puts the checkout's toolkit first on sys.path)


def _timed(fn, runs):
    """(median, min, max) seconds of ``runs`` calls (no warm-up call: the first run counts)."""
    times = interleaved({"step": fn}, rounds=runs, warmup=0)["step"]
    return statistics.median(times), min(times), max(times)


def plot(record: dict, path) -> None:
    """The README figure: one bar per step (median), whiskers min–max, the 5-second target."""
    import textwrap

    from matplotlib.figure import Figure

    from toolkit.exhibits import house_style

    rows = record["rows"]
    with house_style():
        fig = Figure(figsize=(9.0, 0.5 * len(rows) + 1.6))
        ax = fig.add_subplot(1, 1, 1)
        labels = [textwrap.fill(r[0], 48) for r in rows][::-1]   # long step names on two lines
        meds = [r[1] for r in rows][::-1]
        lows = [r[1] - r[2] for r in rows][::-1]
        highs = [r[3] - r[1] for r in rows][::-1]
        ax.barh(labels, meds, xerr=[lows, highs], color="#2e4057", error_kw={"ecolor": "#d1495b", "lw": 1})
        ax.axvline(5, color="#d1495b", ls="--", lw=1)
        ax.text(5, len(rows) - 0.4, " 5 s target", color="#d1495b", fontsize=8, va="bottom")
        ax.grid(axis="x", visible=True)
        ax.grid(axis="y", visible=False)
        load = record.get("load_average")
        note = f"\nmachine load average {load[0]}–{load[1]} on {record.get('cores')} cores" if load else ""
        ax.set_xlabel(f"seconds: median, whiskers min–max of {record['runs']} runs{note}", loc="right")
        fig.suptitle("Exhibit pack timings (shipped matter, 2-core machine)", x=0.02, ha="left", fontsize=10,
                     fontweight="bold")
        fig.tight_layout(rect=(0, 0, 1, 0.95))
        fig.savefig(path, dpi=110, metadata={"Software": None})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--matter", default=str(REPO / "data" / "matters" / "capital_one_2019.yaml"))
    parser.add_argument("--figure", default=str(REPO / "benchmarks" / "bench_pack.png"))
    parser.add_argument("--replot", action="store_true", help="redraw the figure from bench_pack.json only")
    args = parser.parse_args(argv)
    if args.replot:
        plot(json.loads(Path(args.figure).with_suffix(".json").read_text()), args.figure)
        return

    import toolkit as tk
    from toolkit.exhibits import build_exhibits, write_pack
    from toolkit.exhibits.appendix import validation_report

    case = tk.Case.from_yaml(args.matter)
    rows = []

    load_before = os.getloadavg()[0]
    cpu = {}
    # the fitted-model cache (toolkit._cache) in a folder of the benchmark's own: warmed by one
    # untimed run for the "cached" rows; a new, empty folder per run for the "nothing cached" row
    warm = tempfile.TemporaryDirectory()
    command = [sys.executable, "-m", "toolkit", "assess", args.matter, "--seed", "7"]
    with tempfile.TemporaryDirectory() as d:
        subprocess.run([*command, "--out", f"{d}/pack"], cwd=REPO, check=True, capture_output=True,
                       env={**os.environ, "BREACH_TOOLKIT_CACHE": warm.name})
    for label, extra, cached in (("command line, end to end (pdf, png), fitted models cached", [], True),
                                 ("command line, end to end (pdf, png), nothing cached (fits the models)", [], False),
                                 ("command line, end to end, --report (pdf, png, report.pdf), fitted models cached",
                                  ["--report"], True)):
        def cli(extra=extra, cached=cached):
            with tempfile.TemporaryDirectory() as d:
                folder = warm.name if cached else f"{d}/cache"
                subprocess.run([*command, "--out", f"{d}/pack", *extra], cwd=REPO, check=True, capture_output=True,
                               env={**os.environ, "BREACH_TOOLKIT_CACHE": folder})
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        before = used.ru_utime + used.ru_stime
        rows.append((label, *_timed(cli, args.runs)))
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[label] = round((used.ru_utime + used.ru_stime - before) / args.runs, 2)
    warm.cleanup()
    result = tk.assess(case, seed=7)
    result.tornado
    validation_report()   # cached in-process, as in a notebook session
    rows.append(("assess (200,000 paths; model fitted once per process)",
                 *_timed(lambda: tk.assess(case, seed=7), args.runs)))
    rows.append(("tornado (sensitivity, 50,000 paths)",
                 *_timed(lambda: tk.assess(case, seed=7, n_paths=50_000).tornado, args.runs)))
    rows.append(("build the 10 exhibits (figures only)",
                 *_timed(lambda: [ex.figure.clear() for ex in build_exhibits(result, paper="letter")], args.runs)))
    for label, formats, report in (("write pack: png", ("png",), False), ("write pack: svg", ("svg",), False),
                                   ("write pack: pdf", ("pdf",), False),
                                   ("write pack: pdf, png (the default)", ("pdf", "png"), False),
                                   ("write pack: pdf, png, one process (workers=1)", ("pdf", "png"), None),
                                   ("write pack: pdf, png + report.pdf", ("pdf", "png"), True)):
        def run(formats=formats, report=report):
            with tempfile.TemporaryDirectory() as d:
                write_pack(case, f"{d}/pack", seed=7, result=result, formats=formats, report=bool(report),
                           workers=1 if report is None else None)
        rows.append((label, *_timed(run, args.runs)))

    print(f"| step ({Path(args.matter).name}, {args.runs} runs) | median s | min–max s |")
    print("| --- | --- | --- |")
    for label, med, lo, hi in rows:
        print(f"| {label} | {med:.2f} | {lo:.2f}–{hi:.2f} |")

    load_after = os.getloadavg()[0]
    for label, seconds in cpu.items():
        print(f"{label}: {seconds:.2f} CPU s per run (child process, user + system)")
    print(f"load average (1 min): {load_before:.1f} before, {load_after:.1f} after, on {os.cpu_count()} cores")
    record = {"matter": case.name, "runs": args.runs, "rows": [list(r) for r in rows], "cpu_seconds": cpu,
              "load_average": [round(load_before, 1), round(load_after, 1)], "cores": os.cpu_count()}
    Path(args.figure).with_suffix(".json").write_text(json.dumps(record, indent=1) + "\n")
    plot(record, args.figure)
    print(f"figure: {args.figure}")


if __name__ == "__main__":
    main()
