"""The README's papermill line works as written, run from the repository root."""
from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_readme_papermill_line_runs_from_the_repository_root():
    pytest.importorskip("papermill")
    text = (REPO / "README.md").read_text(encoding="utf-8")
    lines = re.findall(r"`(papermill [^`]+)`", text)
    assert len(lines) == 1, lines
    argv = shlex.split(lines[0])
    out = REPO / argv[2]
    if out.exists():
        pytest.fail(f"{out} exists already; remove it first (this test writes and removes it)")
    try:
        proc = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, timeout=900)
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert out.is_file()
    finally:
        out.unlink(missing_ok=True)
