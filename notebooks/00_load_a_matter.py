# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: -jupytext.text_representation
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 00 · Load and inspect a matter
#
# A *matter* is the set of facts an analyst states about one data exposure: what was exposed, how
# the cloud environment was misconfigured, where the claims are litigated, which governance
# controls were in place, and how strongly the evidence ties the misconfiguration to the harm.
#
# This notebook loads one of the matters shipped in `data/matters/`, shows the validated and
# normalised facts, and demonstrates that bad input is refused with a message that names the
# field, the value and what is allowed.

# %% tags=["parameters"]
# Parameters (papermill can override them)
matter_name = "capital_one_2019"

# %%
import pandas as pd

import toolkit as tk
from toolkit.datasets import load_matter

case = load_matter(matter_name)  # a file of data/matters/, found wherever the notebook runs
case.name

# %% [markdown]
# ## The facts as validated
#
# Every field was checked on load. Governance controls that the sources do not state stay
# `unknown`; the liability engine treats them as neither helping nor hurting the defendant.

# %%
facts = pd.Series({k: v for k, v in case.to_dict().items() if k not in ("controls", "parties", "sources")},
                  name="value", dtype=object)
facts.to_frame()

# %%
pd.Series({**case.controls, "earlier warnings ignored": case.prior_warnings}, name="as the sources state").to_frame()

# %% [markdown]
# ## Where the facts come from

# %%
for url in case.sources:
    print(url)

# %% [markdown]
# ## Bad input is refused, clearly
#
# A typo in a field name or an out-of-range value raises `tk.InputError`, which names the field,
# the value and what is allowed, and suggests a fix for near misses.

# %%
try:
    case.replace(causation_strength=1.4)
except tk.InputError as err:
    range_error = err
print(range_error)

# %%
try:
    tk.Case.from_dict({**case.to_dict(), "sector": "banking"})
except tk.InputError as err:
    sector_error = err
print(sector_error)

# %% jupyter={"source_hidden": true} tags=["checks"]
# Checks (they print nothing when they pass)
assert str(range_error).startswith("causation_strength: got 1.4")
assert sector_error.field == "sector"
