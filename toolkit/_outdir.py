"""The output folder of an exhibit pack: checked before any work, replaced without a gap.

``python -m toolkit assess MATTER --out DIR`` and the dashboard's export go through here, and
:func:`toolkit.exhibits.write_pack` moves its finished pack into place with :func:`install`:

- :func:`check_out` runs first (before the assessment) and refuses, as an
  :class:`~toolkit.InputError`, a DIR under a regular file, in a folder that cannot be written,
  a non-empty DIR without ``force``, and with ``force`` anything but an earlier exhibit pack
  (a folder holding the pack's ``MANIFEST.sha256`` and only the files it lists);
- a symbolic link DIR is followed: the pack goes into the link's target and the link stays;
- :func:`staging` gives a private work folder ``.DIR.partial-XXXX`` beside DIR, and
  :func:`install` moves the finished pack into place: a new DIR by one rename; an earlier pack by
  an atomic exchange where the system has one (Linux ``renameat2``), so DIR always holds a
  complete pack; elsewhere by two renames, with the old pack kept as ``.DIR.old-XXXX`` until
  the new one is in place;
- :func:`clean_stale` removes ``.DIR.partial-*`` and ``.DIR.old-*`` left by a killed run, and
  puts an earlier pack back if a run was killed between the two renames.
"""
from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from pathlib import Path

from .errors import InputError

__all__ = ["MANIFEST", "resolve_out", "check_out", "clean_stale", "staging", "install", "is_pack"]

MANIFEST = "MANIFEST.sha256"


def resolve_out(out) -> Path:
    """The folder a pack for ``out`` goes into: absolute, with a symbolic link followed."""
    if not isinstance(out, (str, os.PathLike)) or not str(out).strip():
        raise InputError("--out", out, "a folder path")
    path = Path(out).expanduser()
    path = Path(os.path.abspath(path))
    if path.is_symlink():
        target = path.resolve()
        if not target.exists() and not target.parent.is_dir():
            raise InputError("--out", str(out), "a folder, or a link to one",
                             f"the link points to {target}, whose folder does not exist")
        return target
    return path


def _listed(folder: Path) -> set[str] | None:
    """Names listed in ``folder``'s pack manifest, or None when it is not a pack."""
    manifest = folder / MANIFEST
    if not manifest.is_file() or manifest.is_symlink():
        return None
    names = set()
    try:
        for line in manifest.read_text(encoding="utf-8").splitlines():
            digest, sep, name = line.partition("  ")
            if not sep or len(digest) != 64 or not name or "/" in name:
                return None
            names.add(name)
    except (OSError, UnicodeDecodeError):
        return None
    return names


def is_pack(folder) -> bool:
    """True if ``folder`` is an exhibit pack: its manifest lists every file in it (and nothing else is there).

    >>> import tempfile
    >>> is_pack(tempfile.mkdtemp())
    False
    """
    folder = Path(folder)
    names = _listed(folder)
    if names is None:
        return False
    return {p.name for p in folder.iterdir()} <= names | {MANIFEST}


