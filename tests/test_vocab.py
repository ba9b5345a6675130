"""One vocabulary: every grouping of jurisdictions is a view of ``toolkit.vocab.jurisdiction_region``."""
import pytest

import toolkit.case
from toolkit import vocab
from toolkit.calibration import jurisdiction_region as calibration_region
from toolkit.damages.regressor import REGIME_GROUPS, regime_group
from toolkit.datasets import load_outcomes
from toolkit.datasets.explore import REGIMES, regime_of

CODES = ["US", "US-CA", "US-NY", "EU-IE", "EU-DE", "EU-NO", "NO", "IS", "LI", "CH", "GB", "UK", "GB-SCT",
         "SG", "AU", "JP", "CA", "CA-QC", "BR", "TR", "ZA"]


@pytest.mark.parametrize("code", ["NO", "IS", "LI", "EU-NO", "EU-IS", "EU-LI"])
def test_eea_states_are_eu_in_every_grouping(code):
    assert vocab.jurisdiction_region(code) == "eu"
    assert regime_group(code) == "eu"
    assert calibration_region(code) == "eu"
    assert regime_of(code) == "EU/EEA (GDPR)"


@pytest.mark.parametrize("code", CODES)
def test_groupings_are_views_of_one_region(code):
    region = vocab.jurisdiction_region(code)
    assert region in vocab.AUTHORITY_REGIONS
    assert regime_group(code) == (region if region in REGIME_GROUPS else "other")
    expected = "us" if region.startswith("us_") else region
    if region == "americas":  # the calibration keeps Canada apart and pools the rest with "other"
        expected = "ca" if code.startswith("CA") else "other"
    assert calibration_region(code) == expected
    labels = dict(zip(("us_federal", "us_state", "eu", "gb"), REGIMES))
    assert regime_of(code) == labels.get(region, "other")


def test_every_jurisdiction_of_the_outcomes_has_a_region():
    regions = load_outcomes()["jurisdiction"].map(vocab.jurisdiction_region)
    assert regions.isin(vocab.AUTHORITY_REGIONS).all()
    # the curated table holds EEA outcomes (Norway, Iceland; as EU-NO or NO): they must not fall into "other"
    codes = load_outcomes()["jurisdiction"].str.upper()
    eea = codes.str.replace("EU-", "", regex=False).str.split("-").str[0].isin(vocab.EEA_STATES)
    assert eea.any() and (regions[eea] == "eu").all()


def test_authority_regions_agree_with_their_country():
    for code, authority in vocab.AUTHORITIES.items():
        if code in ("US-MULTISTATE-AG",):
            continue
        assert vocab.jurisdiction_region(authority.country) == authority.region, code


@pytest.mark.parametrize("bad", [None, "", 3.0])
def test_non_codes_are_other(bad):
    assert vocab.jurisdiction_region(bad) == "other"


def test_defences_and_layers_live_in_vocab_and_are_reexported():
    assert toolkit.case.DEFENSES is vocab.DEFENSES
    assert toolkit.case.LAYERS is vocab.LAYERS
    assert set(vocab.DEFAULT_LAYER) == set(vocab.MISCONFIGURATION_TYPES)
    assert set(vocab.DEFAULT_LAYER.values()) <= set(vocab.LAYERS)
