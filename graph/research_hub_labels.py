"""The words of notebook 6 (gifts, needs and the House): table headers and figure texts.

Kept apart from :mod:`graph.research_labels`, which lists them with its own so ``L`` knows them;
their Kazakh and Russian live in ``graph/i18n/locales/<kk|ru>/research_hub.po``.
"""

from __future__ import annotations

from collections.abc import Mapping

from graph.i18n import Text, t

__all__ = ["HUB_HEADERS", "HUB_WORDS"]

HUB_HEADERS: Mapping[str, Text] = {
    # in-kind flow (graph.analytics.hub.in_kind_flow), the categories in their own units
    "handovers": t("handovers"),
    "value_kzt": t("value, tenge"),
    "flat": t("flats"),
    "house": t("houses"),
    "goods": t("goods (items)"),
    "money": t("money (tenge)"),
    "skill": t("skills (hours)"),
    "volunteer_time": t("volunteer time (hours)"),
    "premises": t("premises (months)"),
    "transport": t("transport (trips)"),
    "category": t("category"),
    "offer_settlement": t("settlement of the offer"),
    "org_settlement": t("settlement of the organisation"),
    # needs
    "needs": t("needs"),
    "reached": t("reached by a handover"),
    "share_reached": t("share reached"),
    "median_days": t("median days"),
    "q1_days": t("days, first quartile"),
    "q3_days": t("days, third quartile"),
    "unmet": t("unmet"),
    "share_unmet": t("share unmet"),
    "still_open": t("still open"),
    "closed_unmet": t("closed unmet"),
    "urgent_open": t("urgent, still open"),
    # citizens' gifts
    "share": t("share"),
    "cumulative_share": t("cumulative share"),
    # trainings, before and after
    "year": t("year"),
    "cohort": t("first training"),
    "group": t("group"),
    "trained": t("trained"),
    "untrained": t("untrained"),
    "before": t("before"),
    "after": t("after"),
    "change": t("change"),
    "trained_before": t("trained, before"),
    "trained_after": t("trained, after"),
    "untrained_before": t("untrained, before"),
    "untrained_after": t("untrained, after"),
    "trained_change": t("trained, change"),
    "untrained_change": t("untrained, change"),
    "difference": t("difference"),
}
"""Column and index codes of the hub's tables, and the header each is shown under."""

HUB_WORDS: tuple[Text, ...] = (
    t("In-kind help received, by district (tenge)"),
    t("dwellings handed over"),
    t("Flats and houses received, by district"),
    t("days from need to first handover"),
    t("Time from need to handover, by category ({reached} of {needs} needs reached)"),
    t("needs still open"),
    t("Needs still open, by district and category"),
    t("trainings"),
    t("The House's trainings, by year"),
    t("mean yearly activity (projects + partnerships)"),
    t("Before and after a first training ({window} years each side)"),
    # what the demo generator planted (graph/demo/hub.py)
    t(
        "The demo generator (graph/demo/hub.py) put these patterns there; on the demo region "
        "the figures show that the method finds them, not facts about Pavlodar region:"
    ),
    t("Organisations invented by the demo generator (marked synthetic): {synthetic} of {total}."),
    t(
        "No organisation is the demo generator's: none of the hub patterns it plants is here "
        "by construction."
    ),
    t(
        "Flats are offered in a city 8 times in 10 and houses 1 time in 4 (_URBAN_SHARE); "
        "4 in 10 needs for a dwelling are placed in a village of the organisation's district."
    ),
    t(
        "In {year} every flat and house went from citizens to Клуб добряков Павлодара's housing "
        "project, 6 flats and 4 houses worth the club's 78.5 million tenge of in-kind help "
        "(club_2018): the club's lead among the channels of citizens' gifts is written in."
    ),
    t(
        "Which needs are met and how soon is drawn: a need is served with probability 0.35 + "
        "0.06 per year of age, from offers of its category, nearer ones first, 3–45 days after "
        "both exist (handovers); unmet needs of older years are closed 3 times in 10."
    ),
    t(
        "Whom the House trains is drawn by place and year only: before {year} a training goes 3 "
        "times as often to an urban organisation, from {year} on (RURAL_TRAINING_FROM) 4 times "
        "as often to a rural one. Trainings are drawn after projects and partnerships and never "
        "change them: on the demo a training has no effect on activity, so any difference the "
        "comparison finds is selection or chance."
    ),
)
"""Titles, axis labels and sentences notebook 6 writes itself."""
