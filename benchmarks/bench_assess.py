"""Speed of one full ``assess`` at the path counts the widgets and portfolios use, against the FAIR-style floor.

Run on demand (never in the test suite):

    python benchmarks/bench_assess.py [--paths 20000] [--floor-paths 1000000] [--rounds 15] [--matter PATH]

Prints, as medians over interleaved rounds with the min-max (see ``_common.py``), all in this process:
- the FAIR-style numpy floor at 1,000,000 paths;
- one full ``toolkit.assess`` at 20,000 paths, market check included (models already fitted, as
  in a notebook session or a portfolio run), and its ratio to the floor (target: at most 0.3x);
- the same without the market check;
- the parts: the liability/damages/regulatory inputs, the Monte Carlo (draws, stage tree, stats,
  settlement range), and the market check's single-row featurisation and prediction (target
  about 1 ms for both ranges and the comparables).
"""
from __future__ import annotations

import argparse
import sys

from _common import REPO, fair_style_numpy, interleaved, machine, ratio, summary


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--paths", type=int, default=20_000)
    parser.add_argument("--floor-paths", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--matter", default=str(REPO / "data" / "matters" / "capital_one_2019.yaml"))
    args = parser.parse_args(argv)

    import toolkit as tk
    from toolkit.assess import case_to_outcome_row, market_check_model, simulation_inputs
    from toolkit.litigation import Draws, settlement_range, simulate

    case = tk.Case.from_yaml(args.matter)
    first = tk.assess(case, seed=0, n_paths=args.paths)  # warm up: imports and model fits (cached per process)
    excluded = tuple(getattr(first, "excluded_incidents", ()) or ())
    try:
        model = market_check_model(exclude=excluded)
    except TypeError:  # an older signature
        model = market_check_model()
    rows = [case_to_outcome_row(case), case_to_outcome_row(case, "regulatory_fine")]
    inputs, *_ = simulation_inputs(case)

    def monte_carlo():
        sim = simulate(inputs, Draws.make(args.paths, 0))
        return sim.stats(), settlement_range(sim)

    def market_check():
        return model.predict_interval(rows[0]), model.predict_interval(rows[1]), model.comparables(rows[0], k=10)

    times = interleaved({
        "floor": lambda: fair_style_numpy(args.floor_paths),
        "assess": lambda: tk.assess(case, seed=0, n_paths=args.paths),
        "assess_no_mc": lambda: tk.assess(case, seed=0, n_paths=args.paths, market_check=False),
        "inputs": lambda: simulation_inputs(case),
        "monte_carlo": monte_carlo,
        "market_check": market_check,
        "outcome_row": lambda: case_to_outcome_row(case),
    }, args.rounds)

    print(f"matter: {case.name}   assess paths: {args.paths:,}   floor paths: {args.floor_paths:,}   "
          f"rounds: {args.rounds} (median, min-max)   {machine()}")
    print(f"FAIR-style numpy floor, {args.floor_paths:,} paths:                {summary(times['floor'])}")
    print(f"toolkit.assess, market check included:                {summary(times['assess'])}"
          f"   {ratio(times['assess'], times['floor'])}  (target <= 0.3x)")
    print(f"toolkit.assess, market_check=False:                   {summary(times['assess_no_mc'])}"
          f"   {ratio(times['assess_no_mc'], times['floor'])}")
    print("parts:")
    print(f"  liability, damages, regulatory inputs:              {summary(times['inputs'])}")
    print(f"  Monte Carlo (draws, tree, stats, settlement range): {summary(times['monte_carlo'])}")
    print(f"  market check: two ranges and the comparables:       {summary(times['market_check'])}")
    print(f"  case_to_outcome_row (a one-row DataFrame, in assess): {summary(times['outcome_row'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
