#!/usr/bin/env python
"""Merge the researchers' outcome parts into ``data/outcomes.csv``.

Reads every ``outcomes_*.csv`` part, normalises the cells (whitespace, lower-case
vocabularies, ``verified`` as true/false, upper-case currency and jurisdiction), fills
``amount_usd`` for non-USD rows from ``data/fx_rates.csv`` (whole dollars; the rate itself is
documented in the fx table, not copied into the row), drops duplicate ``outcome_id`` rows
(keeping the verified, most complete one, and saying so), validates the result with the
outcomes schema and writes it atomically (temporary file + ``os.replace``) to the output path,
which is always given explicitly (``--out``).

The curated table is protected. The rows already curated are those of the existing output
file and of any part that is the curated table itself (``data/outcomes.csv``, or the output):

- a curated row always wins over a part row with the same ``outcome_id``; a part row that
  would change a curated value is refused unless ``--allow-changes`` (then it wins, and the
  change is listed);
- replacing an existing output needs ``--force``, and the new table must keep every outcome
  the existing one has unless ``--allow-removals``;
- every run prints a diff against the existing output (or the curated rows): outcomes added,
  removed and each changed cell (old -> new).

Rows whose currency-year has no rate in the fx table cannot get an ``amount_usd``; they are
reported and left out (``--strict`` makes that an error instead).

Usage::

    # add new parts to the curated table (keep its rows by listing it too); --force replaces the file
    python tools/merge_outcomes.py --parts data/outcomes.csv 'parts/outcomes_*.csv' --out /tmp/o.csv
    python tools/merge_outcomes.py --parts data/outcomes.csv 'parts/outcomes_*.csv' --out data/outcomes.csv --force

Exit status: 0 written, 1 validation failed or refused (a removal or change without its flag),
2 bad arguments.
"""
from __future__ import annotations

import argparse
import csv
import glob
import sys
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from toolkit.datasets.fx import to_usd  # noqa: E402
from toolkit.datasets.outcomes import OUTCOMES_COLUMNS, parse_outcomes, validate_outcomes  # noqa: E402
from toolkit.errors import DataError, InputError  # noqa: E402
from toolkit.vocab import CLOUD_STYLE_FAILURES, CONTROLS  # noqa: E402

LOWER = ("sector", "cloud_provider", "misconfiguration_type", "service_model", "outcome_type", *CONTROLS, "prior_warnings")
TRUE = {"true", "yes", "y", "1", "t"}
FALSE = {"false", "no", "n", "0", "f", ""}

def read_parts(paths: list[Path], curated: tuple[Path, ...] = ()) -> pd.DataFrame:
    """Read all parts as text; add ``_part``, ``_line`` (CSV line) and ``_curated`` (the part is a curated table)."""
    frames = []
    curated_real = {Path(c).resolve() for c in curated}
    for path in paths:
        try:
            raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise DataError(str(path), type(exc).__name__, "a UTF-8 CSV with the outcomes header", str(exc)) from None
        header = [c.strip() for c in raw.columns]
        raw.columns = header
        missing = [c for c in OUTCOMES_COLUMNS if c not in header]
        extra = [c for c in header if c not in OUTCOMES_COLUMNS]
        if missing or extra:
            raise DataError(f"{path.name} header", ", ".join(missing + extra),
                            "exactly the columns of RESEARCH_BRIEF.md",
                            f"missing: {missing}; unexpected: {extra}")
        raw = raw[list(OUTCOMES_COLUMNS)].copy()
        raw["_part"] = path.name
        raw["_line"] = range(2, len(raw) + 2)
        raw["_curated"] = Path(path).resolve() in curated_real
        frames.append(raw)
    if not frames:
        return pd.DataFrame(columns=[*OUTCOMES_COLUMNS, "_part", "_line", "_curated"])
    return pd.concat(frames, ignore_index=True)


