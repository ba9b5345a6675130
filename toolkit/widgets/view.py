"""The view behind :class:`~toolkit.widgets.CaseExplorer`: an Assessment drawn into four figures.

:class:`AssessmentView` keeps one matplotlib ``Figure`` per panel (``liability``, ``damages``,
``fault``, ``settlement``). The first draw builds each panel's artists; later draws update them
in place (bar extents, step heights, span edges, texts), as mpl-interactions does, and redraw
only the panels whose numbers changed. The log axes of the damages and settlement panels keep
their limits while the numbers still fit them (:func:`_sticky`), so most updates redraw only the
data on a cached background. :func:`draw_assessment` draws an Assessment from scratch
with the same code, so a test can check that an updated view equals a fresh drawing.

The figures are plain ``matplotlib.figure.Figure`` objects with an Agg canvas: no pyplot, no
GUI, no global state. :func:`render_png` turns one into PNG bytes for an ``ipywidgets.Image``.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import numpy as np

from ..plotting.png import encode_png

__all__ = ["PANELS", "PIXEL_RATIO", "AssessmentView", "draw_assessment", "render_png", "figure_pixels", "panel_data"]

#: The panels of the dashboard, in display (and exhibit) order.
PANELS = ("liability", "damages", "fault", "settlement")

TITLES = {
    "liability": "Liability: how each factor moved the probability",
    "damages": "Damages breakdown",
    "fault": "Allocation of fault",
    "settlement": "Settlement distribution, bargaining zone and market check",
}

#: Device-pixel ratio of the PNGs the dashboard shows: each figure is rendered at twice its CSS size,
#: so charts stay crisp on high-density screens and when the browser zooms.
PIXEL_RATIO = 2

_STYLE = Path(__file__).resolve().parents[1] / "exhibits" / "exhibit.mplstyle"
_DYN = 6  # zorder of the artists that change: drawn after axes, ticks and spines, so blitting them
          # onto the cached background gives the same pixels as a full draw
_BACKGROUNDS = 12  # backgrounds kept per panel (one per distinct set of axis limits and labels)
_COLORS = {"up": "#d1495b", "down": "#66a182", "base": "#9aa9bd", "total": "#2e4057"}


def _usd(value: float) -> str:
    from ..plotting import usd

    return usd(value)


@functools.lru_cache(maxsize=1)
def _rc() -> dict:
    """The exhibit style (read once) with the dashboard's pixel density."""
    import matplotlib as mpl

    rc = dict(mpl.rc_params_from_file(str(_STYLE), use_default_template=False)) if _STYLE.is_file() else {}
    rc.update({"figure.dpi": 72 * PIXEL_RATIO, "savefig.dpi": 72 * PIXEL_RATIO, "axes.titlesize": 10,
               "axes.titlelocation": "left"})
    return rc


def _style():
    import matplotlib as mpl

    return mpl.rc_context(rc=_rc())


def _new_figure(figsize):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=72 * PIXEL_RATIO)
    FigureCanvasAgg(fig)
    return fig


