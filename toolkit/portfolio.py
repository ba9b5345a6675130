"""Portfolios of matters: :func:`assess_many` scores many Cases, on one core, several, or a Dask cluster.

An insurer or a claims team holds many matters at once. :func:`assess_many` runs the part of
:func:`toolkit.assess` that makes the headline (:func:`toolkit.assess.headline`: liability, damages,
regulatory exposure, structural ratios and the calibrated ranges) on each one, so every row is
exactly what ``assess`` says for that matter, and skips what the row does not show (the stage tree,
the market check, the comparables and the tables). A row holds the matter's name, the probability
that negligence is found, and for every track of :attr:`toolkit.Assessment.outcome_ranges` the
probability that it happens and the low, median and high of its amount.

What is shared across matters rather than redone: the Monte Carlo draws (one
:class:`~toolkit.litigation.Draws` per batch, the same numbers ``assess`` would draw for that seed)
and the fitted models (fitted once per process and cached). Parallel runs go through
joblib: ``n_jobs`` processes on this machine, or ``backend="dask"`` to spread the batches over the
workers of a ``dask.distributed`` cluster (``pip install "breach-liability-toolkit[dask]"``).

Scoring 100,000 matters from a table
------------------------------------
::

    from dask.distributed import Client
    import toolkit as tk
    from toolkit.datasets import read_matters

    cases = read_matters("matters.parquet")          # or .csv; bad rows are named (row, field)
    client = Client("tcp://scheduler:8786")          # or Client() for the cores of this machine
    scores = tk.assess_many(cases, seed=0, n_paths=20_000, backend="dask")
    scores.to_csv("scores.csv", index=False)

Each worker fits the models once (about a second) and then scores its batches; the result comes
back in the order of ``cases``.
"""
from __future__ import annotations

import math
from typing import Iterable, Sequence

__all__ = ["assess_many"]

#: Batches of a parallel run: at least this many matters each, so that the per-task overhead
#: (pickling, scheduling) stays small next to the ~10-30 ms of one assessment.
MIN_BATCH = 8

#: From this many matters on, a progress bar is shown unless ``progress=False``.
PROGRESS_FROM = 100

_BACKENDS = (None, "loky", "multiprocessing", "threading", "dask")


def _check(cases, seed, n_paths, n_jobs, backend, progress) -> list:
    from .case import Case
    from .errors import InputError

    if isinstance(cases, Case):
        raise InputError("cases", "a single Case", "a list of toolkit.Case (use tk.assess for one matter)")
    try:
        cases = list(cases)
    except TypeError:
        raise InputError("cases", type(cases).__name__, "a list of toolkit.Case") from None
    for i, case in enumerate(cases):
        if not isinstance(case, Case):
            raise InputError(f"cases[{i}]", type(case).__name__,
                             "a toolkit.Case (read a table of matters with toolkit.datasets.read_matters)")
    for name, value, low, high in (("seed", seed, 0, 2**63 - 1), ("n_paths", n_paths, 1_000, 20_000_000)):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InputError(name, value, f"a whole number between {low:,} and {high:,}")
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0:
        raise InputError("n_jobs", n_jobs, "a whole number: 1 (serial), k > 1 workers, or -1 (all cores or workers)")
    if backend not in _BACKENDS:
        raise InputError("backend", backend, "one of " + ", ".join(repr(b) for b in _BACKENDS))
    if progress not in (None, True, False):
        raise InputError("progress", progress, "None (automatic), True or False")
    return cases


def _row(case, h) -> dict:
    """The headline numbers of one matter, flat: name, p_liability, <track>_probability/_low/_median/_high."""
    row = {"name": case.name, "p_liability": float(h.liability.probability)}
    ranges = h.ranges
    columns = {column: ranges[column].to_numpy() for column in ("probability", "low", "median", "high")}
    for i, track in enumerate(ranges.index):
        for column, values in columns.items():
            row[f"{track}_{column}"] = float(values[i])
    return row


def _score_batch(cases: Sequence, seed: int, n_paths: int) -> list[dict]:
    """Assess each matter of a batch (one set of draws for the batch) and keep its headline row."""
    draws = _draws(seed, n_paths)
    return [_score_one(case, draws) for case in cases]


def _batches(n: int, workers: int) -> list[range]:
    size = max(MIN_BATCH, math.ceil(n / max(1, 4 * workers)))
    return [range(start, min(start + size, n)) for start in range(0, n, size)]


def _dask_workers() -> int:
    try:
        from distributed import get_client
    except ImportError:
        from .errors import InputError

        raise InputError("backend", "dask", "a backend whose package is installed: dask[distributed] is not "
                         "(pip install 'breach-liability-toolkit[dask]')") from None
    try:
        client = get_client()
    except ValueError:
        from .errors import InputError

        raise InputError("backend", "dask", "a running dask.distributed Client: start one first, e.g. "
                         "client = Client('tcp://scheduler:8786') or Client() for this machine") from None
    return max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info().get("workers", {}).values()))


