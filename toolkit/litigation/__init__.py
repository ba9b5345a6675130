"""Litigation simulation: the stage tree, vectorised Monte Carlo, bargaining zone, sensitivity, decision tree."""
from .bargaining import SettlementRange, settlement_range
from .decision_tree import STAGE_LABELS, decision_tree
from .parameters import DEFAULT_PARAMETERS, STAGES, parameters_table, stage_parameters
from .sensitivity import tornado
from .simulate import Draws, SimulationResult, TrackInputs, certainty_equivalent, simulate, stage_schedule

__all__ = ["Draws", "TrackInputs", "SimulationResult", "simulate", "certainty_equivalent",
           "SettlementRange", "settlement_range", "tornado", "STAGES", "DEFAULT_PARAMETERS",
           "stage_parameters", "parameters_table", "stage_schedule", "decision_tree", "STAGE_LABELS"]
