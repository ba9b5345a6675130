"""The on-disk cache of what is slow to recompute from the shipped files: the models fitted on the
curated outcomes (:mod:`toolkit.calibration.fitted`) and the validated data tables
(:mod:`toolkit.datasets`).

A fit of the headline and market-check models takes about a second and validating the tables a
few tenths; the cache keeps both between processes, so a second command-line run (or notebook
kernel, or test session) reads them back in milliseconds.

Where
    ``$BREACH_TOOLKIT_CACHE`` when set (the folder itself; ``off`` disables the cache), else
    ``$XDG_CACHE_HOME/breach-liability-toolkit/``, else ``~/.cache/breach-liability-toolkit/``.
Key
    The sha256 of the toolkit package's own ``.py`` sources (their content, so an edited toolkit
    never reads a fit of another version), the versions of Python, numpy, pandas, scikit-learn, SciPy and pandera, the kind of
    entry and its parts (the outcomes table's sha256, the other tables' digest, the left-out
    incidents, the coverage).
Safety
    Writes are atomic (a temporary file in the folder, then :func:`os.replace`), so processes that
    write the same entry at once (pytest-xdist workers) never leave a torn file. An entry that
    cannot be read, is corrupt or holds something else than expected is ignored (and refitted);
    a folder that cannot be created or written is skipped without a word. The folder keeps the
    :data:`MAX_ENTRIES` most recent entries.

The entries are Python pickles: point ``BREACH_TOOLKIT_CACHE`` only at a folder you alone can write.
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ._files import replace_file

__all__ = ["ENV", "FOLDER_NAME", "MAX_ENTRIES", "MISSING", "cache_dir", "package_digest", "source_digest",
           "entry_key", "load", "store", "cached"]

#: The environment variable naming the cache folder (``off`` disables the cache).
ENV = "BREACH_TOOLKIT_CACHE"
#: The cache's folder under ``$XDG_CACHE_HOME`` or ``~/.cache``.
FOLDER_NAME = "breach-liability-toolkit"
#: Entries kept in the folder (the oldest are removed beyond it).
MAX_ENTRIES = 200
#: Version of the entry layout (a dict with format, kind, key and value).
_FORMAT = 1
_SUFFIX = ".pickle"
#: A value ``load`` returns when there is no usable entry (None may be a cached value).
MISSING: Any = object()


def cache_dir() -> Path | None:
    """The cache folder in use (read from the environment on each call), or None when it is ``off``."""
    value = os.environ.get(ENV, "").strip()
    if value.lower() == "off":
        return None
    try:
        if value:
            return Path(value).expanduser()
        base = os.environ.get("XDG_CACHE_HOME", "").strip()
        return (Path(base) if base else Path.home() / ".cache") / FOLDER_NAME
    except RuntimeError:  # no home folder to expand "~" into: no cache
        return None


def package_digest(package: Path) -> str:
    """sha256 of the ``.py`` files under ``package`` (their paths and content; ``__pycache__`` and
    symbolic links to folders, such as ``toolkit/_data``, left out)."""
    digest = hashlib.sha256()
    files = []
    for folder, dirs, names in os.walk(package):  # os.walk does not follow symbolic links to folders
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        files += [Path(folder) / n for n in names if n.endswith(".py")]
    for path in sorted(files):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def source_digest() -> str:
    """:func:`package_digest` of the toolkit package, with the versions of Python, numpy, pandas, scikit-learn,
    SciPy and pandera.

    Computed once per process (a few milliseconds): a toolkit edited between two runs keys its fits anew.
    """
    from importlib import metadata

    import numpy
    import pandas

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)   # read from the installed metadata: nothing is imported
        except metadata.PackageNotFoundError:
            return "absent"

    versions = (f"{sys.version_info[:3]} numpy {numpy.__version__} pandas {pandas.__version__} "
                + " ".join(f"{d} {version(d)}" for d in ("scikit-learn", "scipy", "pandera")))  # the fits, the validations
    text = versions + "\n" + package_digest(Path(__file__).resolve().parent)
    return hashlib.sha256(text.encode()).hexdigest()


def entry_key(kind: str, parts: tuple) -> str:
    """sha256 of the sources' digest, the entry's kind and its parts (``repr`` of plain values)."""
    text = f"{_FORMAT}\n{source_digest()}\n{kind}\n{parts!r}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _path(folder: Path, kind: str, key: str) -> Path:
    return folder / f"{kind}-{key}{_SUFFIX}"


def load(kind: str, parts: tuple, expected: type | tuple[type, ...]) -> Any:
    """The cached value of ``kind`` and ``parts`` if it is an instance of ``expected``, else :data:`MISSING`.

    Never raises: a missing, unreadable, corrupt or foreign entry is :data:`MISSING`.
    """
    folder = cache_dir()
    if folder is None:
        return MISSING
    key = entry_key(kind, parts)
    try:
        with open(_path(folder, kind, key), "rb") as fh:
            entry = pickle.load(fh)
    except Exception:  # absent, unreadable, truncated, or made by code that no longer exists
        return MISSING
    if not (isinstance(entry, dict) and entry.get("format") == _FORMAT and entry.get("kind") == kind
            and entry.get("key") == key and isinstance(entry.get("value"), expected)):
        return MISSING
    return entry["value"]


def store(kind: str, parts: tuple, value: Any) -> None:
    """Write ``value`` as the entry of ``kind`` and ``parts`` (atomically); skipped when it cannot be."""
    folder = cache_dir()
    if folder is None:
        return
    key = entry_key(kind, parts)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        payload = pickle.dumps({"format": _FORMAT, "kind": kind, "key": key, "value": value},
                               protocol=pickle.HIGHEST_PROTOCOL)
        replace_file(_path(folder, kind, key), payload)
        _prune(folder)
    except Exception:  # a read-only or full disk, a value that cannot be pickled: no cache, same results
        pass


def _prune(folder: Path) -> None:
    """Keep the :data:`MAX_ENTRIES` most recently written entries."""
    entries = []
    for path in folder.glob(f"*{_SUFFIX}"):
        try:
            entries.append((path.stat().st_mtime_ns, path))
        except OSError:  # removed by another process meanwhile
            continue
    for _, path in sorted(entries, reverse=True)[MAX_ENTRIES:]:
        try:
            path.unlink()
        except OSError:
            pass


def cached(kind: str, parts: tuple, compute: Callable[[], Any], expected: type | tuple[type, ...]) -> Any:
    """The cached value of ``kind`` and ``parts``, else ``compute()`` (then stored).

    ``expected`` is the type (or types) of what ``compute`` returns: an entry of another type is
    ignored.
    """
    value = load(kind, parts, expected)
    if value is MISSING:
        value = compute()
        store(kind, parts, value)
    return value
