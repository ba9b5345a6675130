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
# # 01 · Case assessment: from the facts of a matter to a settlement range
#
# **For the litigation or risk analyst.** This notebook takes one matter from its facts to a
# settlement range and shows what drives the number: the elements of negligence, the Hand-formula
# test of each governance control, damages and regulatory exposure, the allocation of fault among
# customer, cloud provider and integrator, the settlement range next to comparable past outcomes,
# and the sensitivity of the result to the main inputs.
#
# Everything runs through `toolkit.assess`, a pure function of the matter and a seed: run the
# notebook twice and you get the same numbers. Change the parameters cell to work on another
# matter (any YAML file in `data/matters/`, or your own).

# %% tags=["parameters"]
# Parameters
matter_path = "data/matters/capital_one_2019.yaml"  # from the repository root or this folder
seed = 7
n_paths = 200_000

# %%
import matplotlib.pyplot as plt
import pandas as pd

import toolkit as tk
from toolkit.exhibits.paths import resolve_matter_path

pd.set_option("display.float_format", lambda v: f"{v:,.3f}" if abs(v) < 10 else f"{v:,.0f}")
case = tk.Case.from_yaml(resolve_matter_path(matter_path))
print(case.name)
print(f"{case.records_exposed:,} records; {case.misconfiguration_type} on {case.cloud_provider} ({case.service_model}); "
      f"jurisdictions {', '.join(case.jurisdictions)}")

# %% [markdown]
# ## 1. The assessment
#
# One call. The summary table is what goes into a memo: each figure with its unit and where it
# comes from. Money from the simulation is in present-value US dollars.

# %%
result = tk.assess(case, seed=seed, n_paths=n_paths)
result.summary()

# %% [markdown]
# ## 2. Liability: which element is weakest?
#
# The probability that negligence is found is built from its elements. The waterfall shows how
# each factor (duty, each failed control, prior warnings, causation, defenses) moved it.

# %%
result.liability.elements

# %%
ax = result.plot_waterfall()
plt.show()

# %% [markdown]
# ### The standard of care, control by control (Learned Hand)
#
# For each governance control that was absent, the burden of the precaution **B** is compared with
# the reduction in the probability of the loss times the loss (**ΔP·L**). A control whose burden is
# well below the risk it would have removed is strong evidence that the standard of care was
# breached.

# %%
result.liability.controls

# %%
ax = result.plot_hand()
plt.show()

# %% [markdown]
# ## 3. What is at stake: damages and regulatory exposure
#
# The damages components are the defendant's own breach costs and what a class could claim at
# trial; the regulatory table lists the penalty regimes that the matter's jurisdictions open, each
# with the basis of the calculation.

# %%
result.damages

# %%
ax = result.plot_damages()
plt.show()
result.regulatory

# %% [markdown]
# ## 4. Who pays: the allocation of fault
#
# Under the shared-responsibility model the customer configures its own data and identity layers;
# the provider's share grows with insecure defaults. The jurisdiction's rule (comparative fault,
# joint-and-several or several liability) turns fault shares into payable shares.

# %%
ax = result.plot_fault()
plt.show()
result.fault

# %% [markdown]
# ## 5. The settlement range, and the market check
#
# The stage tree (motion to dismiss, class certification, summary judgment, trial, appeal) gives
# each side's expected outcome; the bargaining zone lies between the plaintiffs' floor and the
# defendant's ceiling. The **market check** is the empirical model fitted on curated past
# outcomes: when the two disagree, the notes below the summary say so, and the analyst should
# find out why.

# %%
s = result.settlement
pd.Series({"plaintiffs' floor": s.plaintiff_reservation, "defendant's ceiling": s.defendant_reservation,
           "range low": s.low, "range median": s.median, "range high": s.high}, name="USD (present value)")

# %%
ax = result.plot_settlement()
plt.show()
result.market_check

# %%
result.comparables

# %% [markdown]
# ## 6. What drives the number: sensitivity
#
# Each bar moves one input to a low and a high value and re-runs the whole chain with the same
# random numbers, so the bars show the input's effect and not simulation noise.

# %%
result.tornado

# %%
ax = result.plot_tornado()
plt.show()

# %% [markdown]
# ## 7. A what-if: had configuration scanning been in place
#
# `Case.replace` changes one fact and re-validates the matter.

# %%
what_if = tk.assess(case.replace(config_scanning="yes"), seed=seed, n_paths=n_paths)
pd.DataFrame({"as pleaded": [result.liability.probability, result.settlement.median],
              "with config scanning": [what_if.liability.probability, what_if.settlement.median]},
             index=["P(negligence found)", "median settlement (USD)"])

# %% jupyter={"source_hidden": true} tags=["checks"]
# Checks (they print nothing when they pass)
again = tk.assess(case, seed=seed, n_paths=n_paths)
assert again.settlement == result.settlement, "same seed must give the same numbers"
assert result.settlement.low <= result.settlement.median <= result.settlement.high
assert what_if.liability.probability <= result.liability.probability, "a control in place never raises liability"
assert abs(result.fault["share"].sum() - 1) < 1e-9
