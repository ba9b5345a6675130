"""Text measured in the house style's font, so that titles, cells and footers wrap to what fits.

Widths come from the font file matplotlib will draw with (FreeType metrics at 72 dpi, so one
unit is one point); words are measured once and cached, so wrapping a table costs little.
"""
from __future__ import annotations

import functools
import math
import re

__all__ = ["text_width_in", "wrap_text", "longest_word_in"]

_SAFETY = 1.03   # measured widths are scaled up by 3% (kerning at word joins, hinting)


@functools.lru_cache(maxsize=8)
def _font_path(weight: str) -> str:
    from matplotlib import font_manager

    from .style import house_style

    with house_style():
        import matplotlib as mpl

        prop = font_manager.FontProperties(family=mpl.rcParams["font.family"], weight=weight)
        return font_manager.findfont(prop)


@functools.lru_cache(maxsize=4096)
def _char_pt(ch: str, weight: str) -> float:
    """Advance width of one character at 100 pt, in points (scaled linearly to other sizes)."""
    from matplotlib import font_manager, ft2font

    font = font_manager.get_font(_font_path(weight))
    font.set_size(100, 72)
    glyph = font.load_char(ord(ch), flags=ft2font.LoadFlags.NO_HINTING)
    return glyph.linearHoriAdvance / 65536.0


@functools.lru_cache(maxsize=65536)
def _word_pt(word: str, size_pt: float, weight: str) -> float:
    # per-character advances (cached): shaping a whole string costs about a millisecond in matplotlib 3.11
    return sum(_char_pt(ch, weight) for ch in word) * size_pt / 100.0


def text_width_in(text: str, size_pt: float, weight: str = "normal") -> float:
    """Width in inches of one line of ``text`` at ``size_pt`` in the house style's font.

    Examples
    --------
    >>> text_width_in("abc abc", 10) > text_width_in("abc", 10) > 0
    True
    >>> text_width_in("W" * 10, 10, "bold") >= text_width_in("W" * 10, 10)  # equal where no bold face is installed
    True
    """
    text = str(text)
    if not text:
        return 0.0
    words = text.split(" ")
    space = _char_pt(" ", weight) * size_pt / 100.0
    total = sum(_word_pt(w, size_pt, weight) for w in words if w) + space * (len(words) - 1)
    return total * _SAFETY / 72.0


def longest_word_in(text: str, size_pt: float, weight: str = "normal") -> float:
    """Width in inches of the widest word of ``text`` (the narrowest a column can wrap it to)."""
    words = [w for w in re.split(r"\s+", str(text)) if w]
    return max((text_width_in(w, size_pt, weight) for w in words), default=0.0)


def _break_word(word: str, width_in: float, size_pt: float, weight: str) -> list[str]:
    """Break a word wider than the line: after ".", "/", "_" or "-" where possible, else between characters."""
    parts = [p for p in re.split(r"(?<=[./_\-])", word) if p]
    pieces, current = [], ""
    for part in parts:
        if current and text_width_in(current + part, size_pt, weight) > width_in:
            pieces.append(current)
            current = ""
        if text_width_in(part, size_pt, weight) <= width_in:
            current += part
            continue
        for ch in part:
            if current and text_width_in(current + ch, size_pt, weight) > width_in:
                pieces.append(current)
                current = ch
            else:
                current += ch
    return pieces + [current]


def wrap_text(text: str, width_in: float, size_pt: float, weight: str = "normal") -> list[str]:
    """Greedy wrap of ``text`` into lines no wider than ``width_in`` (inches) at ``size_pt``.

    Explicit newlines are kept; a word wider than the line is broken between characters.

    Examples
    --------
    >>> lines = wrap_text("the quick brown fox jumps over the lazy dog " * 4, 2.0, 10)
    >>> len(lines) > 1 and all(text_width_in(line, 10) <= 2.0 for line in lines)
    True
    >>> wrap_text("", 1.0, 10)
    ['']
    >>> wrap_text("unknown", text_width_in("unknown", 8.5, "bold"), 8.5, "bold")   # exactly as wide: one line
    ['unknown']
    """
    # the width is cached to 1e-4 inch, rounded up: rounding down could make a column exactly as wide
    # as its widest word too narrow for it, and break the word ("unknow" / "n")
    return list(_wrap_cached(str(text), math.ceil(max(float(width_in), 0.1) * 1e4 - 1e-6) / 1e4, float(size_pt),
                             weight))


@functools.lru_cache(maxsize=32768)
def _wrap_cached(text: str, width_in: float, size_pt: float, weight: str) -> tuple[str, ...]:
    out: list[str] = []
    for para in str(text).split("\n"):
        words = [w for w in para.split(" ") if w]
        if not words:
            out.append("")
            continue
        line = ""
        for word in words:
            if text_width_in(word, size_pt, weight) > width_in:
                if line:
                    out.append(line)
                    line = ""
                *full, rest = _break_word(word, width_in, size_pt, weight)
                out.extend(full)
                line = rest
                continue
            candidate = f"{line} {word}" if line else word
            if text_width_in(candidate, size_pt, weight) <= width_in:
                line = candidate
            else:
                out.append(line)
                line = word
        out.append(line)
    return tuple(out)
