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
# # 04 · The datasets: curated outcomes and public incident data
#
# **For analysts and teachers.** The toolkit's numbers rest on two kinds of data:
#
# 1. **The curated outcomes table** (`data/outcomes.csv`): one row per legal outcome of a data
#    breach (class settlement, regulatory fine, attorney-general settlement, verdict, dismissal,
#    pending matter), each with the public sources it was read from. The market check and the
#    comparables in notebook 01 are fitted on it.
# 2. **Public incident datasets**: the VERIS Community Database (VCDB), the HHS OCR breach portal,
#    the CMS GDPR Enforcement Tracker and the Privacy Rights Clearinghouse chronology. They
#    describe *incidents*, most of which never lead to a legal outcome. The toolkit reads them
#    with one importer each (`toolkit.datasets.read_vcdb`, `read_hhs_ocr`, `read_gdpr_tracker`,
#    `read_prc`), all returning one *incidents* schema.
#
# The questions here: what is in each table, how large are breaches and the money that follows
# them, how has misconfiguration grown as a cause, what does a class settlement pay per person, and
# how does the curated table differ from the population of incidents it is drawn from. That last
# question matters whenever a model fitted on the curated outcomes is applied to a new matter.
#
# The full public files are *staged* outside the project (`../shared/data`): the licences of
# VCDB, the GDPR tracker and PRC do not allow redistribution. The HHS OCR portal is a US federal
# record in the public domain, so a small sample of it ships in `data/samples/`. In a fresh clone
# (no staged files) sections 6-8 run on that sample and say so; the VCDB-only and tracker-only
# cells print why they were skipped. `toolkit.datasets.PUBLIC_DATASETS` records, per dataset,
# where the full file comes from and its terms; `toolkit.datasets.public_files(folder)` finds the
# full files under a folder (or `BREACH_TOOLKIT_SHARED_DATA`) and falls back to the samples.

# %% tags=["parameters"]
# Parameters (papermill can override them)
shared_data = "../../shared/data"   # staged public datasets; sections using them are skipped when absent
vcdb_years = (2010, 2019)           # VCDB years with enough incidents (the extract ends in mid-2020)

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

import toolkit.datasets as ds
from toolkit.datasets import explore
from toolkit.plotting import plot_ecdf

pd.set_option("display.float_format", lambda v: f"{v:,.3f}" if abs(v) < 10 else f"{v:,.0f}")
pd.set_option("display.max_colwidth", 90)

# %% [markdown]
# ## 1. What the toolkit ships: the registry
#
# One registry drives the loaders, this listing and the datasheet, so they cannot drift. Each
# entry says what one row is, the licence, and where the numbers come from. The four importers
# have no bundled file (`file` is empty): they read files you obtain from the source.

# %%
registry = ds.list_datasets()
registry[["file", "rows", "unit", "licence", "source"]]

# %% [markdown]
# ## 2. The curated outcomes
#
# `load_outcomes()` validates the table against its schema on every load. We add a `regime`
# column that groups the jurisdiction codes: *US nationwide* (federal agencies such as the FTC,
# HHS OCR or the SEC, and multistate groups of attorneys general), *US state-level* (one state's
# courts or authorities, including a federal district court sitting in that state, where most
# class actions are coded), *EU/EEA (GDPR)*, *UK*, and *other*.

# %%
outcomes = ds.load_outcomes()
outcomes["regime"] = outcomes["jurisdiction"].map(explore.regime_of)
facts = pd.Series({
    "outcomes (rows)": len(outcomes),
    "incidents": outcomes["incident_id"].nunique(),
    "verified share": outcomes["verified"].mean(),
    "with an amount": outcomes["amount_usd"].notna().sum(),
    "class settlements with a class size": outcomes.query("outcome_type == 'class_settlement'")["class_size"].notna().sum(),
}, name="value", dtype=object)
facts.to_frame()

