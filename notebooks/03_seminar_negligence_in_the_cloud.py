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
# # 03 · Seminar: negligence in the cloud
#
# **For teachers and students.** A data exposure after a cloud misconfiguration raises every
# element of a negligence claim: was there a **duty** to the people whose data leaked; was the
# **standard of care** breached (the Learned Hand formula); did the misconfiguration **cause** the
# harm, despite a criminal's intervening act; do the plaintiffs have **standing**; and how is fault
# shared among the customer, the cloud provider and an integrator?
#
# We work through each element with the toolkit's pure functions, then apply them to a
# reconstruction of the **2019 Capital One incident** (facts from public filings and regulator
# releases only). Exercises end each section: call the `check_*` function with your answer and it
# tells you whether you are right and why.
#
# *Not legal advice: the numbers are teaching parameters, each with its source or stated assumption.*

# %% tags=["parameters"]
# Parameters
seed = 2019
n_paths = 100_000

# %%
import matplotlib.pyplot as plt
import pandas as pd

import toolkit as tk
from toolkit.datasets import load_matter
from toolkit.liability import assess_liability, hand_test
from toolkit.teaching import check_hand, check_payable_share, check_quiz, quiz_question

capital_one = load_matter("capital_one_2019")

# %% [markdown]
# ## 1. Duty and foreseeability
#
# A company that collects personal data and stores it in the cloud owes the data subjects
# reasonable care when the harm of a leak is foreseeable. Foreseeability grows with the sensitivity
# of the data (Social Security numbers and health data more than e-mail addresses) and with how
# well known the failure mode is: publicly readable buckets and open databases have been reported
# for years. The liability engine turns these facts into the duty element:

# %%
liability = assess_liability(capital_one)
liability.elements

# %% [markdown]
# ## 2. Breach of the standard of care: the Hand formula
#
# Judge Learned Hand's test in *United States v. Carroll Towing Co.*, 159 F.2d 169 (2d Cir. 1947):
# a precaution is owed when its burden **B** is less than the probability of the harm it prevents
# times the loss, **P·L**. For one security control, P is the *reduction* in the probability of
# the exposure that the control buys (ΔP).

# %%
# Illustrative numbers (not from a source): a configuration scanner costing $60,000 a year that
# removes a 2% annual chance of a $40M exposure:
hand_test(burden=60_000, delta_p=0.02, loss=40_000_000)

# %% [markdown]
# The toolkit runs this test for every control relevant to the matter's misconfiguration. Each
# row shows B, ΔP·L, the margin and the verdict; the costs and risk reductions come from
# `data/controls.csv`, each with its source or stated assumption.

# %%
liability.controls

# %%
ax = liability.plot_hand()
plt.show()

# %% [markdown]
# **Exercise 1** (illustrative numbers). Multi-factor authentication on administrator accounts costs \$15,000 a year and
# removes a 3% annual chance of a \$5M loss. Was it owed? Answer `"owed"` or `"not owed"`.

# %%
check_hand(burden=15_000, delta_p=0.03, loss=5_000_000, answer="owed")

# %% [markdown]
# **Explore.** Move B, P and L and watch the verdict flip where B = P·L.

# %% tags=["nbval-ignore-output"]
from toolkit.widgets import CausationExplorer, FaultExplorer, HandExplorer

hand = HandExplorer(B=15_000, P=0.03, L=5_000_000)
hand

# %% [markdown]
# ## 3. Causation: but-for, proximate cause and the intervening criminal
#
# But-for causation asks whether the exposure would have happened without the misconfiguration;
# proximate cause asks whether the harm is within the risk that made the conduct negligent. A
# criminal intruder does not break the chain when the intrusion is exactly the risk the control was
# meant to stop. The evidence's strength is the matter's `causation_strength`; prior exposure of the
# same people's data elsewhere lowers the share of damages attributable to this breach.

# %%
rows = []
for strength in (0.2, 0.5, 0.8):
    for prior in (0.0, 0.5):
        la = assess_liability(capital_one.replace(causation_strength=strength, prior_exposure=prior))
        rows.append({"strength of the causation evidence": strength, "share of the class already exposed elsewhere": prior,
                     "P(causation)": la.p_causation, "attribution": la.attribution})
