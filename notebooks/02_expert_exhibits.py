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
# # 02 · Expert exhibits: a reproducible exhibit pack for one matter
#
# **For the expert witness and the team preparing the report.** This notebook builds the numbered
# exhibit pack for a matter — the same files that `python -m toolkit assess MATTER.yaml --out DIR`
# writes — shows each exhibit and the methodology appendix, and then proves the pack is
# reproducible: a second build from scratch gives byte-identical files.
#
# What a court (and opposing counsel) will ask of these figures, and where the pack answers it:
#
# * **Where does each number come from?** Every exhibit carries a source line, and a provenance
#   footer with the toolkit version, the sha256 of the curated outcomes table, the date of the data,
#   the hash of the matter's facts, the seed and the number of simulated paths. No exhibit carries
#   the time it was drawn, so nothing changes between two runs but the inputs.
# * **Can it be reproduced?** `MANIFEST.sha256` lists the hash of every file; anyone with the same
#   matter file, data and seed gets the same bytes (checked at the end of this notebook).
# * **Is the method reliable?** The methodology appendix lists the data, each model and parameter
#   with its source, the held-out error rates of the empirical model, the assumptions and
#   limitations, and how each Daubert factor is met.
#
# The notebook is parametrised (papermill): set the matter file, seed and number of paths in the
# next cell. From the repository root:
# `papermill notebooks/02_expert_exhibits.ipynb out.ipynb -p matter_path data/matters/uber_2016_leaked_keys.yaml`
# (a matter path is looked up in the folder you run from, then beside the notebooks, then in the
# repository, so either spelling works).

# %% tags=["parameters"]
# Parameters (papermill can override them)
matter_path = "data/matters/capital_one_2019.yaml"
seed = 0
n_paths = 50_000            # the command line defaults to 200,000; 50,000 keeps this notebook quick
formats = "pdf,png"           # add ",svg" for editable vector copies
paper = "letter"            # page size of the PDF exhibits and report.pdf: "letter" or "a4"
out_root = ""               # folder that receives the packs; "" = a new temporary folder

# %%
import json
import tempfile
from pathlib import Path

import pandas as pd
from IPython.display import Image, Markdown, display

import toolkit as tk
from toolkit.exhibits import write_pack
from toolkit.exhibits.paths import markdown_dollars, resolve_matter_path

case = tk.Case.from_yaml(resolve_matter_path(matter_path))
root = Path(out_root) if out_root else Path(tempfile.mkdtemp(prefix="exhibit-packs-"))
root.mkdir(parents=True, exist_ok=True)
pack_dir = root / "pack"
print(case.name, "->", pack_dir)

# %% [markdown]
# ## 1. Build the pack
#
# One call (or one command line). The pack is assembled in a temporary folder next to `pack_dir`
# and moved into place only when every file is written, so a crash never leaves a half-written
# pack. An existing pack is replaced only when you ask for it (`force=True`, or `--force` on the
# command line), and `force` replaces only an earlier exhibit pack (a folder holding its
# `MANIFEST.sha256`), never another folder.

# %%
files = write_pack(case, pack_dir, seed=seed, n_paths=n_paths, formats=tuple(formats.split(",")), progress=True,
                   report=True, paper=paper)
index = json.loads((pack_dir / "index.json").read_text())
listing = pd.DataFrame(index["files"])[["file", "kind", "exhibit", "bytes", "sha256"]]
listing["sha256"] = listing["sha256"].str[:16] + "…"
listing

# %% [markdown]
# ## 2. The exhibits
#
# Each exhibit is numbered, states what it shows in its title, names its units on the axes or in
# the column headers, and says where its numbers come from. In order:
#
# 1. **Summary** — the figures an expert report quotes, each with its unit and source.
# 2. **Liability waterfall** — how each factor (relationship to the data subjects, sensitivity of
#    the data, the Hand test of the controls, causation, an intervening criminal act, ...) moves the
#    probability that negligence is found.
# 3. **Hand formula** — for every control relevant to the misconfiguration: its burden B, the risk
#    reduction ΔP, the expected harm averted ΔP·L, and whether the precaution was owed (B < ΔP·L).
# 4. **Damages** — cost components and class damages, each as a low–high band with the median.
# 5. **Fault allocation** — shares of fault and of the damages each party pays under the
#    jurisdiction's rule.
# 6. **Settlement** — the simulated recovery at trial, the bargaining zone, the recommended range
#    and the empirical market check.
# 7. **Decision tree** — the litigation stages with branch probabilities, costs and the
#    rolled-back expected value at every node.
# 8. **Exceedance curves** — the probability that the class settlement, the penalties or an AG
#    settlement exceed any amount.
# 9. **Comparables** — the most similar past outcomes with their weights.
# 10. **Tornado** — how far the median settlement moves when one input changes, drawn from the
#     assessment's own median.
#
# Every exhibit, the summary and the appendix quote the same headline ranges
# (`Assessment.outcome_ranges`), so one median appears throughout. `report.pdf` holds the cover
# page, every exhibit on its own numbered page, the methodology appendix and its sources.