# %% [markdown]
# The table is curated towards coverage targets: at least 600 outcomes over 450 incidents, 95%
# verified, and minimum counts per kind of authority and outcome (UK ICO penalties, EU/EEA fines
# over 15 states, authorities outside the US and Europe, single-state AG settlements, financial-
# conduct fines, non-US class settlements, mid-range US class settlements, cloud-style failures).
# `toolkit.datasets.coverage_report()` counts each of them on the table by code; the datasheet
# (`data/README.md`) prints the same table. The cell after it lists any target that is missed.

# %%
coverage = ds.coverage_report(outcomes)
coverage

# %%
short = coverage[~coverage["met"]]
if len(short):
    print("targets not met:\n" + short[["label", "count", "target"]].to_string())
print(f"{int(coverage['met'].sum())} of {len(coverage)} targets met; "
      f"{len(outcomes)} outcomes, {outcomes['incident_id'].nunique()} incidents, {outcomes['verified'].mean():.1%} verified")

# %% [markdown]
# **Rows per authority.** Fines and AG settlements carry the code of the authority that
# decided them (`regulator`, vocabulary `toolkit.vocab.AUTHORITIES`). The calibrated model pools
# thin authorities towards their region, so these counts say where it has data of its own.
# `monetary` counts rows with a positive amount.

# %%
by_authority = ds.authority_counts(outcomes)
print(f"{len(by_authority)} authorities, {int(by_authority['rows'].sum())} rows with a regulator code")
by_authority

# %%
by_region = by_authority.groupby("region")[["rows", "monetary"]].sum().sort_values("rows", ascending=False)
by_region

# %% [markdown]
# Which kinds of outcome, under which regime? Fines dominate in Europe and the UK; class
# settlements and AG settlements are a US phenomenon.

# %%
pd.crosstab(outcomes["outcome_type"], outcomes["regime"], margins=True, margins_name="all")

# %% [markdown]
# ## 3. How big are the breaches?
#
# Breach sizes span many orders of magnitude (a few hundred records to billions), so every size
# and money axis in this notebook is logarithmic. One value per incident (an incident with a class
# settlement and two fines counts once); incidents with no reported count, or zero, are left out.

# %%
per_incident = outcomes.drop_duplicates("incident_id")
curated_records = per_incident["records_exposed"].astype("float")
curated_records = curated_records[curated_records > 0]
bins = explore.log_bins(curated_records, per_decade=2)

fig, ax = plt.subplots(figsize=(8, 4))
ax.hist(curated_records, bins=bins, color="#4a78a8", edgecolor="white")
ax.set_xscale("log")
ax.set_xlabel("records exposed (log scale)")
ax.set_ylabel("incidents")
ax.set_title(f"Curated outcomes: size of the underlying breach ({len(curated_records)} of "
             f"{len(per_incident)} incidents report a count)")
plt.show()

# %% [markdown]
# ## 4. How much money, by outcome type and regime
#
# `explore.amount_table` summarises `amount_usd` (nominal US dollars, converted at the decision
# year's average rate) per outcome type and regime. `n_zero` counts dismissals and orders without
# money; the median and maximum are over the positive amounts. Pending matters have no amount
# and are left out.

# %%
amounts = explore.amount_table(outcomes)
amounts

# %% [markdown]
# The box plot shows the positive amounts for every group with at least three outcomes. Boxes
# span the middle half of the amounts, the line inside is the median, whiskers reach 1.5 times the
# box's span, and dots beyond them are outliers. The largest amounts belong to well-known cases
# (Equifax, T-Mobile, Capital One, Meta's Irish fine).

# %%
positive = outcomes[outcomes["amount_usd"] > 0]
groups = {f"{kind} · {regime} (n={len(g)})": g["amount_usd"]
          for (kind, regime), g in positive.groupby(["outcome_type", "regime"]) if len(g) >= 3}

fig, ax = plt.subplots(figsize=(9, 0.45 * len(groups) + 1.5))
ax.boxplot(list(groups.values()), tick_labels=list(groups), orientation="horizontal")
ax.set_xscale("log")
ax.set_xlabel("amount, USD (log scale)")
ax.set_title("Positive amounts by outcome type and regime")
plt.show()