# --------------------------------------------------------------------------- panel data (pure)
def panel_data(result) -> dict:
    """The numbers each panel shows, as plain tuples (also the per-panel change signature).

    Returns ``{panel: dict}``; a panel is redrawn only when its entry changes.
    """
    liab = result.liability
    wf = liab.waterfall
    starts, widths, kinds = [], [], []
    prev = 0.0
    for i, row in enumerate(wf.itertuples()):
        if i == 0:
            starts.append(0.0)
            widths.append(float(row.probability))
            kinds.append("base")
        else:
            starts.append(prev)
            widths.append(float(row.delta))
            kinds.append("up" if row.delta > 0 else "down")
        prev = float(row.probability)
    liability = {
        "labels": tuple(wf["step"]) + ("P(liable at trial)",),
        "starts": tuple(starts) + (0.0,),
        "widths": tuple(widths) + (float(liab.probability),),
        "kinds": tuple(kinds) + ("total",),
        "probability": float(liab.probability),
        "p_survive_dismissal": float(liab.p_survive_dismissal),
    }
    dmg = result.damages
    reg = result.penalties  # statutory class claims (CCPA, BIPA) are not penalties
    reg_band = tuple(float(reg[k].sum()) if len(reg) else 0.0 for k in ("low", "median", "high"))
    damages = {
        "labels": tuple(str(c) for c in dmg["component"]) + ("Regulatory penalties if imposed (all regimes)",),
        "low": tuple(float(v) for v in dmg["low"]) + (reg_band[0],),
        "median": tuple(float(v) for v in dmg["median"]) + (reg_band[1],),
        "high": tuple(float(v) for v in dmg["high"]) + (reg_band[2],),
    }
    f = result.fault
    rule = getattr(liab, "rule", None)
    fault = {
        "parties": tuple(str(p) for p in f["party"]),
        "share": tuple(float(v) for v in f["share"]),
        "payable": tuple(float(v) for v in f["payable_share"]),
        "rule": f"{rule.jurisdiction}: {rule.describe()}" if rule is not None else "",
        "defendant_share": float(liab.defendant_payable_share),
    }
    s = result.settlement
    award = result._sim.award if result._sim is not None else np.array([])
    market = None
    if result.market_check is not None:
        market = tuple(float(result.market_check[k]) for k in ("low", "median", "high"))
    settlement = {
        "award_sum": float(award.sum()) if award.size else 0.0,
        "award_n": int(award.size),
        "zone": (float(s.zone_low), float(s.zone_high)),
        "range": (float(s.low), float(s.median), float(s.high)),
        "market": market,
        "p_zero": float(result.simulation["p_zero_recovery"]),
    }
    return {"liability": liability, "damages": damages, "fault": fault, "settlement": settlement}


# --------------------------------------------------------------------------- panels
class _Liability:
    figsize = (6.6, 3.4)

    def build(self, fig, data):
        ax = fig.add_axes((0.40, 0.14, 0.56, 0.83))
        n = len(data["labels"])
        y = np.arange(n)
        self.bars = ax.barh(y, np.zeros(n), left=np.zeros(n), height=0.7, zorder=_DYN)
        # one value label, on the total (the moves are in the caption): text is what an update pays for
        self.total_text = ax.text(0.0, n - 1, "", va="center", ha="left", fontsize=8.5, color="#222222",
                                  zorder=_DYN)
        ax.set_yticks(y)
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(0, 1)
        ax.tick_params(axis="y", labelsize=8.5)
        ax.set_xlabel("probability the defendant is found liable in negligence")
        ax.grid(axis="y", visible=False)
        self.ax = ax

    def dynamic(self):
        return [*self.bars, self.total_text]

    def update(self, fig, data):
        self.bg_key = tuple(data["labels"])
        for bar, start, width, kind in zip(self.bars, data["starts"], data["widths"], data["kinds"]):
            bar.set_x(start)
            bar.set_width(width)
            bar.set_facecolor(_COLORS[kind])
        total = data["widths"][-1]
        self.total_text.set_text(f"{total:.1%}")
        self.total_text.set_x(min(total + 0.01, 0.9))
        self.ax.set_yticklabels(data["labels"])
        moves = sorted(((w, label) for label, w, kind in zip(data["labels"], data["widths"], data["kinds"])
                        if kind in ("up", "down") and abs(w) >= 0.0005), key=lambda m: -abs(m[0]))[:3]
        largest = "; ".join(f"{label} {w:+.1%}" for w, label in moves)
        self.caption = (f"P(liable at trial) = {data['probability']:.1%} · "
                        f"P(survive dismissal) = {data['p_survive_dismissal']:.1%}"
                        + (f" · largest moves: {largest}" if largest else ""))