def check_out(out, force: bool) -> Path:
    """Check the output folder before any work; return the folder the pack will be written to.

    Parameters
    ----------
    out : str or path-like
        The requested folder (``--out``).
    force : bool
        Replace an earlier exhibit pack in ``out``.

    Returns
    -------
    pathlib.Path
        Absolute path of the folder (a symbolic link's target).

    Raises
    ------
    toolkit.InputError
        ``out`` is a file or under one; its folder does not exist or cannot be written; it is
        not empty (without ``force``); or, with ``force``, it is not an earlier exhibit pack.
    """
    path = resolve_out(out)
    shown = str(out)
    for parent in [path, *path.parents]:
        if parent.exists():
            if not parent.is_dir():
                what = "is a file" if parent == path else f"is under the file {parent}"
                raise InputError("--out", shown, "a folder (new or empty) whose parents are folders", f"it {what}")
            break
    parent = path.parent
    if not parent.is_dir():
        raise InputError("--out", shown, "a folder inside an existing folder",
                         f"{parent} does not exist; create it first")
    probe = None
    try:
        probe = tempfile.mkdtemp(prefix=f".{path.name}.partial-", dir=parent)
    except OSError as exc:
        raise InputError("--out", shown, "a folder you can write to",
                         f"cannot create files in {parent} ({exc.strerror or exc})") from None
    finally:
        if probe:
            os.rmdir(probe)
    if path.is_dir():
        entries = sorted(p.name for p in path.iterdir())
        if entries:
            if not force:
                sample = ", ".join(entries[:5]) + (", ..." if len(entries) > 5 else "")
                raise InputError("--out", shown, "a new or empty folder (pass --force to replace an earlier "
                                 "exhibit pack)", f"it already holds {len(entries)} entries: {sample}")
            names = _listed(path)
            if names is None:
                raise InputError("--out", shown, "with --force, an earlier exhibit pack (a folder with its "
                                 f"{MANIFEST})", "refusing to replace a folder that is not an exhibit pack")
            foreign = [e for e in entries if e not in names and e != MANIFEST]
            if foreign:
                sample = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
                raise InputError("--out", shown, "with --force, an exhibit pack holding only the files its "
                                 f"{MANIFEST} lists", f"it also holds {sample}; move them out first")
        if not os.access(path, os.W_OK | os.X_OK):
            raise InputError("--out", shown, "a folder you can write to", "permission denied")
    return path


def clean_stale(path: Path) -> list[Path]:
    """Remove the work folders a killed run left beside ``path``; returns what was removed.

    ``.NAME.partial-*`` folders are removed. An ``.NAME.old-*`` folder is an earlier pack moved
    aside: it is put back when ``path`` is missing (a run killed between the two renames), and
    removed otherwise.
    """
    removed: list[Path] = []
    parent = path.parent
    if not parent.is_dir():
        return removed
    for entry in sorted(parent.glob(f".{path.name}.old-*")):
        if not entry.is_dir() or entry.is_symlink():
            continue
        if not path.exists() and not path.is_symlink() and is_pack(entry):
            os.rename(entry, path)
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    for entry in sorted(parent.glob(f".{path.name}.partial-*")):
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def staging(path: Path) -> Path:
    """A new private work folder ``.NAME.partial-XXXX`` beside ``path`` (removed by :func:`install`)."""
    return Path(tempfile.mkdtemp(prefix=f".{path.name}.partial-", dir=path.parent))


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    rc = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return rc == 0


def install(pack: Path, path: Path, work: Path) -> None:
    """Move the finished ``pack`` folder to ``path`` and remove the work folder ``work``.

    A new ``path`` is one rename. An existing one (empty, or an earlier pack checked by
    :func:`check_out`) is swapped atomically where the system allows, so ``path`` always holds a
    complete pack; otherwise it is moved aside to ``.NAME.old-XXXX`` first and removed after.
    """
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(pack, 0o777 & ~mask)
    try:
        if not path.exists():
            os.rename(pack, path)
        elif _exchange(pack, path):
            pass  # ``pack`` now holds the earlier contents, removed with ``work``
        else:
            backup = Path(tempfile.mkdtemp(prefix=f".{path.name}.old-", dir=path.parent))
            backup.rmdir()
            os.rename(path, backup)
            try:
                os.rename(pack, path)
            except BaseException:
                os.rename(backup, path)
                raise
            shutil.rmtree(backup, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def write_into(out, force: bool, write) -> list[Path]:
    """Write a pack into the folder ``out`` through a private work folder; nothing half-done is left.

    Parameters
    ----------
    out : str or path-like
        The destination folder (checked by :func:`check_out`).
    force : bool
        Replace an earlier exhibit pack.
    write : callable
        ``write(folder)`` writes the whole pack into the new folder ``folder`` and returns the
        paths written (e.g. :func:`toolkit.exhibits.write_pack`).

    Returns
    -------
    list of Path
        The files of the pack, under ``out``.
    """
    path = resolve_out(out)
    clean_stale(path)
    path = check_out(out, force)
    work = staging(path)
    try:
        files = write(work / "pack")
        check_out(out, force)  # nothing appeared in the meantime
        install(work / "pack", path, work)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return sorted(path / Path(f).name for f in files)