# %% [markdown]
# ## 5. What a class settlement pays per person
#
# A settlement fund divided by the class is a figure often compared across cases.
# `explore.per_person` divides `amount_usd` by `class_size`. It leaves out the settlements whose
# class is not the people whose data was exposed: card-issuing banks (`...-fi-class`) and
# shareholders (`...-securities-class`); a bank class of a few thousand institutions would
# otherwise show thousands of dollars "per person". Only some settlements state their class size;
# dividing by `records_exposed` instead is a rougher proxy (records are not people, and a class
# may be smaller or larger than the records count), so the two are kept apart (`basis`).

# %%
per_person = explore.per_person(outcomes)
per_person[["defendant", "outcome_year", "amount_usd", "people", "per_person_usd"]]

# %%
fig, ax = plt.subplots(figsize=(8, 0.28 * len(per_person) + 1.5))
ax.barh(per_person["defendant"].str.slice(0, 40), per_person["per_person_usd"], color="#6b9e5e")
ax.set_xscale("log")
ax.set_xlabel("USD per class member (log scale)")
ax.set_title(f"Class settlements: fund / class size ({len(per_person)} settlements stating a class size)")
plt.show()

# %%
with_proxy = explore.per_person(outcomes, denominator="class_size_or_records")
with_proxy.groupby("basis")["per_person_usd"].describe(percentiles=[0.25, 0.5, 0.75])

# %% [markdown]
# Per-person values are small: the typical settlement is worth a few dollars per class member,
# and that is before attorneys' fees, administration costs and claims rates, which decide what a
# claimant actually receives. The larger values come from smaller classes whose data was
# sensitive, such as a hospital's patients or a studio's employees. The two bases cover different settlements, so compare their
# medians with care.
#
# ## 6. The public incident datasets
#
# The staged files are read with the importers. Each returns the same columns (`source`,
# `incident_id`, `year`, `organisation`, `sector`, `country`, `records`, `misconfiguration`,
# `cloud`, `amount_usd`) plus source-specific extras; each reader's docstring states how
# `misconfiguration` and `cloud` are coded. They are **proxies**: none of these sources codes
# cloud misconfiguration reliably. For HHS OCR the archive and the under-investigation list of
# the same snapshot (August 2024) are combined.

# %%
files = ds.public_files(shared_data)
incidents, kinds = {}, {}
for name, entry in files.items():
    if entry["kind"] == "absent":
        continue
    reader = getattr(ds, entry["reader"])
    incidents[name] = pd.concat([reader(p) for p in entry["paths"]], ignore_index=True)
    kinds[name] = entry["kind"]
print("read:", ", ".join(f"{name} ({len(df):,} rows, {kinds[name]})" for name, df in incidents.items()))
SAMPLE_ONLY = all(kind == "sample" for kind in kinds.values())
SKIP = (f"Skipped: this cell needs a staged dataset that is not at {Path(shared_data).resolve()} and is not "
        "redistributable (set shared_data in the parameters cell to where the files are).")
licences = pd.DataFrame([{"dataset": d.name, "in this run": kinds.get(d.name, "absent"),
                          "sample shipped": bool(d.samples), "licence": d.licence, "origin": d.origin}
                         for d in ds.PUBLIC_DATASETS.values()]).set_index("dataset")
licences

# %%
explore.incidents_overview(incidents)

# %% [markdown]
# Each dataset answers a different question. VCDB codes causes (including *Misconfiguration*)
# but is a sample of incidents picked from the news, with some sectors picked on purpose. HHS OCR
# is the complete US list of health breaches of 500+ people, with sizes but no causes beyond a
# breach type and location. The GDPR tracker lists fines, not incidents. PRC is an older US
# chronology (to 2017). Only VCDB and the GDPR tracker carry money amounts, and VCDB's are rare.
#
# ## 7. Misconfiguration over time (VCDB)
#
# The yearly share of VCDB incidents whose error action is coded *Misconfiguration*, with a 95%
# Wilson interval (wide when a year has few incidents). *Publishing error* (a document posted
# publicly by mistake) is shown apart, since some analysts count it as misconfiguration too.