def assess_many(cases: Iterable, *, seed: int = 0, n_paths: int = 20_000, n_jobs: int = 1, backend: str | None = None,
                progress: bool | None = None):
    """Assess many matters: one row of headline numbers per matter, in order.

    Row ``i`` equals ``toolkit.assess(cases[i], seed=seed, n_paths=n_paths)`` exactly, however
    the work is spread: serially, over ``n_jobs`` local processes, or over a Dask cluster.

    Parameters
    ----------
    cases : iterable of Case
        The matters (for a CSV or Parquet table of matters, see
        :func:`toolkit.datasets.read_matters`).
    seed : int, default=0
        Seed of every matter's draws (each matter is assessed with this seed, as ``assess`` would).
    n_paths : int, default=20_000
        Monte Carlo paths per matter.
    n_jobs : int, default=1
        1 runs in this process; ``k > 1`` runs ``k`` workers through joblib; -1 uses every core
        (or, with ``backend="dask"``, every worker thread of the cluster). Each worker process fits
        the models once, so parallel runs pay off from a few hundred matters on.
    backend : {None, "loky", "multiprocessing", "threading", "dask"}, default=None
        The joblib backend when ``n_jobs != 1``: None is joblib's default (processes), or the backend
        of an enclosing ``joblib.parallel_config`` (such as ``parallel_config(backend="dask")``).
        ``"dask"`` sends the batches to the workers of the current ``dask.distributed.Client``
        (needs the ``dask`` extra and a running client; ``n_jobs=1`` then means every worker).
    progress : bool, optional
        Show a tqdm progress bar; by default from 100 matters on.

    Returns
    -------
    pandas.DataFrame
        One row per matter, in the order of ``cases``: ``name``, ``p_liability`` and, for each track
        of :attr:`~toolkit.Assessment.outcome_ranges` (``class_settlement``, ``regulatory_fine``,
        ``ag_settlement``), ``<track>_probability``, ``<track>_low``, ``<track>_median`` and
        ``<track>_high`` (USD).

    See Also
    --------
    toolkit.assess : one matter, with every table and plot.
    toolkit.datasets.read_matters : a CSV or Parquet table of matters as Cases.

    Examples
    --------
    >>> import toolkit as tk
    >>> from toolkit.datasets import load_matter
    >>> cases = [load_matter("capital_one_2019"), load_matter("teaching_open_elasticsearch")]
    >>> scores = tk.assess_many(cases, seed=0, n_paths=20_000)
    >>> list(scores["name"]) == [c.name for c in cases]
    True
    >>> list(scores.columns[:4])
    ['name', 'p_liability', 'class_settlement_probability', 'class_settlement_low']
    >>> one = tk.assess(cases[1], seed=0, n_paths=20_000).outcome_ranges
    >>> float(scores.loc[1, "class_settlement_median"]) == float(one.loc["class_settlement", "median"])
    True
    """
    import pandas as pd

    cases = _check(cases, seed, n_paths, n_jobs, backend, progress)
    n = len(cases)
    show = progress if progress is not None else n >= PROGRESS_FROM
    bar = None
    if show:
        from tqdm.auto import tqdm

        bar = tqdm(total=n, desc="assessing matters", unit="matter")
    rows: list[dict] = []
    try:
        if n_jobs == 1 and backend is None:
            draws = _draws(seed, n_paths)
            for case in cases:
                rows.append(_score_one(case, draws))
                if bar is not None:
                    bar.update(1)
        else:
            rows = _run_parallel(cases, seed, n_paths, n_jobs, backend, bar)
    finally:
        if bar is not None:
            bar.close()
    frame = pd.DataFrame(rows)
    if not len(frame):
        frame = pd.DataFrame(columns=["name", "p_liability"])
    return frame.reset_index(drop=True)


def _draws(seed: int, n_paths: int):
    """One set of draws for many matters (the numbers ``assess`` draws for this seed)."""
    from .litigation import Draws

    return Draws.make(n_paths, seed)


def _score_one(case, draws) -> dict:
    """The row of one matter: the headline ``assess`` computes (:func:`toolkit.assess.headline`), without
    the stage tree, the market check and the tables it does not need."""
    from .assess import headline

    return _row(case, headline(case, draws))


def _run_parallel(cases: list, seed: int, n_paths: int, n_jobs: int, backend: str | None, bar) -> list[dict]:
    import joblib

    if backend == "dask":
        workers = _dask_workers()
        jobs = -1 if n_jobs == 1 else n_jobs
        context = joblib.parallel_config(backend="dask")
    else:
        workers = joblib.cpu_count() if n_jobs < 0 else n_jobs
        jobs = n_jobs
        context = joblib.parallel_config(backend=backend) if backend is not None else _null_context()
    batches = _batches(len(cases), workers)
    rows: list[dict] = []
    with context:
        parallel = joblib.Parallel(n_jobs=jobs, return_as="generator")
        results = parallel(joblib.delayed(_score_batch)([cases[i] for i in batch], seed, n_paths)
                           for batch in batches)
        for batch, batch_rows in zip(batches, results):
            rows.extend(batch_rows)
            if bar is not None:
                bar.update(len(batch))
    return rows


def _null_context():
    import contextlib

    return contextlib.nullcontext()