class _Damages:
    figsize = (6.6, 3.0)

    def build(self, fig, data):
        ax = fig.add_axes((0.40, 0.17, 0.56, 0.80))
        n = len(data["labels"])
        y = np.arange(n)
        self.bars = ax.barh(y, np.ones(n), left=np.ones(n), height=0.55, color="#9aa9bd", zorder=_DYN)
        (self.medians,) = ax.plot(np.ones(n), y, linestyle="none", marker="|", markersize=14, color="#2e4057",
                                  label="median", zorder=_DYN)
        ax.set_xscale("log")
        ax.set_yticks(y)
        ax.set_ylim(n - 0.5, -0.5)
        ax.tick_params(axis="y", labelsize=8.5)
        ax.set_xlabel("USD (log scale): bar = low to high, mark = median")
        ax.grid(axis="y", visible=False)
        from matplotlib.ticker import FuncFormatter

        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _usd(v)))
        _quiet_minor(ax.xaxis)
        self.ax = ax

    def dynamic(self):
        return [*self.bars, self.medians]

    def update(self, fig, data):
        positive = [v for v in data["low"] + data["median"] + data["high"] if v > 0]
        floor = _decade_floor(max(min(positive) / 10, 1.0) if positive else 1.0)
        top = _decade_ceil(max(positive) * 2 if positive else 10.0)
        floor, top = _sticky(getattr(self, "xlim", None), (floor, top), slack=100.0)
        self.xlim = (floor, top)
        for bar, lo, hi in zip(self.bars, data["low"], data["high"]):
            lo, hi = max(lo, floor), max(hi, floor)
            bar.set_x(lo)
            bar.set_width(hi - lo)
        self.medians.set_xdata([max(m, floor) for m in data["median"]])
        labels = [label if len(label) <= 40 else label[:38] + "…" for label in data["labels"]]
        self.bg_key = (tuple(labels), floor, top)
        self.ax.set_yticklabels(labels)
        self.ax.set_xlim(floor, top)
        total = data["median"][-3] if len(data["median"]) >= 3 else 0.0
        cls = data["median"][-2] if len(data["median"]) >= 2 else 0.0
        self.caption = (f"Medians: breach costs {_usd(total)} · class damages {_usd(cls)} · "
                        f"regulatory penalties if imposed {_usd(data['median'][-1])}")


class _Fault:
    figsize = (6.6, 2.8)

    def build(self, fig, data):
        ax = fig.add_axes((0.10, 0.24, 0.86, 0.72))
        n = len(data["parties"])
        x = np.arange(n)
        self.share = ax.bar(x - 0.2, np.zeros(n), width=0.4, color="#2e4057", label="share of fault", zorder=_DYN)
        self.payable = ax.bar(x + 0.2, np.zeros(n), width=0.4, color="#f2c14e", label="payable share of damages",
                              zorder=_DYN)
        self.texts = [ax.text(i + dx, 0.0, "", ha="center", va="bottom", fontsize=8.5, zorder=_DYN)
                      for i in range(n) for dx in (-0.2, 0.2)]
        ax.set_xticks(x, list(data["parties"]))
        ax.set_ylim(0, 1.12)
        ax.set_ylabel("share")
        fig.legend(handles=[self.share, self.payable], loc="lower right", ncols=2, fontsize=8.5)
        self.ax = ax
        self.bg_key = tuple(data["parties"])

    def dynamic(self):
        return [*self.share, *self.payable, *self.texts]

    def update(self, fig, data):
        values = []
        for bar, v in zip(self.share, data["share"]):
            bar.set_height(v)
        for bar, v in zip(self.payable, data["payable"]):
            bar.set_height(v)
        for s, p in zip(data["share"], data["payable"]):
            values += [s, p]
        for text, v in zip(self.texts, values):
            text.set_text(f"{v:.0%}")
            text.set_y(v + 0.01)
        self.caption = f"Defendant pays {data['defendant_share']:.0%} of the damages · {data['rule']}"


#: The settlement chart's axis spans these quantiles of the recoveries (and every marker).
TAILS = (0.005, 0.995)


