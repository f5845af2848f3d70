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
* :mod:`~graph.discovery.evaluation` — :func:`evaluate`: hidden-edge evaluation against
  baselines, on the same scoring code users get.
"""

from __future__ import annotations

from graph.discovery.activity import ActiveOrganization, ActivityComponent, active_organizations
from graph.discovery.duplicates import (
    DuplicatePair,
    DuplicateReason,
    DuplicateReasonKind,
    possible_duplicates,
)
from graph.discovery.evaluation import Evaluation, MethodScore, evaluate, evaluate_snapshot
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
    "Complement",
    "ConnectionPath",
    "DuplicatePair",
    "DuplicateReason",
    "DuplicateReasonKind",
    "Evaluation",
    "Hop",
    "HopKind",
    "MethodScore",
    "OrgRef",
    "Outcome",
    "OutcomeKind",
    "ProjectRef",
    "Reason",
    "ReasonKind",
    "Snapshot",
    "Suggestion",
    "active_organizations",
    "connection",
    "evaluate",
    "evaluate_snapshot",
    "outcomes",
    "possible_duplicates",
    "record_outcome",
    "region_snapshot",
    "suggest_for_project",
    "suggest_partners",
]
