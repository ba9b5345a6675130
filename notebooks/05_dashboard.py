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

# %% tags=["parameters"]
# Parameters (papermill can override them)
matter = "teaching_open_elasticsearch"   # a shipped matter (toolkit.datasets.list_matters())
seed = 0

# %% tags=["nbval-ignore-output"]
from IPython.display import display

from toolkit.widgets import CaseExplorer

explorer = CaseExplorer(matter, seed=seed)
display(explorer.widget)

# %% [markdown]
# ## How to use this page
#
# - **Matter**: pick one of the shipped matters, or **Upload matter (YAML)** to bring your own (the same format
#   as `data/matters/*.yaml`). A file that is not a valid matter is refused with one line saying which field is
#   wrong; the matter on screen stays.
# - **Facts**: records exposed, class size, data types, sector, service model, incident year and revenue.
# - **Causation**: how strongly the evidence ties the misconfiguration to the harm (0 = not at all, 1 = conclusively).
# - **Controls**: for each technical control (MFA, encryption, least privilege, logging, ...), whether the
#   evidence shows it was in place (*yes*), missing (*no*) or is silent (*unknown*), and whether earlier warnings
#   were ignored.
# - **Governance program**: the security program around those controls (risk assessment, change management,
#   independent audit, executive oversight, documentation, training), each *yes*, *no* or *unknown*.
# - **Incident response**: days to detect, contain and notify (leave a box empty when the number is not known),
#   whether the regulator was told on time, cooperation with the regulator and credit monitoring.
# - **Harms and aggravation**: misuse, identity theft, emotional distress and lost time alleged by the class;
#   earlier infringements and a finding that lax security saved the business money.
# - **Law**: where the matter is litigated and regulated, the governing law, the court, the regulators expected
#   to act and the chance a class is certified.
#
# Each slider has a box beside it for typing an exact value. A value the matter cannot take (for example a
# negative number of records) is refused next to its box and the last good numbers stay. When a choice falls outside the model's rules (a governing law it has no rules for, or a
# law not yet in force in the incident year) an amber box next to the numbers says so.
#
# **Save matter (YAML)** downloads the matter as you edited it. **Export exhibits** builds the numbered exhibit pack
# of the view on screen and offers it as one **Download exhibits (zip)**; the next export replaces it.
#
# The market check (the fitted regression on past outcomes, a second opinion next to the calibrated headline) is
# on when the page opens; the checkbox under the charts switches it off.
#
# To open it without code: `voila notebooks/05_dashboard.ipynb`. The numbers quantify stated assumptions and
# curated public outcomes; they are not legal advice.

# %% jupyter={"source_hidden": true} tags=["checks"]
# Checks (they print nothing when they pass)
before = explorer.result.liability.probability
explorer.controls["causation_strength"].value = 0.95
assert explorer.result.liability.probability >= before, "stronger causation never lowers liability"
explorer.load(explorer.base_case)
ranges = explorer.result.outcome_ranges
assert (ranges["low"] <= ranges["median"]).all() and (ranges["median"] <= ranges["high"]).all()
