"""Write what a :class:`~toolkit.widgets.CaseExplorer` shows as numbered exhibits."""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .view import PANELS, TITLES

__all__ = ["export_view"]

_PNG_META = {"Software": None}
_PDF_META = {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None}


def export_view(result, figures: dict, directory) -> list[Path]:
    """Write the figures and tables of the current view into a new ``directory``.

    Files, numbered in the dashboard's order: ``exhibit-01-liability.pdf``/``.png``,
    ``exhibit-02-damages``, ``exhibit-03-fault``, ``exhibit-04-settlement``,
    ``exhibit-05-summary.csv``, ``exhibit-06-comparables.csv``, then ``matter.yaml`` (the matter
    as the controls stated it) and ``index.txt`` (what each exhibit is, the seed and the paths).
    PNG and PDF carry no dates, so the same view gives the same bytes.

    Raises
    ------
    toolkit.InputError
        If ``directory`` exists and is not empty.
    """
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise InputError("directory", str(directory), "a new or empty folder (exports never overwrite)")
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    index = [f"Matter: {result.case.name}", f"Seed {result.seed}, {result.n_paths:,} Monte Carlo paths", ""]
    number = 0
    for name in PANELS:
        number += 1
        fig = figures[name]
        stem = directory / f"exhibit-{number:02d}-{name}"
        fig.savefig(stem.with_suffix(".pdf"), format="pdf", metadata=_PDF_META)
        fig.savefig(stem.with_suffix(".png"), format="png", dpi=200, metadata=_PNG_META)
        written += [stem.with_suffix(".pdf"), stem.with_suffix(".png")]
        index.append(f"Exhibit {number}: {TITLES[name]} ({stem.name}.pdf, .png)")
    for name, table in (("summary", result.summary()), ("comparables", result.comparables)):
        number += 1
        path = directory / f"exhibit-{number:02d}-{name}.csv"
        table.to_csv(path, index=False)
        written.append(path)
        index.append(f"Exhibit {number}: {name} table ({path.name})")
    matter = directory / "matter.yaml"
    matter.write_text(result.case.to_yaml(), encoding="utf-8")
    written.append(matter)
    index.append("The matter as stated by the dashboard's controls: matter.yaml")
    path = directory / "index.txt"
    path.write_text("\n".join(index) + "\n", encoding="utf-8")
    written.append(path)
    return written