# %%
pngs = sorted(pack_dir.glob("exhibit-*.png"))
if not pngs:
    print(f"No PNG in this pack (formats = {formats!r}); the exhibits are:")
    print("\n".join(p.name for p in sorted(pack_dir.glob("exhibit-*"))))
for png in pngs:
    display(Markdown(f"**{png.name}**"))
    display(Image(filename=str(png), width=820))

# %% [markdown]
# ## 3. The methodology appendix
#
# Written as Markdown (for the report) and HTML (for printing). Section 3 carries the error rates
# of the empirical model from grouped cross-validation; section 5 walks through the Daubert
# factors.

# %%
# markdown_dollars keeps "$763K" as money: Jupyter would otherwise typeset text between two "$" as LaTeX
display(Markdown(markdown_dollars((pack_dir / "methodology.md").read_text(encoding="utf-8"))))

# %% [markdown]
# ## 4. Every number, machine-readable
#
# `assessment.json` holds every number of the assessment (sorted keys, so that two runs can be
# compared with `diff`).

# %%
numbers = json.loads((pack_dir / "assessment.json").read_text())
s = numbers["settlement"]
print(f"P(negligence found) = {numbers['liability']['probability']:.3f}")
print(f"recommended range: ${s['low']:,.0f} – ${s['high']:,.0f} (median ${s['median']:,.0f})")
print(f"seed {numbers['seed']}, {numbers['n_paths']:,} simulated paths")

# %% [markdown]
# ## 5. Reproducibility: build it again and compare the bytes
#
# A second build from scratch, with the same matter, data and seed, must give byte-identical
# files (report.pdf included). Opposing counsel can run the same check with `sha256sum -c MANIFEST.sha256`.

# %%
import hashlib


def digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}

second = root / "pack-second-build"
write_pack(case, second, seed=seed, n_paths=n_paths, formats=tuple(formats.split(",")), report=True, paper=paper)
first_hashes, second_hashes = digests(pack_dir), digests(second)
different = [name for name in first_hashes if first_hashes[name] != second_hashes.get(name)]
print(f"{len(first_hashes)} files compared; {len(different)} differ")

# %% [markdown]
# And a re-run into the same folder without `force` is refused, naming the folder and the way
# out, and leaves the pack exactly as it was:

# %%
before = digests(pack_dir)
refusal = None
try:
    write_pack(case, pack_dir, seed=seed, n_paths=n_paths)
except tk.InputError as err:
    refusal = err
print(refusal if refusal else "the second write was NOT refused")
print("the pack is unchanged" if digests(pack_dir) == before else "the pack CHANGED")

# %% [markdown]
# ## 6. Fonts embedded in the PDF exhibits
#
# Court filing systems and printers need the fonts inside the PDF. The exhibits embed TrueType
# subsets (`pdf.fonttype 42`), so the text stays searchable and prints as drawn. `pdffonts` (from
# poppler-utils) lists them when it is installed.

# %%
import shutil
import subprocess

pdfs = sorted(pack_dir.glob("exhibit-*.pdf"))
if shutil.which("pdffonts") and pdfs:
    print(subprocess.run(["pdffonts", str(pdfs[0])], capture_output=True, text=True).stdout)
else:
    print("pdffonts is not installed (apt-get install poppler-utils) or no PDF in this pack")
# "/FontFile2" marks an embedded TrueType font program
embedded = {pdf.name: b"/FontFile2" in pdf.read_bytes() for pdf in pdfs}
print(f"{sum(embedded.values())} of {len(embedded)} PDF exhibits embed their TrueType fonts")

# %% jupyter={"source_hidden": true} tags=["checks"]
# Checks (they print nothing when they pass)
assert s["low"] <= s["median"] <= s["high"]
assert numbers["seed"] == seed and numbers["n_paths"] == n_paths
assert first_hashes == second_hashes, different
assert refusal is not None and refusal.field == "--out", "a second write into a non-empty folder must be refused"
assert digests(pack_dir) == before
assert all(embedded.values()), [name for name, ok in embedded.items() if not ok]