# %% [markdown]
# In a fresh clone only the HHS OCR sample is present: VCDB has no stated licence, so it is not
# shipped. The chart then shows the HHS OCR proxy instead (breaches coded *Unauthorized
# Access/Disclosure* on a *Network Server*, or described as a misconfiguration), on the sample's
# ten breaches per year; with so few breaches a year the intervals are very wide and the chart is
# a demonstration of the method, not a finding.

# %%
if "vcdb" not in incidents and "hhs_ocr" in incidents:
    start, end = vcdb_years
    proxy = explore.share_by_year(incidents["hhs_ocr"], "misconfiguration", start=start, end=end)
    fig, ax = plt.subplots(figsize=(8, 3.5))
    ax.plot(proxy.index, proxy["share"], marker="o", color="#c44e52", label=f"HHS OCR {kinds['hhs_ocr']}: misconfiguration proxy")
    ax.fill_between(proxy.index, proxy["low"], proxy["high"], color="#c44e52", alpha=0.15)
    ax.yaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(1.0))
    ax.set_ylabel("share of breaches")
    ax.set_xlabel("submission year")
    ax.set_title("HHS OCR: share of breaches coded as a misconfigured or exposed server (95% Wilson)")
    ax.legend()
    plt.show()
    display(proxy)
else:
    print("VCDB is present: the VCDB chart below is the one to read.")

# %%
if "vcdb" in incidents:
    start, end = vcdb_years
    misconf = explore.share_by_year(incidents["vcdb"], "misconfiguration", start=start, end=end)
    publishing = explore.share_by_year(incidents["vcdb"], "publishing_error", start=start, end=end)

    fig, (ax, ax_n) = plt.subplots(2, 1, sharex=True, figsize=(8, 6), height_ratios=[3, 1])
    for table, label, colour in ((misconf, "Misconfiguration", "#c44e52"), (publishing, "Publishing error", "#8172b2")):
        ax.plot(table.index, table["share"], marker="o", color=colour, label=label)
        ax.fill_between(table.index, table["low"], table["high"], color=colour, alpha=0.15)
    ax.yaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(1.0))
    ax.set_ylabel("share of incidents")
    ax.set_title("VCDB: share of incidents with a misconfiguration or a publishing error (95% Wilson)")
    ax.legend()
    ax_n.bar(misconf.index, misconf["n"], color="grey")
    ax_n.set_ylabel("incidents")
    ax_n.set_xlabel("incident year")
    plt.show()
    display(misconf)
else:
    print(SKIP)

# %% [markdown]
# A result we can check against the dataset's own description (`shared/data/vcdb/README.md`:
# 8,589 incidents, 226 coded *Misconfiguration*), and the trend the chart shows: the share in
# 2017-2019 is several times the share in 2010-2014.

# %%
if "vcdb" in incidents:
    vcdb = incidents["vcdb"]
    print(f"{len(vcdb):,} incidents, {int(vcdb['misconfiguration'].sum())} coded Misconfiguration")
    early = misconf.loc[2010:2014, "k"].sum() / misconf.loc[2010:2014, "n"].sum()
    late = misconf.loc[2017:2019, "k"].sum() / misconf.loc[2017:2019, "n"].sum()
    print(f"misconfiguration share: {early:.1%} in 2010-2014, {late:.1%} in 2017-2019")
else:
    print(SKIP)

# %% [markdown]
# Read the rise with care: VCDB's coders pick incidents from the news, and misconfigured
# cloud stores became news (and a researcher's hobby) in these years, so part of the rise is in
# what gets reported and coded, not only in what happens.
#
# ## 8. Are the curated outcomes typical incidents?
#
# No, and the difference is the point of this section. Legal outcomes follow large, visible
# breaches. `explore.size_profile` compares the records distributions: the curated incidents
# against VCDB (all, and misconfiguration only), HHS OCR and PRC.