pd.DataFrame(rows)

# %% [markdown]
# **Explore.** Vary the causation evidence, the intervening criminal act and prior exposure.

# %% tags=["nbval-ignore-output"]
causation = CausationExplorer(capital_one)
causation

# %%
print(quiz_question("intervening_act"))

# %%
check_quiz("intervening_act", "b")

# %% [markdown]
# ## 4. Standing and cognizable harm
#
# Federal courts hear a data-breach class action only if the plaintiffs show an injury in fact.
# After *Clapper v. Amnesty International USA*, 568 U.S. 398 (2013), *Spokeo, Inc. v. Robins*, 578
# U.S. 330 (2016) and *TransUnion LLC v. Ramirez*, 594 U.S. 413 (2021), the circuits differ on
# whether the risk of future identity theft suffices. The engine reads the circuit from the forum
# and weighs the data types and evidence of misuse.

# %%
rows = []
for forum in ("E.D. Va.", "N.D. Cal.", "N.D. Ill."):
    for misuse in ("no", "yes"):
        la = assess_liability(capital_one.replace(forum=forum, evidence_of_misuse=misuse))
        rows.append({"forum": forum, "evidence of misuse": misuse, "P(standing)": la.p_standing,
                     "P(survive motion to dismiss)": la.p_survive_dismissal})
pd.DataFrame(rows)

# %%
print(quiz_question("transunion"))
check_quiz("transunion", "b")

# %% [markdown]
# ## 5. Shared responsibility and the allocation of fault
#
# The providers' shared-responsibility model puts "security *of* the cloud" on the provider and
# "security *in* the cloud" (data, identities, configuration) on the customer. Who configured the
# failing layer, whether the provider's default was insecure, and whether an integrator was
# contracted for it set each party's share; the jurisdiction's comparative-fault and
# joint-and-several rules then decide what each pays.

# %%
rows = []
for model in ("iaas", "paas", "saas"):
    for layer in ("data", "identity", "network", "platform"):
        la = assess_liability(capital_one.replace(service_model=model, misconfigured_layer=layer))
        shares = la.fault.set_index("party")["share"]
        rows.append({"service model": model, "layer": layer, **shares.to_dict()})
pd.DataFrame(rows)

# %% [markdown]
# **Exercise 2** (illustrative numbers). The customer bears 80% of the fault and the provider 20%; the plaintiff is 10% at
# fault; liability is several. Under *pure* comparative fault, what share of the damages does the
# customer pay? (Answer as a fraction, e.g. `0.5`.)

# %%
check_payable_share(shares={"customer": 0.8, "provider": 0.2, "integrator": 0.0}, plaintiff_fault=0.1,
                    rule="pure", party="customer", answer=0.72)

# %% [markdown]
# **Explore.** Service model × misconfigured layer × jurisdiction rule, and the plaintiff's own fault.

# %% tags=["nbval-ignore-output"]
fault = FaultExplorer(capital_one)
fault

# %%
print(quiz_question("shared_responsibility"))
check_quiz("shared_responsibility", "b")

# %% [markdown]
# ## 6. Governance, incident handling and harm
#
# Courts and regulators weigh more than the technical controls. The **governance program** around
# them (a current risk assessment, change management, a security program with owners, independent
# audits, board oversight, documentation, training) enters the breach element as evidence of care or
# its absence, next to the Hand test. **How the incident was handled** (how fast it was found and
# contained, whether notice met the deadline, whether the company cooperated and offered credit
# monitoring) and **aggravation** (ignored warnings, previous infringements, money saved by lax
# security) move the penalty track: GDPR Art. 83(2), the ICO's penalty notices, HIPAA's culpability
# tiers (45 C.F.R. § 160.404) and the notification deadlines (72 hours under GDPR Art. 33(1) and
# NYDFS 23 NYCRR 500.17; 60 days under HIPAA; 30 days in several states). The **harms** the class
# alleges (identity theft, lost time, distress) move standing and damages. An unknown answer moves
# nothing.
#
# The teaching hypothetical (invented facts) fills every block. Here are the penalty factors it
# triggers, each with its signed share and legal basis, and the deadlines that bind it:

