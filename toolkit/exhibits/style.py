"""The house style of the exhibits: a shipped matplotlib style file applied in a context manager.

The style file ``exhibit.mplstyle`` sits beside this module. :func:`house_style` applies it
for the duration of a ``with`` block only, so matplotlib's global settings (a notebook's, a
test's) are the same afterwards. Settings that matplotlib reads when a file is *saved*
(``pdf.fonttype``, ``svg.hashsalt``, ``savefig.dpi``) only take effect if the figure is also
saved inside the block; :meth:`toolkit.exhibits.Exhibit.save` does that for you.
"""
from __future__ import annotations

import contextlib
from pathlib import Path

__all__ = ["STYLE_PATH", "PALETTE", "house_style", "exhibit_font"]

#: The shipped style file.
STYLE_PATH = Path(__file__).with_name("exhibit.mplstyle")

#: Named colours of the house style (the first four are the property cycle's).
PALETTE = {
    "navy": "#2e4057", "red": "#d1495b", "amber": "#f2c14e", "green": "#66a182",
    "teal": "#00798c", "grey": "#9aa9bd", "ink": "#222222", "muted": "#595959", "rule": "#bfbfbf",
    "band": "#f2f4f7",
}


@contextlib.contextmanager
def house_style(**overrides):
    """Apply the exhibit style (and optional rcParams overrides) inside a ``with`` block.

    Parameters
    ----------
    **overrides
        rcParams to set on top of the style, e.g. ``house_style(**{"font.size": 11})``.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> before = mpl.rcParams["pdf.fonttype"]
    >>> with house_style():
    ...     inside = (mpl.rcParams["pdf.fonttype"], mpl.rcParams["svg.fonttype"], mpl.rcParams["savefig.dpi"])
    >>> inside
    (42, 'none', 300.0)
    >>> mpl.rcParams["pdf.fonttype"] == before
    True
    """
    import matplotlib as mpl
    import matplotlib.style

    with mpl.rc_context():
        matplotlib.style.use(str(STYLE_PATH))
        if overrides:
            mpl.rcParams.update(overrides)
        yield


def exhibit_font() -> str:
    """Name of the font file the house style resolves to on this machine (for the provenance record).

    Examples
    --------
    >>> exhibit_font() in {"LiberationSans-Regular.ttf", "DejaVuSans.ttf"} or exhibit_font().endswith(".ttf")
    True
    """
    import logging

    from matplotlib import font_manager

    with house_style():
        import matplotlib as mpl

        logger = logging.getLogger("matplotlib.font_manager")
        level = logger.level
        logger.setLevel(logging.ERROR)  # a missing first choice is expected; DejaVu Sans is the fallback
        try:
            for family in mpl.rcParams["font.sans-serif"]:
                try:
                    path = font_manager.findfont(font_manager.FontProperties(family=[family]),
                                                 fallback_to_default=False)
                except ValueError:
                    continue
                return Path(path).name
        finally:
            logger.setLevel(level)
    return Path(font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))).name