# %%
samples = {"curated outcomes (per incident)": curated_records}
if "vcdb" in incidents:
    samples["VCDB, all"] = incidents["vcdb"]["records"]
    samples["VCDB, misconfiguration"] = incidents["vcdb"].loc[incidents["vcdb"]["misconfiguration"], "records"]
if "hhs_ocr" in incidents:
    samples[f"HHS OCR (500+ people, {kinds['hhs_ocr']})"] = incidents["hhs_ocr"]["records"]
if "prc" in incidents:
    samples["PRC (2005-2017)"] = incidents["prc"]["records"]
profile = explore.size_profile(samples, thresholds=(1e5, 1e6, 1e7))
profile

# %%
fig, ax = plt.subplots(figsize=(8, 4.5))
plot_ecdf(samples, xlabel="records exposed (log scale)", ylabel="share of incidents at or below",
          title="Breach size: curated outcomes vs incident populations", ax=ax)
plt.show()

# %%
hhs_label = f"HHS OCR (500+ people, {kinds.get('hhs_ocr', 'absent')})"
others = [label for label in (hhs_label, "VCDB, all") if label in profile.index]
size_ratio = {label: profile.loc["curated outcomes (per incident)", "median"] / profile.loc[label, "median"]
              for label in others}
for label, ratio in size_ratio.items():
    print(f"The median curated incident is {ratio:,.0f} times the median incident of {label}.")

# %% [markdown]
# The same selection shows in the money. The GDPR tracker collects published GDPR fines for
# every kind of infringement (consent, marketing, video surveillance, security...); the curated
# table keeps fines tied to a data breach, and in the sources it was built from those were the
# larger ones.

# %%
if "gdpr_tracker" in incidents:
    fines = {
        "curated fines, EU/EEA": outcomes.query("outcome_type == 'regulatory_fine' and regime == 'EU/EEA (GDPR)'")["amount_usd"],
        "curated fines, UK": outcomes.query("outcome_type == 'regulatory_fine' and regime == 'UK'")["amount_usd"],
        "GDPR tracker, all fines": incidents["gdpr_tracker"]["amount_usd"],
    }
    fig, ax = plt.subplots(figsize=(8, 4))
    plot_ecdf(fines, xlabel="fine, USD (log scale)", ylabel="share of fines at or below",
              title="Fines: curated breach fines vs all GDPR fines", ax=ax)
    plt.show()
    display(explore.size_profile(fines, thresholds=(1e5, 1e6, 1e7)))
else:
    print(SKIP)

# %% [markdown]
# ## What to take away
#
# - **Selection.** The curated outcomes are the tip of the incident population: larger breaches,
#   larger fines. A model fitted on them answers "given that a breach led to a legal outcome, how
#   large is it?", not "what will a typical breach cost?". Keep that in mind when the market
#   check in notebook 01 is applied to a small matter.
# - **Proxies.** The incident datasets' `misconfiguration` and `cloud` columns are coded by
#   rules stated in each reader's docstring; read them before quoting a share.
# - **Per-person values** need the class size; where a settlement does not state it, the
#   records-based figure is a lower-bound proxy, not the same quantity.
# - **Licences.** The registry's `licence` column says what may be redistributed: the curated
#   tables and the HHS OCR sample may; the VCDB, GDPR tracker and PRC rows may not leave the
#   project (`toolkit.datasets.PUBLIC_DATASETS` states the terms).
#
# For teaching: ask students to change `vcdb_years`, to replace `misconfiguration` by `cloud` in
# section 7, or to restrict section 8 to one sector (`vcdb[vcdb["sector"] == "healthcare"]`), and
# to explain what changes.

# %% jupyter={"source_hidden": true} tags=["checks"]
# Checks (they print nothing when they pass)
assert outcomes["source_urls"].str.len().gt(0).all(), "every row must cite a source"
assert all(ratio > 10 for ratio in size_ratio.values()), size_ratio
if "vcdb" in incidents:
    assert len(vcdb) == 8589 and vcdb["misconfiguration"].sum() == 226
    assert late > 3 * early, (early, late)
