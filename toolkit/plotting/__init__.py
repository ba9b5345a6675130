"""Plots of an :class:`~toolkit.assess.Assessment`, one module per figure.

Each ``plot_*`` takes ``ax=None``, draws only there (a new figure's axes when None, from
:func:`new_axes`), returns the axes and never calls ``plt.show()``. They read results; what they
compute (the rolled-back tree, the exceedance curves, the centred tornado) is a plain function
in the model packages (:func:`toolkit.litigation.decision_tree`,
:func:`toolkit.calibration.exceedance.exceedance`, :func:`tornado_frame` here, which only centres
the assessment's sensitivity table), tested without a figure.

=====================  ==========================================================
``plot_settlement``    recovery at trial, bargaining zone, recommended range
``plot_tornado``       sensitivity of the median settlement (centred on it)
``plot_fault``         fault and payable shares
``plot_decision_tree`` the stage tree with probabilities, costs, rolled-back values
``plot_exceedance``    P(amount > x) for the class track and the penalties
``plot_comparison``    several matters or what-ifs side by side
``plot_ecdf``          empirical CDFs of several samples on a log axis
=====================  ==========================================================
"""
from __future__ import annotations

from .base import new_axes, pct_axis, tex_safe, usd, usd_axis
from .comparison import plot_comparison
from .decision_tree import plot_decision_tree
from .ecdf import plot_ecdf
from .exceedance import TRACK_LABELS, plot_exceedance
from .fault import plot_fault
from .settlement import plot_settlement
from .tornado import plot_tornado, tornado_frame

__all__ = ["new_axes", "usd", "usd_axis", "pct_axis", "tex_safe",
           "plot_settlement", "plot_tornado", "tornado_frame", "plot_fault",
           "plot_decision_tree", "plot_exceedance", "TRACK_LABELS", "plot_comparison", "plot_ecdf"]
