"""Writing one file whole or not at all: the shipped tables, the merge tool's output, the model cache.

A helper of the whole package (the foundations layer), as :mod:`toolkit._outdir` is for the exhibit
pack's folder.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["replace_file"]


def _read_umask() -> int:
    mask = os.umask(0)   # the only way to read it; done once, at import, before any thread writes files
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def replace_file(path, data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` atomically: into a temporary file beside it, then
    one rename, so a reader sees the old file or the new one, never a part. Returns the path.

    The file gets ordinary permissions (0666 less the umask); the temporary file is removed when
    writing fails.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "table.csv"
    >>> replace_file(out, "a,b").read_text()
    'a,b'
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path