# %%
from toolkit.regimes import regulatory_exposure
from toolkit.regimes.factors import notification_deadlines, penalty_factors, penalty_multiplier
from toolkit.teaching import check_hipaa_tier, check_notification

teaching = load_matter("teaching_open_elasticsearch")
factors = penalty_factors(teaching)[["factor", "answer", "share", "basis"]]
factors.assign(factor=factors["factor"].str.replace("_", " "))

# %%
notification_deadlines(teaching)[["provision", "deadline_days", "days_to_notify", "status"]]

# %% [markdown]
# What would a better, or a worse, response have changed? Three versions of the same breach:

# %%
scenarios = {
    "as filed": teaching,
    "better: notified on day 20, contained in 2 days, cooperated": teaching.replace(
        days_to_notify=20, notified_regulator_on_time="yes", days_to_contain=2, cooperated_with_regulator="yes"),
    "worse: notified on day 120, not corrected, no cooperation": teaching.replace(
        days_to_notify=120, days_to_contain=90, corrected_within_30_days="no", cooperated_with_regulator="no"),
}
rows = []
for label, case in scenarios.items():
    hipaa = regulatory_exposure(case).query("regime.str.startswith('HIPAA')").iloc[0]
    la = assess_liability(case)
    rows.append({"scenario": label, "penalty multiplier": penalty_multiplier(case),
                 "HIPAA median (USD)": hipaa["median"], "HIPAA tiers": hipaa["basis"].split(";")[0],
                 "P(survive motion to dismiss)": la.p_survive_dismissal, "P(breach)": la.p_breach})
pd.DataFrame(rows)

# %% [markdown]
# **Exercise 3** (incident handling). The company discovered the exposure and notified the affected
# patients 75 days later. Under the HIPAA Breach Notification Rule (45 C.F.R. § 164.404(b)) was the
# notice `"late"` or `"on time"`?

# %%
check_notification(days_to_notify=75, deadline="hipaa_164_404", answer="late")

# %% [markdown]
# **Exercise 4.** The company had ignored an internal warning about the open port (willful neglect)
# but closed it two days after discovery. Which HIPAA culpability tier applies?

# %%
check_hipaa_tier(willful=True, corrected_within_30_days=True, answer=3)

# %%
print(quiz_question("cooperation"))
check_quiz("cooperation", "b")

# %% [markdown]
# ## 7. Case study: Capital One (2019)
#
# An attacker used a misconfigured web application firewall to make the server request temporary
# credentials from the cloud instance metadata service (server-side request forgery), then listed
# and copied storage buckets holding credit-card application data of about 106 million people.
# The OCC fined the bank \$80 million in 2020 and the consumer class settled for \$190 million in
# 2022 (both in `data/outcomes.csv`, with their sources). What does the toolkit make of the
# reconstructed facts?

# %%
result = tk.assess(capital_one, seed=seed, n_paths=n_paths)
result.summary()

# %%
ax = result.plot_waterfall()
plt.show()

# %%
ax = result.plot_settlement()
plt.show()

# %%
from toolkit.datasets import load_outcomes

actual = load_outcomes().query("incident_id == 'capital-one-2019'")[["outcome_id", "outcome_type", "forum", "amount_usd", "outcome_year"]]
actual

# %% [markdown]
# **Discussion.** Where does the model's settlement range sit against the actual \$190 million
# settlement and the market check? Which inputs would you change, and why? (Hint: look at the
# tornado below; the class-certification probability and the per-person harm are assumptions an
# expert would have to defend.) Note that Capital One's own outcomes are among the rows the market
# check was fitted on, so agreement here is not an out-of-sample test; the cross-validated error
# rates in the README are.

# %%
ax = result.plot_tornado()
plt.show()

# %% jupyter={"source_hidden": true} tags=["checks"]
# Checks (they print nothing when they pass)
assert check_hand(burden=15_000, delta_p=0.03, loss=5_000_000, answer="owed").correct
