CELLS = [
("md", """# 05 · What-if dashboard

Move the controls on the left; every number and chart on the right is recomputed at once.

- **Causation strength**: how strongly the evidence ties the misconfiguration to the harm (0 = not at all, 1 = conclusively).
- **Governance controls**: for each control, whether the evidence shows it was in place (*yes*), missing (*no*) or is silent (*unknown*).
- **Exposure, law and forum**: how many records were exposed, the cloud service model, the law that governs the claim and the court.
- **Litigation and fines**: the chance a class is certified and the defendant's annual revenue (for turnover-based fines and the cost of precautions).

The charts show the probability of liability and what moved it, the damages, who bears the fault, and the
settlement distribution with the bargaining zone and the range of comparable settlements. **Export exhibits**
writes the current view as numbered exhibits (PDF and PNG) with the tables behind them.

To open it without code: `voila notebooks/05_dashboard.ipynb`. The numbers quantify stated assumptions and
curated public outcomes; they are not legal advice."""),
("code", """# Parameters (papermill can override them)
matter_path = "../data/matters/teaching_open_elasticsearch.yaml"
seed = 0""", ["parameters"]),
("code", """from IPython.display import display

import toolkit as tk
from toolkit.widgets import CaseExplorer

explorer = CaseExplorer(tk.Case.from_yaml(matter_path), seed=seed)
display(explorer.widget)""", ["nbval-ignore-output"]),
("code", """# A check that guards this dashboard in CI (it prints nothing when it passes)
before = explorer.result.liability.probability
explorer.controls["causation_strength"].value = 0.95
assert explorer.result.liability.probability >= before, "stronger causation never lowers liability"
explorer.controls["causation_strength"].value = tk.Case.from_yaml(matter_path).causation_strength
s = explorer.result.settlement
assert s.low <= s.median <= s.high"""),
]
