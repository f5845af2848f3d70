"""Partner discovery for coordinators: who could work with whom, and why.

* :mod:`~graph.discovery.suggestions` — :func:`suggest_partners` for an organisation and
  :func:`suggest_for_project` for a project, ranked by the explainable score of
  :mod:`~graph.discovery.scoring` (weights and features) with the typed reasons of
  :mod:`~graph.discovery.reasons`.
* :mod:`~graph.discovery.paths` — :func:`connection`: the shortest chains of real relationships
  between two organisations, each hop in words.
* :mod:`~graph.discovery.activity` — :func:`active_organizations`: the most active organisations
  of a territory (the analytics activity score, broken down) and whether its akimat supports them.
* :mod:`~graph.discovery.outcomes` — :func:`record_outcome` / :func:`outcomes`: what
  coordinators did with a suggestion; declined pairs are never suggested again.
* :mod:`~graph.discovery.duplicates` — :func:`possible_duplicates`.
* :mod:`~graph.discovery.evaluation` — :func:`evaluate` / :func:`evaluate_worlds`: evaluation
  by time against the baselines of :mod:`~graph.discovery.baselines`, on the same scoring code
  users get, as mean ± spread over seeds.
* :mod:`~graph.discovery.outcome_evaluation` — :func:`outcome_evaluation`: acceptance of the
  suggestions coordinators acted on, by rank and by reason (the real test).
"""

from __future__ import annotations

from graph.discovery.activity import ActiveOrganization, ActivityComponent, active_organizations
from graph.discovery.duplicates import (
    DuplicatePair,
    DuplicateReason,
    DuplicateReasonKind,
    possible_duplicates,
)
from graph.discovery.evaluation import (
    Comparison,
    Report,
    TimeSplit,
    evaluate,
    evaluate_snapshot,
    evaluate_worlds,
)
from graph.discovery.outcome_evaluation import OutcomeReport, outcome_evaluation
from graph.discovery.outcomes import Outcome, OutcomeKind, outcomes, record_outcome
from graph.discovery.paths import ConnectionPath, Hop, HopKind, connection
from graph.discovery.reasons import AkimatRef, OrgRef, ProjectRef, Reason
from graph.discovery.region import region_snapshot
from graph.discovery.scoring import WEIGHTS, Complement, ReasonKind
from graph.discovery.snapshot import Snapshot
from graph.discovery.suggestions import Suggestion, suggest_for_project, suggest_partners

__all__ = [
    "WEIGHTS",
    "ActiveOrganization",
    "ActivityComponent",
    "AkimatRef",
    "Comparison",
    "Complement",
    "ConnectionPath",
    "DuplicatePair",
    "DuplicateReason",
    "DuplicateReasonKind",
    "Hop",
    "HopKind",
    "OrgRef",
    "Outcome",
    "OutcomeKind",
    "OutcomeReport",
    "ProjectRef",
    "Reason",
    "ReasonKind",
    "Report",
    "Snapshot",
    "Suggestion",
    "TimeSplit",
    "active_organizations",
    "connection",
    "evaluate",
    "evaluate_snapshot",
    "evaluate_worlds",
    "outcome_evaluation",
    "outcomes",
    "possible_duplicates",
    "record_outcome",
    "region_snapshot",
    "suggest_for_project",
    "suggest_partners",
]
