"""Log-linear regression with partial pooling over two nested groups (authority within region).

``log10(amount) = X b + u[group] + v[region] + e``: ridge fixed effects ``b`` and random
intercepts ``u`` (an authority, or a court's jurisdiction) nested in ``v`` (a region), fitted by
backfitting with empirical-Bayes shrinkage (each group mean shrunk by ``n / (n + k)``,
``k = sigma^2 / tau^2`` estimated by the method of moments). A thin authority borrows strength
from its region, a thin region from the global level; an unseen one *is* its region or the global
level. This is the one-way random-effects estimator of Searle, Casella & McCulloch, *Variance
Components* (1992), ch. 3, applied level by level.
"""
from __future__ import annotations

import dataclasses

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.utils.validation import check_is_fitted, validate_data

from .prediction import PooledLevels, is_design


__all__ = ["PooledLogLinearRegressor"]


def _shrunk_means(resid: np.ndarray, codes: np.ndarray, n_groups: int, sigma2: float):
    """Group means of ``resid`` shrunk towards 0; returns (effects, counts, tau2)."""
    counts = np.bincount(codes, minlength=n_groups).astype(float)
    sums = np.bincount(codes, weights=resid, minlength=n_groups)
    seen = counts > 0
    means = np.zeros(n_groups)
    means[seen] = sums[seen] / counts[seen]
    if seen.sum() >= 2:
        # method of moments: var(group means) = tau2 + mean(sigma2 / n)
        tau2 = float(np.var(means[seen], ddof=1) - np.mean(sigma2 / counts[seen]))
    else:
        tau2 = 0.0
    tau2 = max(tau2, 0.01 * sigma2, 1e-6)
    k = sigma2 / tau2
    return means * counts / (counts + k), counts, tau2


class PooledLogLinearRegressor(RegressorMixin, BaseEstimator):
    """Ridge fixed effects plus shrunken random intercepts for ``group`` nested in ``region``.

    Parameters
    ----------
    alpha : float, default=1.0
        Ridge penalty on the standardised fixed effects.
    n_iter : int, default=20
        Backfitting sweeps.

    Attributes
    ----------
    levels_ : toolkit.calibration.prediction.PooledLevels
        The learned state as a plain object (no scikit-learn), which the predictions use; its
        attributes are also the estimator's (``coef_``, ``intercept_``, ``group_effect_``,
        ``region_effect_``, ``group_count_``, ``region_count_``, ``sigma2_``, ``tau2_group_``,
        ``tau2_region_``, ``n_features_in_``), described there.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(200, 1))
    >>> groups = rng.choice(["a", "b", "c"], 200)
    >>> y = 2 + 0.5 * X[:, 0] + np.where(groups == "a", 1.0, 0.0) + rng.normal(0, 0.1, 200)
    >>> model = PooledLogLinearRegressor().fit(X, y, groups=groups, regions=np.full(200, "r"))
    >>> round(float(model.group_effect_["a"] - model.group_effect_["b"]), 1)
    1.0
    """

    def __init__(self, *, alpha=1.0, n_iter=20):
        self.alpha = alpha
        self.n_iter = n_iter

    def fit(self, X, y, groups=None, regions=None):
        """Fit on a numeric design ``X`` (n, p), log amounts ``y`` and optional group/region codes."""
        # a 2-D, finite, numeric design with one row per amount and at least 3 rows (scikit-learn's checks)
        X, y = validate_data(self, X, y, dtype=float, y_numeric=True, ensure_min_samples=3)
        n = len(y)
        groups = np.full(n, "_") if groups is None else np.asarray(groups, dtype=object).astype(str)
        regions = np.full(n, "_") if regions is None else np.asarray(regions, dtype=object).astype(str)
        g_codes, g_idx = np.unique(groups, return_inverse=True)
        r_codes, r_idx = np.unique(regions, return_inverse=True)
        mean = X.mean(axis=0)
        std = X.std(axis=0)
        std[std == 0] = 1.0
        Z = (X - mean) / std
        p = Z.shape[1]
        u = np.zeros(len(g_codes))
        v = np.zeros(len(r_codes))
        gram = Z.T @ Z + float(self.alpha) * np.eye(p)
        sigma2 = float(np.var(y)) or 1e-6
        tau_g = tau_r = 0.0
        for _ in range(int(self.n_iter)):
            target = y - u[g_idx] - v[r_idx]
            b0 = target.mean()
            beta = np.linalg.solve(gram, Z.T @ (target - b0))
            fixed = b0 + Z @ beta
            v, r_counts, tau_r = _shrunk_means(y - fixed - u[g_idx], r_idx, len(r_codes), sigma2)
            u, g_counts, tau_g = _shrunk_means(y - fixed - v[r_idx], g_idx, len(g_codes), sigma2)
            resid = y - fixed - u[g_idx] - v[r_idx]
            sigma2 = max(float(np.sum(resid ** 2) / max(n - p - 1, 1)), 1e-6)
        self.levels_ = PooledLevels(
            coef_=beta / std, intercept_=float(b0 - np.sum(beta * mean / std)), group_effect_=dict(zip(g_codes, u)),
            region_effect_=dict(zip(r_codes, v)), group_count_=dict(zip(g_codes, g_counts.astype(int))),
            region_count_=dict(zip(r_codes, r_counts.astype(int))), sigma2_=float(sigma2), tau2_group_=float(tau_g),
            tau2_region_=float(tau_r), n_features_in_=p)
        for f in dataclasses.fields(self.levels_):
            setattr(self, f.name, getattr(self.levels_, f.name))  # the estimator's attributes, the same objects
        return self

    def predict_with_scale(self, X, groups=None, regions=None):
        """Predicted log10 amount and its standard deviation for new rows (residual + pooling).

        Validates ``X`` as scikit-learn does, then :meth:`PooledLevels.predict_with_scale`.
        """
        check_is_fitted(self, "coef_")
        if not is_design(X, self.n_features_in_):
            # anything but a finite float design of the fitted width goes through scikit-learn's checks
            X = np.asarray(validate_data(self, X, reset=False, dtype=float), dtype=float)
        return self.levels_.predict_with_scale(X, groups, regions)

    def predict(self, X, groups=None, regions=None):
        """Predicted log10 amount."""
        return self.predict_with_scale(X, groups, regions)[0]
