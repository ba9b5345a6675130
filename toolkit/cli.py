"""Command line: ``python -m toolkit COMMAND ...``.

Commands
--------
validate MATTER.yaml
    Check a matter file and print it normalised (YAML). Exit 0, or exit 2 with one line on
    stderr naming the field, the value and what is allowed; when the file has several
    problems, the line lists every one of them, numbered.
assess MATTER.yaml --out DIR [--seed N] [--paths N] [--formats pdf,png[,svg]] [--force] [--report] [--paper a4]
    Assess the matter and write the numbered exhibit pack into DIR. DIR is checked before any
    work; a non-empty DIR is refused unless --force, and --force replaces only an earlier
    exhibit pack (a folder with its MANIFEST.sha256). A symbolic link DIR is written through.
    Never leaves a half-written pack, nor a moment without one. --report adds report.pdf
    (cover, exhibits, methodology appendix, sources); --paper sets letter or A4 pages.
data check [--data-dir DIR]
    Validate every curated table under data/: schema, vocabularies, duplicates, URLs,
    currency conversions, matter files. Exit 0 when clean, 1 with one line per problem.
data list
    List the curated tables with their sources and licences (fits a 100-column terminal).
new-matter
    Print a commented matter template: every field, its allowed values and its default.
schema
    Print the JSON Schema of a matter file, for editors (generated from toolkit.Case).

Every error about input is one line on stderr and exit code 2; the toolkit never prints a
traceback for a bad file.
"""
from __future__ import annotations

import argparse
import sys
from typing import Sequence

from .errors import InputError