class _Settlement:
    figsize = (6.6, 3.3)
    bins = 50

    def build(self, fig, data):
        ax = fig.add_axes((0.12, 0.33, 0.84, 0.64))
        edges = np.geomspace(1.0, 10.0, self.bins + 1)
        self.hist = ax.stairs(np.zeros(self.bins), edges, fill=True, color="#9aa9bd",
                              label="recovery at trial (distribution)", zorder=_DYN)
        self.zone = ax.axvspan(1.0, 2.0, color="#f2c14e", alpha=0.3, label="bargaining zone", zorder=_DYN)
        self.range = ax.axvspan(1.0, 2.0, color="#d1495b", alpha=0.25, label="recommended range", zorder=_DYN)
        self.median = ax.axvline(1.0, color="#d1495b", lw=2, label="recommended median", zorder=_DYN)
        self.market = ax.axvspan(1.0, 2.0, ymin=0.0, ymax=0.07, color="#2e4057", label="market check (comparable settlements)",
                                 zorder=_DYN)
        self.market_median = ax.axvline(1.0, color="#2e4057", ls="--", lw=1.5, zorder=_DYN)
        ax.set_xscale("log")
        from matplotlib.ticker import FuncFormatter

        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _usd(v)))
        ax.set_xlabel("USD, present value (log scale)")
        ax.set_ylabel("paths with a recovery\n(tallest bar = 1)")
        _quiet_minor(ax.xaxis)
        fig.legend(handles=[self.hist, self.zone, self.range, self.median, self.market], loc="lower center",
                   ncols=3, fontsize=8)
        self.ax = ax

    def dynamic(self):
        return [self.hist, self.zone, self.range, self.median, self.market, self.market_median]

    @staticmethod
    def _span(patch, x0, x1):
        patch.set_x(x0)
        patch.set_width(max(x1 - x0, 0.0))

    def update(self, fig, data, award):
        zone_low, zone_high = data["zone"]
        low, med, high = data["range"]
        positive = award[award > 0] if award.size else award
        markers = [v for v in (zone_low, zone_high, low, high) if v > 0]
        if data["market"] is not None:
            markers += [data["market"][0], data["market"][2]]
        # the axis spans the recoveries between their 0.5th and 99.5th percentiles (TAILS), and every
        # marker: a few extreme paths would otherwise stretch it over a dozen decades and move it on
        # nearly every update; the histogram shows the paths inside the axis
        tails = np.quantile(positive, TAILS) if positive.size > 1 else positive
        values = np.concatenate([tails, np.array(markers, dtype=float)]) if markers else tails
        if values.size == 0:
            values = np.array([1.0, 10.0])
        lo = _decade_floor(max(float(values.min()) / 1.5, 1.0))
        hi = _decade_ceil(float(values.max()) * 1.5)
        lo, hi = _sticky(getattr(self, "xlim", None), (lo, hi), slack=100.0)
        self.xlim = (lo, hi)
        edges = np.geomspace(lo, hi, self.bins + 1)
        if positive.size:
            counts, _ = np.histogram(positive, bins=edges)
            heights = counts / max(int(counts.max()), 1)  # relative: the tallest bar is 1, so the y axis never moves
        else:
            heights = np.zeros(self.bins)
        self.hist.set_data(heights, edges)
        top = 1.1
        self.bg_key = (lo, hi, top)
        self.ax.set_xlim(lo, hi)
        self.ax.set_ylim(0, top)
        self.zone.set_visible(zone_high > zone_low)
        self._span(self.zone, max(zone_low, lo), max(zone_high, lo))
        self._span(self.range, max(low, lo), max(high, lo))
        self.median.set_xdata([max(med, lo)] * 2)
        has_market = data["market"] is not None
        self.market.set_visible(has_market)
        self.market_median.set_visible(has_market)
        market = ""
        if has_market:
            m_lo, m_med, m_hi = data["market"]
            self._span(self.market, max(m_lo, lo), max(m_hi, lo))
            self.market_median.set_xdata([max(m_med, lo)] * 2)
            market = f" · market check {_usd(m_lo)}–{_usd(m_hi)}"
        self.caption = (f"Recommended {_usd(low)}–{_usd(high)} (median {_usd(med)}){market} · "
                            f"the class recovers nothing at trial on {data['p_zero']:.0%} of paths")


def _sticky(old, new, *, slack: float):
    """Log-axis limits that stay put while they still fit: ``old`` if it contains ``new`` and is at
    most ``slack`` times wider (as a ratio), else ``new`` widened by half a decade each side. Fewer
    axis changes mean the cached background is reused, so an update redraws only the data."""
    if old is None:
        return new
    (o_lo, o_hi), (n_lo, n_hi) = old, new
    if o_lo <= n_lo and n_hi <= o_hi and (o_hi / o_lo) <= slack * (n_hi / n_lo):
        return old
    # moved: widen by half a decade each side, so that the next small moves still fit
    return (_decade_floor(n_lo / 10 ** 0.5), _decade_ceil(n_hi * 10 ** 0.5))


def _quiet_minor(axis):
    from matplotlib.ticker import NullFormatter, NullLocator

    axis.set_minor_locator(NullLocator())
    axis.set_minor_formatter(NullFormatter())


def _decade_floor(v: float) -> float:
    """Largest half-decade (1, 3.16, 10, ...) <= v: axis limits that move only now and then."""
    return float(10 ** (np.floor(np.log10(v) * 2) / 2))


