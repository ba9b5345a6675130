"""The architecture, checked (in the spirit of chainladder's ``test_architecture``).

- every module under ``toolkit/`` appears in ``ARCHITECTURE.md``, at its place in the tree;
- no module imports upward: foundations -> data -> models -> assessment -> presentation;
- no private name (``_x``, or anything inside a ``_x`` module) is imported across a package boundary.

Imports are read from the source (``ast``), lazy imports inside functions included.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "toolkit"

#: The layers, lowest first; a module may import its own layer and the layers below it. The most
#: specific key wins (``toolkit.calibration.backtest`` runs ``assess`` end to end, so it sits with
#: the assessment although the rest of ``calibration`` is a model).
LAYERS = {
    "toolkit.vocab": 0, "toolkit.errors": 0, "toolkit.case": 0, "toolkit.summary": 0, "toolkit._matter_spec": 0, "toolkit._files": 0, "toolkit._cache": 0,
    "toolkit.datasets": 1,
    "toolkit.liability": 2, "toolkit.damages": 2, "toolkit.litigation": 2, "toolkit.regimes": 2,
    "toolkit.calibration": 2,
    "toolkit.assess": 3, "toolkit.portfolio": 3, "toolkit.calibration.backtest": 3,
    "toolkit.plotting": 4, "toolkit.exhibits": 4, "toolkit.widgets": 4, "toolkit.teaching": 4, "toolkit.cli": 4,
    "toolkit.__main__": 4, "toolkit._outdir": 4, "toolkit.compare": 4,
}
LAYER_NAMES = ("foundations", "data", "models", "assessment", "presentation")

#: The one sanctioned upward call: a result's ``plot_*`` method hands itself to ``toolkit.plotting``
#: (lazily, inside the method), as a lifelines fitter's ``.plot()`` calls ``lifelines.plotting``.
#: The models never import presentation code at module level.
#: Display and export follow the same pattern (as a DataFrame's ``to_excel`` hands itself to pandas'
#: io): ``_repr_html_``, ``to_frame``, ``to_csv`` and ``to_excel`` delegate to ``toolkit.exhibits``.
DELEGATES_TO = {"toolkit.plotting": re.compile(r"^(plot(_\w+)?)$"),
                "toolkit.exhibits": re.compile(r"^(_repr_html_|to_frame|to_csv|to_excel)$")}


def _modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out.append((name, path))
    return out


MODULES = _modules()


def layer_of(module: str) -> int | None:
    best = None
    for key, layer in LAYERS.items():
        if (module == key or module.startswith(key + ".")) and (best is None or len(key) > len(best[0])):
            best = (key, layer)
    return None if best is None else best[1]


def _imports(module: str, path: Path):
    """(target module, imported names, enclosing function names, line) for each toolkit import."""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def visit(node, funcs):
        for child in ast.iter_child_nodes(node):
            inner = funcs + [child.name] if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else funcs
            if isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package[: len(package) - child.level + 1]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                if target.split(".")[0] == "toolkit":
                    found.append((target, [a.name for a in child.names], funcs, child.lineno))
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.split(".")[0] == "toolkit":
                        found.append((alias.name, [], funcs, child.lineno))
            visit(child, inner)

    visit(tree, [])
    return found


def _boundary(module: str) -> str:
    """The package a module belongs to for the private-name rule: ``toolkit.<first part>``."""
    return ".".join(module.split(".")[:2])


def test_every_module_has_a_layer():
    missing = [m for m, _ in MODULES if m != "toolkit" and layer_of(m) is None]
    assert not missing, f"give these modules a layer in tests/test_architecture.py and ARCHITECTURE.md: {missing}"


@pytest.mark.parametrize("module,path", MODULES, ids=[m for m, _ in MODULES])
def test_no_upward_imports(module, path):
    if module == "toolkit":  # the package root re-exports the entry points
        return
    own = layer_of(module)
    bad = []
    for target, names, funcs, line in _imports(module, path):
        targets = [target] + [f"{target}.{n}" for n in names]
        layer = max((layer_of(t) for t in targets if layer_of(t) is not None), default=None)
        if target == "toolkit":
            layer = max((layer_of(f"toolkit.{n}") or 0 for n in names), default=0)
        if layer is None or own is None or layer <= own:
            continue
        rule = DELEGATES_TO.get(target) or DELEGATES_TO.get(_boundary(target))
        if rule is not None and funcs and rule.match(funcs[-1]):
            continue
        bad.append(f"line {line}: {target} {names} ({LAYER_NAMES[layer]} above {LAYER_NAMES[own]})")
    assert not bad, f"{module} imports upward: " + "; ".join(bad)


def _owner(target: str, name: str | None) -> str | None:
    """The package a private thing belongs to, or None if ``target.name`` is public.

    ``toolkit.liability._tables`` (and anything in it) belongs to ``toolkit.liability``; a private
    name ``_x`` of ``toolkit.widgets.view`` belongs to ``toolkit.widgets``; ``toolkit._outdir``
    belongs to ``toolkit`` itself (a helper every module of the package may use).
    """
    parts = target.split(".") + ([name] if name else [])
    for i, part in enumerate(parts[1:], 1):
        if part.startswith("_") and not part.startswith("__"):
            package = parts[:i]
            if i == len(parts) - 1 and name and len(package) >= 2 and not _is_package(".".join(package)):
                package = package[:-1]  # a private name of a module belongs to the module's package
            return ".".join(package)
    return None


def _is_package(module: str) -> bool:
    return (ROOT.joinpath(*module.split(".")) / "__init__.py").is_file()


@pytest.mark.parametrize("module,path", MODULES, ids=[m for m, _ in MODULES])
def test_no_private_names_cross_a_package_boundary(module, path):
    bad = []
    for target, names, _, line in _imports(module, path):
        for name in names or [None]:
            owner = _owner(target, name)
            if owner is not None and not (module == owner or module.startswith(owner + ".")):
                bad.append(f"line {line}: {target} {name or ''} (private to {owner})")
    assert not bad, f"{module} imports private names of another package: " + "; ".join(bad)


# --------------------------------------------------------------------------- ARCHITECTURE.md
def _documented_tree() -> set[str]:
    """Module paths (``toolkit/liability/duty.py``) listed in the tree block of ARCHITECTURE.md."""
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    block = re.search(r"```\n(toolkit/\n.*?)```", text, re.S)
    assert block, "ARCHITECTURE.md has a ``` block starting with the toolkit/ tree"
    paths, stack = set(), []
    for line in block.group(1).splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent == 0 and not line.startswith("toolkit/"):
            break  # data/, notebooks/, ... : the rest of the repository
        names = []
        for token in line.split():  # "a.py, b.py   what they do": the names, then the description
            names.append(token.rstrip(","))
            if not token.endswith(","):
                break
        depth = indent // 2
        stack = stack[:depth]
        for name in names:
            if name.endswith("/"):
                stack.append(name)
                paths.add("".join(stack))
            elif name.endswith(".py"):
                paths.add("".join(stack) + name)
    return paths


def test_every_module_appears_in_architecture_md():
    documented = _documented_tree()
    files = {str(p.relative_to(ROOT)).replace("\\", "/") for _, p in MODULES}
    # a subpackage's __init__.py is documented by its folder line; toolkit/__init__.py by its own line
    entries = {f[: -len("__init__.py")] if f.endswith("/__init__.py") and f != "toolkit/__init__.py" else f
               for f in files}
    missing = sorted(f for f in entries if f not in documented)
    assert not missing, f"add these modules to the ARCHITECTURE.md tree: {missing}"
    stale = sorted(p for p in documented if p.endswith(".py") and p not in files)
    assert not stale, f"ARCHITECTURE.md lists modules that do not exist: {stale}"


def test_architecture_md_states_the_layers():
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for name in LAYER_NAMES:
        assert name in text.lower(), name
    for heading in ("regime", "control", "outcome type", "model", "exhibit"):
        assert re.search(rf"new {heading}", text, re.I), f"ARCHITECTURE.md says where a new {heading} goes"