def normalise(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in OUTCOMES_COLUMNS:
        out[col] = out[col].astype(str).str.strip()
    for col in LOWER:
        out[col] = out[col].str.lower()
    out["data_types"] = out["data_types"].str.lower().str.split(";").map(
        lambda items: ";".join(dict.fromkeys(i.strip() for i in items if i.strip())))
    out["currency"] = out["currency"].str.upper()
    out["jurisdiction"] = out["jurisdiction"].str.upper()
    out["regulator"] = out["regulator"].str.upper()
    out["source_urls"] = out["source_urls"].str.split().str.join(" ")
    out["notes"] = out["notes"].str.replace(r"[\r\n]+", " ", regex=True)
    for col in ("records_exposed", "class_size", "year_disclosed", "outcome_year"):
        out[col] = out[col].str.replace(r"^(\d+)\.0+$", r"\1", regex=True)

    def verified(v):
        key = v.lower()
        return "true" if key in TRUE else "false" if key in FALSE else v
    out["verified"] = out["verified"].map(verified)
    return out


def fill_usd(df: pd.DataFrame, data_dir=None) -> tuple[pd.DataFrame, list[str]]:
    """Fill amount_usd; return the frame (unconvertible rows flagged in ``_skip``) and messages."""
    out = df.copy()
    out["_skip"] = ""
    messages = []
    for i, row in out.iterrows():
        if row["amount_usd"] != "" or row["amount_original"] == "":
            continue
        if row["currency"] == "USD":
            out.at[i, "amount_usd"] = row["amount_original"]
            continue
        if not row["outcome_year"].isdigit():
            out.at[i, "_skip"] = "outcome_year empty"
            messages.append(f"{row['_part']}:{row['_line']} {row['outcome_id']}: no USD conversion "
                            f"(outcome_year {row['outcome_year']!r} is needed to pick the annual rate)")
            continue
        try:
            usd = to_usd(float(row["amount_original"]), row["currency"], int(row["outcome_year"]), data_dir_=data_dir)
        except (InputError, ValueError) as exc:
            out.at[i, "_skip"] = str(exc)
            messages.append(f"{row['_part']}:{row['_line']} {row['outcome_id']}: no USD conversion ({exc})")
            continue
        out.at[i, "amount_usd"] = str(int(round(usd)))
    return out, messages


def _completeness(row) -> int:
    return sum(1 for c in OUTCOMES_COLUMNS if row[c] not in ("", "unknown"))


def dedupe(df: pd.DataFrame) -> tuple[pd.DataFrame, list[str], list[str]]:
    """Keep one row per outcome_id: a curated row first, then verified, then the most complete, then the first read.

    Returns the frame, notices (duplicates dropped) and conflicts: a dropped curated row, or a
    dropped part row whose values differ from the curated row kept, is a change of a curated
    value (refused by :func:`main` unless ``--allow-changes``).
    """
    if "_curated" not in df.columns:
        df = df.assign(_curated=False)
    ranked = df.assign(_ver=(df["verified"] == "true").astype(int), _full=df.apply(_completeness, axis=1),
                       _order=range(len(df)), _cur=df["_curated"].astype(int))
    ranked = ranked.sort_values(["outcome_id", "_cur", "_ver", "_full", "_order"],
                                ascending=[True, False, False, False, True])
    keep = ~ranked.duplicated("outcome_id", keep="first")
    messages, conflicts = [], []
    for _, row in ranked[~keep].iterrows():
        kept = ranked[keep & (ranked["outcome_id"] == row["outcome_id"])].iloc[0]
        differ = [c for c in OUTCOMES_COLUMNS if row[c] != kept[c]]
        messages.append(f"dropped duplicate outcome_id {row['outcome_id']} at {row['_part']}:{row['_line']} "
                        f"(kept {kept['_part']}:{kept['_line']})")
        if kept["_cur"] and not row["_curated"] and differ:
            conflicts.append((row, kept, differ))
    result = ranked[keep].sort_values("_order").drop(columns=["_ver", "_full", "_order", "_cur"])
    return result.reset_index(drop=True), messages, conflicts


def apply_changes(df: pd.DataFrame, conflicts) -> pd.DataFrame:
    """With ``--allow-changes``: the part rows that conflict with curated rows replace them."""
    out = df.copy()
    for row, _kept, _differ in conflicts:
        idx = out.index[out["outcome_id"] == row["outcome_id"]][0]
        for c in OUTCOMES_COLUMNS:
            out.at[idx, c] = row[c]
        out.at[idx, "_part"], out.at[idx, "_line"] = row["_part"], row["_line"]
        if "_skip" in out.columns:
            out.at[idx, "_skip"] = row.get("_skip", "")
    return out


def diff(old: pd.DataFrame, new: pd.DataFrame) -> tuple[list[str], list[str], list[str]]:
    """Outcome ids added and removed, and each changed cell (``id column: old -> new``)."""
    old_rows = {r["outcome_id"]: r for r in old[list(OUTCOMES_COLUMNS)].to_dict("records")}
    new_rows = {r["outcome_id"]: r for r in new[list(OUTCOMES_COLUMNS)].to_dict("records")}
    added = [i for i in new_rows if i not in old_rows]
    removed = [i for i in old_rows if i not in new_rows]
    changed = []
    for i in new_rows:
        if i in old_rows:
            for c in OUTCOMES_COLUMNS:
                a, b = str(old_rows[i][c]), str(new_rows[i][c])
                if a != b:
                    changed.append(f"{i} {c}: {a!r} -> {b!r}")
    return added, removed, changed


def print_diff(added, removed, changed, against: str) -> None:
    print(f"diff against {against}: {len(added)} added, {len(removed)} removed, {len(changed)} changed cell(s)")
    for i in added:
        print(f"  + {i}")
    for i in removed:
        print(f"  - {i}")
    for line in changed:
        print(f"  ~ {line}")


def validate(df: pd.DataFrame) -> pd.DataFrame:
    """Validate; on failure re-raise with each problem located as part:line."""
    text = df[list(OUTCOMES_COLUMNS)].reset_index(drop=True)
    typed, problems = parse_outcomes(text, first_line=0)
    try:
        validate_outcomes(typed, table="merged outcomes", first_line=0, parse_problems=problems)
    except DataError as exc:
        where = [f"{df['_part'].iat[p[0]]}:{df['_line'].iat[p[0]]}" if isinstance(p[0], int) else "?" for p in exc.problems]
        lines = [f"{w} column {p[1]}: got {p[2]!r}; allowed: {p[3]}" for w, p in zip(where, exc.problems, strict=True)]
        err = DataError("merged outcomes", f"{len(lines)} problem(s)", "the outcomes schema", "\n  " + "\n  ".join(lines))
        err.problems = exc.problems
        raise err from None
    return typed


def write_atomic(df: pd.DataFrame, out: Path, force: bool) -> None:
    import io

    from toolkit._files import replace_file

    if out.exists() and not force:
        raise FileExistsError(f"{out} exists; pass --force to replace it")
    out.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(OUTCOMES_COLUMNS)
    writer.writerows(df[list(OUTCOMES_COLUMNS)].itertuples(index=False, name=None))
    replace_file(out, buf.getvalue())


def report(typed: pd.DataFrame) -> str:
    lines = [f"rows: {len(typed)}", f"incidents: {typed['incident_id'].nunique()}",
             f"verified share: {typed['verified'].mean():.1%}" if len(typed) else "verified share: n/a",
             "per outcome_type:"]
    for kind, n in typed["outcome_type"].value_counts().sort_index().items():
        lines.append(f"  {kind}: {n}")
    lines.append(f"cloud-style ({', '.join(CLOUD_STYLE_FAILURES)}): "
                 f"{int(typed['misconfiguration_type'].isin(CLOUD_STYLE_FAILURES).sum())}")
    from toolkit.datasets.coverage import coverage_report

    lines.append("coverage targets (toolkit.datasets.coverage.TARGETS):")
    for _, row in coverage_report(typed).iterrows():
        lines.append(f"  [{'ok' if row['met'] else 'SHORT'}] {row['label'].strip()}: {row['count']:g} "
                     f"(target >= {row['target']:g})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parts", required=True, nargs="+", metavar="GLOB",
                        help="globs of part files in docs/curation_guide.md's header; to keep the rows "
                             "already curated, list data/outcomes.csv itself among them")
    parser.add_argument("--out", required=True,
                        help="output CSV (explicit: e.g. data/outcomes.csv with --force, or a new file)")
    parser.add_argument("--force", action="store_true", help="replace an existing output")
    parser.add_argument("--allow-removals", action="store_true",
                        help="let the new table drop outcomes the existing output has")
    parser.add_argument("--allow-changes", action="store_true",
                        help="let part rows change values of curated rows (each change is listed)")
    parser.add_argument("--strict", action="store_true", help="fail when a row cannot be converted to USD")
    parser.add_argument("--data-dir", default=None, help="folder with fx_rates.csv (default: the toolkit's data)")
    args = parser.parse_args(argv)

    from toolkit.datasets import data_dir

    paths = sorted({Path(p) for pattern in args.parts for p in glob.glob(pattern)})
    if not paths:
        print(f"no part files match {args.parts}", file=sys.stderr)
        return 2
    out = Path(args.out)
    if out.exists() and not args.force:
        print(f"refused: {out} exists; pass --force to replace it", file=sys.stderr)
        return 1
    curated = (data_dir() / "outcomes.csv", out)
    try:
        baseline = None
        if out.exists():
            baseline = normalise(read_parts([out], curated))
        df = normalise(read_parts(paths, curated))
        print(f"read {len(df)} rows from {len(paths)} part(s): " + ", ".join(p.name for p in paths))
        if baseline is None and df["_curated"].any():
            baseline = df[df["_curated"]].drop_duplicates("outcome_id")
        # USD amounts first, so that a part row (amount_usd left empty for the code to fill) is compared
        # with the curated row, and replaces it, as converted
        df, fx_msgs = fill_usd(df, args.data_dir)
        df, dup_msgs, conflicts = dedupe(df)
        for msg in dup_msgs + fx_msgs:
            print(msg)
        if conflicts and not args.allow_changes:
            print(f"refused: {len(conflicts)} part row(s) would change curated values "
                  "(pass --allow-changes to apply them):", file=sys.stderr)
            for row, kept, differ in conflicts:
                for c in differ:
                    print(f"  {row['outcome_id']} {c}: curated {kept[c]!r} ({kept['_part']}:{kept['_line']}) "
                          f"-> {row[c]!r} ({row['_part']}:{row['_line']})", file=sys.stderr)
            return 1
        if conflicts:
            df = apply_changes(df, conflicts)
        skipped = df["_skip"] != ""
        if skipped.any():
            if args.strict:
                print(f"{int(skipped.sum())} row(s) without a USD conversion (--strict)", file=sys.stderr)
                return 1
            print(f"left out {int(skipped.sum())} row(s) without a USD conversion (add the rate to data/fx_rates.csv)")
            df = df[~skipped].reset_index(drop=True)
        typed = validate(df)
    except DataError as exc:
        print(f"validation failed: {exc}", file=sys.stderr)
        return 1
    if baseline is not None:
        added, removed, changed = diff(baseline, df)
        print_diff(added, removed, changed, str(out) if out.exists() else "the curated rows")
        if removed and out.exists() and not args.allow_removals:
            print(f"refused: the new table would drop {len(removed)} of the {len(baseline)} outcomes in {out} "
                  f"(it would shrink from {len(baseline)} to {len(df)} rows); list the curated table among "
                  "--parts to keep them, or pass --allow-removals", file=sys.stderr)
            return 1
        if changed and out.exists() and not args.allow_changes:
            print(f"refused: {len(changed)} curated cell(s) in {out} would change; pass --allow-changes",
                  file=sys.stderr)
            return 1
    else:
        print(f"diff: {len(df)} outcome(s), all new (no curated table among the inputs or at {out})")
    write_atomic(df, out, args.force)
    print(f"wrote {out}")
    print(report(typed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