def _decade_ceil(v: float) -> float:
    return float(10 ** (np.ceil(np.log10(v) * 2) / 2))


_PANEL_CLASSES: dict[str, Any] = {"liability": _Liability, "damages": _Damages, "fault": _Fault, "settlement": _Settlement}


def _structure(name: str, data: dict):
    """What fixes a panel's artists (a change rebuilds the panel instead of updating it)."""
    if name == "liability":
        return len(data["labels"])
    if name == "damages":
        return len(data["labels"])
    if name == "fault":
        return data["parties"]
    return None


class AssessmentView:
    """Four figures that show an :class:`~toolkit.assess.Assessment` and update in place.

    Attributes
    ----------
    figures : dict
        Panel name (:data:`PANELS`) -> ``matplotlib.figure.Figure``.
    changed : tuple of str
        The panels the last :meth:`draw` redrew.

    Examples
    --------
    >>> import toolkit as tk
    >>> from toolkit.assess import assess
    >>> case = tk.Case.from_yaml("data/matters/teaching_open_elasticsearch.yaml")
    >>> view = AssessmentView()
    >>> view.draw(assess(case, n_paths=5_000, market_check=False))
    ('liability', 'damages', 'fault', 'settlement')
    >>> view.draw(assess(case.replace(causation_strength=0.9), n_paths=5_000, market_check=False))
    ('liability', 'settlement')
    """

    @staticmethod
    def panel_classes() -> dict:
        """Panel name -> the class that draws it (``figsize`` in inches at 72 CSS px per inch)."""
        return dict(_PANEL_CLASSES)

    def __init__(self, limits: dict | None = None):
        self._seed_limits = dict(limits or {})
        self.figures: dict = {}
        self.changed: tuple = ()
        self.captions: dict = {}
        self._panels: dict = {}
        self._keys: dict = {}
        self._data: dict = {}
        self._background: dict = {}

    def draw(self, result) -> tuple:
        """Show ``result``: update the panels whose numbers changed; return their names."""
        data = panel_data(result)
        changed = []
        award = result._sim.award if result._sim is not None else np.array([])
        with _style():
            for name in PANELS:
                if name in self._data and self._data[name] == data[name]:
                    continue
                key = _structure(name, data[name])
                panel = self._panels.get(name)
                if panel is None or self._keys.get(name) != key:
                    fig = self.figures.get(name)
                    if fig is None:
                        fig = self.figures[name] = _new_figure(_PANEL_CLASSES[name].figsize)
                    else:
                        fig.clear()
                    panel = self._panels[name] = _PANEL_CLASSES[name]()
                    panel.build(fig, data[name])
                    for attr, value in self._seed_limits.get(name, {}).items():
                        setattr(panel, attr, value)
                    self._keys[name] = key
                if name == "settlement":
                    panel.update(self.figures[name], data[name], award)
                else:
                    panel.update(self.figures[name], data[name])
                self._data[name] = data[name]
                self.captions[name] = getattr(panel, "caption", "")
                changed.append(name)
        self.changed = tuple(changed)
        return self.changed

    def limits(self) -> dict:
        """The axis limits the panels keep (``{panel: {"xlim": ...}}``), to draw a fresh view alike."""
        return {name: {k: getattr(panel, k) for k in ("xlim",) if hasattr(panel, k)}
                for name, panel in self._panels.items()}

    def png(self, name: str) -> bytes:
        """PNG bytes of one panel as it stands now (background cached, changing artists blitted)."""
        return encode_png(self.pixels(name, copy=False))

    def layers(self, name: str) -> tuple:
        """One panel as two stacked PNGs: ``(background, data, box)``.

        ``background`` is the panel without the artists that change (axes, ticks, labels, legend),
        encoded once per distinct set of axis limits and labels and cached (the same bytes object
        while it stands); ``data`` holds only the changing artists, on a transparent canvas,
        cropped to ``box`` = ``(left, top, width, height)`` in pixels of the figure (the axes,
        where every changing artist is drawn). Laid over the background at ``box`` (straight-alpha
        "over", as a browser composites images), it shows what :meth:`pixels` shows, up to rounding;
        only ``data`` is encoded on an update, a few times fewer pixels than the whole panel.
        """
        canvas = self.figures[name].canvas
        entry = self._background_entry(name)
        if entry[2] is None:  # the background's PNG, encoded once
            canvas.restore_region(entry[1])
            entry[2] = encode_png(np.asarray(canvas.buffer_rgba()))
        box = self.data_box(name)
        left, top, width, height = box
        with _style():
            canvas.get_renderer().clear()  # transparent: only the changing artists are drawn
            self._draw_dynamic(name)
        data = encode_png(np.asarray(canvas.buffer_rgba())[top:top + height, left:left + width])
        return entry[2], data, box

    def data_box(self, name: str) -> tuple:
        """``(left, top, width, height)`` in figure pixels of the region the changing artists of a panel
        occupy: its axes, padded by a few pixels for line caps and antialiasing (fixed per panel)."""
        fig, panel = self.figures[name], self._panels[name]
        width, height = (int(v) for v in fig.canvas.get_width_height(physical=True))
        x0, y0, x1, y1 = panel.ax.get_window_extent().extents
        pad = 3 * PIXEL_RATIO
        left, right = max(int(np.floor(x0)) - pad, 0), min(int(np.ceil(x1)) + pad, width)
        top, bottom = max(int(np.floor(height - y1)) - pad, 0), min(int(np.ceil(height - y0)) + pad, height)
        return left, top, right - left, bottom - top

    def pixels(self, name: str, *, copy: bool = True) -> np.ndarray:
        """The panel rendered, as an (height, width, 4) uint8 array.

        The axes, ticks, labels and legend are rendered once per distinct set of axis limits and
        labels and cached (the last few are kept); while they are the same, only the artists that
        change are drawn on a copy of that background. Those artists have the highest z-order, so the pixels equal a full draw.
        """
        canvas = self.figures[name].canvas
        entry = self._background_entry(name)
        with _style():
            canvas.restore_region(entry[1])
            self._draw_dynamic(name)
        pixels = np.asarray(canvas.buffer_rgba())
        return pixels.copy() if copy else pixels  # without a copy: valid until the next draw of that canvas

    def _dynamic(self, name: str) -> list:
        """The panel's changing artists, in the order a full draw draws them."""
        panel = self._panels[name]
        order = {id(a): i for i, a in enumerate(panel.ax.get_children())}
        return sorted(panel.dynamic(), key=lambda a: (a.get_zorder(), order.get(id(a), 0)))

    def _draw_dynamic(self, name: str) -> None:
        renderer = self.figures[name].canvas.get_renderer()
        for artist in self._dynamic(name):
            artist.draw(renderer)

    def _background_entry(self, name: str) -> list:
        """``[panel, saved region, png or None]``: the panel's background at its current limits and labels
        (rendered on first use; the last few kept)."""
        fig, panel = self.figures[name], self._panels[name]
        canvas = fig.canvas
        cache = self._background.setdefault(name, {})
        key = (id(panel), panel.bg_key)
        cached = cache.get(key)
        if cached is not None and cached[0] is panel:
            return cached  # the axes limits and labels are those of that background (set by update())
        dynamic = self._dynamic(name)
        with _style():
            visible = [a.get_visible() for a in dynamic]
            for a in dynamic:
                a.set_visible(False)
            try:
                canvas.draw()
            finally:
                for a, v in zip(dynamic, visible):
                    a.set_visible(v)
        if len(cache) >= _BACKGROUNDS:
            cache.clear()
        cache[key] = [panel, canvas.copy_from_bbox(fig.bbox), None]
        return cache[key]


def draw_assessment(result, limits: dict | None = None) -> dict:
    """Draw ``result`` from scratch: ``{panel: Figure}`` (what a fresh :class:`AssessmentView` shows).

    ``limits`` (:meth:`AssessmentView.limits` of another view) starts the log axes where that
    view keeps them, so the two drawings can be compared pixel for pixel.
    """
    view = AssessmentView(limits)
    view.draw(result)
    return dict(view.figures)


def render_png(fig, *, compress_level: int = 1) -> bytes:
    """Render a whole figure to PNG bytes (Agg, light compression)."""
    return encode_png(figure_pixels(fig), compress_level=compress_level)


def figure_pixels(fig) -> np.ndarray:
    """The figure rendered by Agg, as an (height, width, 4) uint8 array (for comparisons in tests)."""
    with _style():
        fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()
