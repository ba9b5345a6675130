"""Small helpers for notebooks and scripts: where a matter file is, and Markdown that keeps "$" literal."""
from __future__ import annotations

from pathlib import Path

__all__ = ["resolve_matter_path", "markdown_dollars"]


def resolve_matter_path(path, *, notebook_dir=None) -> Path:
    """Find a matter file given relative to the caller's folder, the notebooks folder or the repository.

    Tried in order: ``path`` as given (the caller's working directory), relative to
    ``notebook_dir`` (default: the repository's ``notebooks/``), relative to the repository root.
    The first that exists wins; if none does, ``path`` is returned unchanged (and reading it raises
    the usual one-line error).

    Examples
    --------
    >>> resolve_matter_path("data/matters/capital_one_2019.yaml").name
    'capital_one_2019.yaml'
    >>> resolve_matter_path("../data/matters/capital_one_2019.yaml").is_file()
    True
    """
    from ..datasets import data_dir

    given = Path(path).expanduser()
    if given.is_absolute():
        return given
    repo = Path(__file__).resolve().parents[2]           # the checkout this toolkit runs from
    data_root = data_dir().resolve().parent               # where the curated data/ folder really is
    bases = [Path.cwd(), Path(notebook_dir) if notebook_dir else repo / "notebooks", repo, data_root]
    for base in bases:
        candidate = (base / given).resolve()
        if candidate.is_file():
            return candidate
    return given


def markdown_dollars(text: str) -> str:
    r"""Escape "$" so that Jupyter's Markdown shows money, not LaTeX ("$763K" stays "$763K").

    >>> markdown_dollars("from $763K to $50.7M")
    'from \\$763K to \\$50.7M'
    >>> markdown_dollars("already \\$5")
    'already \\$5'
    """
    import re

    return re.sub(r"(?<!\\)\$", r"\\$", str(text))
