"""Write a notebook from a list of (kind, source[, tags]) cells, with outputs cleared.

Used to keep notebooks reviewable: each notebook has a small builder script in
``tools/notebooks/`` and is regenerated with ``python tools/make_notebook.py NAME``.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]


def build(cells, path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for cell in cells:
        kind, source = cell[0], cell[1]
        tags = list(cell[2]) if len(cell) > 2 else []
        new = nbformat.v4.new_markdown_cell(source) if kind == "md" else nbformat.v4.new_code_cell(source)
        if tags:
            new.metadata["tags"] = tags
        nb.cells.append(new)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:02d}"
    nbformat.validate(nb)
    tmp = Path(path).with_suffix(".tmp")
    nbformat.write(nb, tmp)
    tmp.replace(path)


def main(names):
    for name in names:
        spec = importlib.util.spec_from_file_location(name, REPO / "tools" / "notebooks" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        build(module.CELLS, REPO / "notebooks" / f"{name}.ipynb")
        print("wrote", f"notebooks/{name}.ipynb")


if __name__ == "__main__":
    main(sys.argv[1:] or [p.stem for p in sorted((REPO / "tools" / "notebooks").glob("*.py"))])