EXIT_OK, EXIT_PROBLEMS, EXIT_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit code 2."""

    def error(self, message):  # pragma: no cover - exercised through main()
        self.exit(EXIT_INPUT, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m toolkit",
        description="Breach Liability Toolkit: negligence analytics for cloud-misconfiguration "
                    "data exposures. Not legal advice.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Run 'python -m toolkit COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="store_true", help="print the toolkit version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("validate", help="check a matter file and print it normalised",
                       description="Check a matter YAML file against the Case contract and print "
                                   "the normalised matter. Exit 2 with one line on stderr if it is invalid.")
    p.add_argument("matter", metavar="MATTER.yaml", help="path to the matter file")

    p = sub.add_parser("assess", help="assess a matter and write the exhibit pack",
                       description="Assess a matter (liability, damages, fault, settlement range) and "
                                   "write numbered exhibits, a methodology appendix and assessment.json "
                                   "into DIR. The same seed gives byte-identical files.")
    p.add_argument("matter", metavar="MATTER.yaml", help="path to the matter file")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the exhibit pack")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--paths", type=int, default=200_000, metavar="N",
                   help="Monte Carlo paths (default 200000)")
    p.add_argument("--formats", default="pdf,png",
                   help="comma-separated exhibit formats among pdf, png, svg (default pdf,png)")
    p.add_argument("--force", action="store_true", help="replace the contents of a non-empty DIR")
    p.add_argument("--report", action="store_true",
                   help="also write report.pdf: cover, numbered exhibits, methodology appendix, sources")
    p.add_argument("--paper", default="letter", choices=["letter", "a4"],
                   help="page size of the PDF exhibits and report.pdf (default letter)")

    p = sub.add_parser("data", help="check or list the curated tables",
                       description="Work with the curated tables under data/.")
    data_sub = p.add_subparsers(dest="data_command", metavar="ACTION", parser_class=_Parser)
    c = data_sub.add_parser("check", help="validate every table under data/",
                            description="Validate schema, vocabularies, duplicates, URLs and currency "
                                        "conversions of every curated table, and load every matter file.")
    c.add_argument("--data-dir", default=None, help="folder to check (default: the toolkit's data/)")
    data_sub.add_parser("list", help="list the curated tables with sources and licences")

    sub.add_parser("new-matter", help="print a commented matter template (every field, allowed values, default)",
                   description="Print a matter template: every field with what it means, what is allowed and "
                               "its default. Save it and fill it in: python -m toolkit new-matter > m.yaml")
    sub.add_parser("schema", help="print the JSON Schema of a matter, for editors",
                   description="Print the JSON Schema of a matter file (generated from toolkit.Case), for "
                               "editors' completion and checks. The same file ships as "
                               "toolkit/schema/matter.schema.json.")
    return parser


def _cmd_validate(args) -> int:
    from .case import Case

    case = Case.from_yaml(args.matter)
    sys.stdout.write(case.to_yaml())
    return EXIT_OK


def _cmd_assess(args) -> int:
    from . import _outdir
    from .case import Case

    _outdir.check_out(args.out, args.force)  # before any work: a bad --out fails at once
    formats = tuple(f.strip().lower() for f in args.formats.split(",") if f.strip())
    case = Case.from_yaml(args.matter)
    from .assess import assess
    from .exhibits import write_pack
    from .exhibits.pack import headline_rows

    result = assess(case, seed=args.seed, n_paths=args.paths)
    written = write_pack(case, args.out, seed=args.seed, n_paths=args.paths, formats=formats, progress=True,
                         report=args.report, paper=args.paper, result=result, force=args.force)
    for _, item, value, unit, _ in headline_rows(result):  # the headline every exhibit quotes, worded as there
        print(f"{item}: {value}" + ("" if value == "does not arise" else f" ({unit}, low – median – high)"))
    print(f"wrote {len(written)} files to {args.out}")
    return EXIT_OK


def _cmd_new_matter(args) -> int:
    from ._matter_spec import matter_template

    sys.stdout.write(matter_template())
    return EXIT_OK


def _cmd_schema(args) -> int:
    from ._matter_spec import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


def _cmd_data(args) -> int:
    if args.data_command == "check":
        from .datasets import check_data

        problems = check_data(args.data_dir)
        for problem in problems:
            print(problem)
        if problems:
            print(f"{len(problems)} problem(s) found", file=sys.stderr)
            return EXIT_PROBLEMS
        print("data check passed: every table is valid")
        return EXIT_OK
    if args.data_command == "list":
        from .datasets import list_datasets

        print(format_datasets(list_datasets()))
        return EXIT_OK
    print("python -m toolkit data: choose an action: check or list", file=sys.stderr)
    return EXIT_INPUT


def one_line(exc: InputError) -> str:
    """An input error as one line; several problems (:class:`toolkit.errors.InputErrors`) numbered in it.

    >>> from toolkit.errors import InputErrors
    >>> one_line(InputErrors([InputError("a", 1, "x"), InputError("b", 2, "y")]))
    '2 problems: (1) a: got 1; allowed: x (2) b: got 2; allowed: y'
    """
    errors = getattr(exc, "errors", None)
    if not errors or len(errors) == 1:
        return " ".join(str(exc).split())
    return f"{len(errors)} problems: " + " ".join(f"({i}) {' '.join(str(e).split())}"
                                                 for i, e in enumerate(errors, 1))


def format_datasets(table, width: int = 100) -> str:
    """The registry (:func:`toolkit.datasets.list_datasets`) as text no wider than ``width`` columns.

    One block per table or importer: its name, file and row count, then each property on its
    own wrapped, indented line.

    >>> from toolkit.datasets import list_datasets
    >>> text = format_datasets(list_datasets())
    >>> max(len(line) for line in text.splitlines()) <= 100
    True
    """
    import textwrap

    import pandas as pd

    blocks = []
    for name, row in table.iterrows():
        file = row["file"] if isinstance(row["file"], str) and row["file"] else "(importer of an external file)"
        rows = "" if pd.isna(row["rows"]) else f", {int(row['rows']):,} rows"
        lines = textwrap.wrap(f"{name}: {file}{rows}", width)
        for key in ("unit", "licence", "description", "source", "loader", "schema"):
            lines += textwrap.wrap(str(row[key]), width, initial_indent=f"  {key + ':':<13}",
                                   subsequent_indent=" " * 15, break_long_words=True)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error already printed
        return int(exc.code or 0)
    if args.version:
        from . import __version__

        print(__version__)
        return EXIT_OK
    commands = {"validate": _cmd_validate, "assess": _cmd_assess, "data": _cmd_data,
                "new-matter": _cmd_new_matter, "schema": _cmd_schema}
    if args.command not in commands:
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    try:
        return commands[args.command](args)
    except InputError as exc:
        print(f"error: {one_line(exc)}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # never a traceback on the command line
        print(f"internal error ({type(exc).__name__}): {exc}; please report it", file=sys.stderr)
        return EXIT_PROBLEMS


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
