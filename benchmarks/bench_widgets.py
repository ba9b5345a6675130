"""Speed of the CaseExplorer: time from a control change to the recomputed, redrawn view.

Run: ``python benchmarks/bench_widgets.py [--changes 30] [--n-paths N] [--matter PATH]``

Each change assigns one control's ``value`` (as a user's click does); the assignment returns only
after the assessment was recomputed (reusing the explorer's Monte Carlo draws), the changed
panels were redrawn and their PNGs handed to the image widgets. The changes cycle through every
control (causation, each governance toggle, prior warnings, records, service model, governing
law, forum, certification probability, revenue). Target: median <= 150 ms.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def changes(explorer, n: int):
    """``n`` (field, value) changes cycling through every control, each different from the last value."""
    alt = {
        "causation_strength": [0.2, 0.45, 0.7, 0.9],
        "records_exposed": [2e4, 3e5, 4e6],
        "service_model": ["paas", "saas", "iaas"],
        "jurisdiction": ["US-NY", "US-TX", "US-CA"],
        "forum": ["S.D.N.Y.", "E.D. Va.", "N.D. Cal."],
        "p_class_certification": [0.05, 0.3, 0.6],
        "defendant_revenue_usd": [5e8, 5e9, 5e10],
    }
    names = list(explorer.controls)
    out, i = [], 0
    while len(out) < n:
        name = names[i % len(names)]
        options = alt.get(name) or ["yes", "no", "unknown"]
        value = options[(i // len(names)) % len(options)]
        if value == explorer.controls[name].value:
            value = options[((i // len(names)) + 1) % len(options)]
        out.append((name, value))
        i += 1
    return out


def main(argv=None):
    import toolkit as tk
    from toolkit.widgets import INTERACTIVE_N_PATHS, CaseExplorer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=30)
    parser.add_argument("--n-paths", type=int, default=INTERACTIVE_N_PATHS)
    parser.add_argument("--matter", default=str(REPO / "data" / "matters" / "teaching_open_elasticsearch.yaml"))
    args = parser.parse_args(argv)

    case = tk.Case.from_yaml(args.matter)
    t0 = time.perf_counter()
    explorer = CaseExplorer(case, n_paths=args.n_paths)
    build = time.perf_counter() - t0
    # Warm-up: first use of each code path (font cache, first background of each panel).
    for name, value in changes(explorer, len(explorer.controls)):
        explorer.controls[name].value = value

    wall, cpu, per_field = [], [], {}
    for name, value in changes(explorer, args.changes):
        c0, w0 = time.process_time(), time.perf_counter()
        explorer.controls[name].value = value
        w1, c1 = time.perf_counter(), time.process_time()
        assert explorer.error is None, explorer.error
        wall.append((w1 - w0) * 1000)
        cpu.append((c1 - c0) * 1000)
        per_field.setdefault(name, []).append(wall[-1])

    wall_sorted = sorted(wall)
    p90 = wall_sorted[min(len(wall) - 1, int(round(0.9 * (len(wall) - 1))))]
    print(f"CaseExplorer: {case.name}")
    print(f"n_paths per update: {args.n_paths:,} (draws reused); changes timed: {len(wall)}; "
          f"explorer built in {build:.2f} s")
    print(f"control change -> recomputed, redrawn view: median {statistics.median(wall):.0f} ms, "
          f"p90 {p90:.0f} ms, max {max(wall):.0f} ms (wall); median CPU {statistics.median(cpu):.0f} ms")
    print("median by control (ms):")
    for name, times in per_field.items():
        print(f"  {name:24s} {statistics.median(times):6.0f}")
    target = 150
    verdict = "meets" if statistics.median(wall) <= target else "MISSES"
    print(f"target median <= {target} ms: {verdict}")
    return 0 if statistics.median(wall) <= target else 1


if __name__ == "__main__":
    raise SystemExit(main())
