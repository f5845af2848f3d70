"""The words of the research notebooks' figures and tables, in the language their ``LANG`` names.

A notebook's opening cell says ``L = notebook_language(LANG)``; then ``L("Ties per organisation")``
is that title in ``LANG`` and ``L.table(frame)`` shows a table with its headers translated (the
frame itself keeps its codes, which the analysis goes on using). The English text
is the key and the gettext message id, so the texts live here, in ``graph/``, and their Kazakh and
Russian translations in ``graph/i18n/locales/<kk|ru>/research.po``, checked like every other
message. A text not listed here is an error rather than a figure left half in English.

Values of the graph's vocabularies (organisation kinds, settlement types, mechanisms) stay codes,
as the data holds them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graph.errors import SeriktesError
from graph.i18n import Language, Text, t
from graph.research_hub_labels import HUB_HEADERS, HUB_WORDS

__all__ = ["HEADERS", "TEXTS", "Labels", "notebook_language"]

HEADERS: Mapping[str, Text] = {
    # who and where
    "bin": t("BIN"),
    "name": t("name"),
    "kind": t("kind"),
    "settlement": t("settlement"),
    "district_name": t("district"),
    "district_kato": t("district KATO"),
    "organizations": t("organisations"),
    "organisations": t("organisations"),
    "organisation": t("organisation"),
    "population": t("population"),
    "per_10k": t("per 10,000 residents"),
    # network
    "degree": t("ties (degree)"),
    "weighted_degree": t("weighted degree"),
    "betweenness": t("betweenness"),
    "pagerank": t("PageRank"),
    "core_number": t("core number"),
    "in_core": t("share in the core"),
    "mean_ties": t("mean ties"),
    "without_ties": t("without ties"),
    # staff and activity
    "mean_staff": t("mean paid staff"),
    "median_staff": t("median paid staff"),
    "no_paid_staff": t("share without paid staff"),
    "five_or_more_staff": t("share with 5 or more paid staff"),
    "mean_activity": t("mean activity"),
    "median_activity": t("median activity"),
    "activity": t("activity"),
    "rank": t("rank"),
    "projects": t("projects"),
    "partners": t("partners in force"),
    "volunteers": t("volunteers"),
    "results": t("results"),
    "projects_score": t("projects (score)"),
    "partners_score": t("partners (score)"),
    "volunteers_score": t("volunteers (score)"),
    "results_score": t("results (score)"),
    # money
    "funding_kzt": t("funding, tenge"),
    "state_kzt": t("state money, tenge"),
    "state_share": t("state share"),
    "funding_per_head": t("funding per resident, tenge"),
    "hhi": t("funder concentration (HHI)"),
    "revenue_hhi": t("revenue concentration (HHI over revenue types)"),
    "revenue_types": t("revenue types"),
    "funders": t("funders"),
    "funded_projects": t("funded projects"),
    "self_funded": t("self-funded"),
    "state_social_order_kzt": t("state social order, tenge"),
    "state_grant_kzt": t("state grants, tenge"),
    "ngo_award_kzt": t("NGO awards, tenge"),
    "private_donation_kzt": t("donations, tenge"),
    "in_kind_kzt": t("in-kind help, tenge"),
    "own_income_kzt": t("own income, tenge"),
    # results
    "completed_projects": t("completed projects"),
    "reach_ratio": t("reached ÷ targeted"),
    "beneficiaries_reached": t("people reached"),
    "kzt_per_beneficiary": t("tenge per person reached"),
    "people_per_million_kzt": t("people reached per million tenge"),
    "median_reach_ratio": t("median reached ÷ targeted"),
    "median_people_per_million": t("median people reached per million tenge"),
    # youth groups, akimats and veterans
    "supported_by_district_akimat": t("supported by the district akimat"),
    "district_support_forms": t("forms of district akimat support"),
    "youth_groups": t("youth groups"),
    "supported": t("supported"),
    "best_is_supported": t("the most active is supported"),
    "best_activity": t("highest activity"),
    "most_active_unsupported": t("most active not supported"),
    "its_activity": t("its activity"),
    "youth_name": t("youth group"),
    "partnership": t("partnership"),
    "partnerships": t("partnerships"),
    "project_only": t("shared projects only"),
    "shared_projects": t("shared projects"),
    "same_district": t("same district"),
    "basis": t("basis"),
    "since": t("since"),
    # statistics and the evaluation of partner discovery
    "value": t("value"),
    "count": t("count"),
    "mean": t("mean"),
    "50%": t("median"),
    "seed": t("seed"),
    "method": t("method"),
    "score": t("score"),
    "reasons": t("reasons"),
    "mrr": t("mean reciprocal rank"),
    "suggester": t("partner suggester"),
    "random": t("random"),
    "same_territory": t("same territory"),
    "common_neighbours": t("common neighbours"),
    "adamic_adar": t("Adamic–Adar"),
    "logistic": t("logistic regression on the suggester's features"),
    "shared_then_adamic_adar": t("shared projects, then Adamic–Adar"),
    "kind_propensity": t("kind-pair propensity"),
    "std": t("standard deviation"),
    "min": t("minimum"),
    "max": t("maximum"),
    "world": t("world"),
    "demo": t("demo (the scorer's rules planted)"),
    "focus": t("focus (partners through a shared problem)"),
    "graph": t("graph loaded"),
    "demo_seed": t("demo seed"),
    "cutoff": t("cut-off"),
    "visible": t("partnerships visible"),
    "hidden": t("partnerships hidden"),
    "undated": t("undated partnerships"),
    "pairs": t("pairs"),
    "band": t("rank band"),
    "acceptance": t("acceptance rate"),
    "declined": t("declined"),
    "common_partners": t("common partners"),
    "complementary_kinds": t("complementary kinds"),
    "shared_focus": t("shared focus areas"),
    "same_akimat": t("same akimat"),
    "former_partners": t("former partners"),
    "complementary_resources": t("complementary resources"),
    **HUB_HEADERS,  # 06 · gifts, needs and the House
}
"""Column and index codes of the analytics tables, and the header each is shown under."""

_NUMBERED: tuple[tuple[re.Pattern[str], Text], ...] = (
    (re.compile(r"precision@(?P<k>\d+)"), t("precision@{k}")),
    (re.compile(r"recall@(?P<k>\d+)"), t("recall@{k}")),
)
"""Headers with a number in them (``precision@10``)."""

_WORDS: tuple[Text, ...] = (
    # 01–04 · what the demo generator planted (printed when the demo region is loaded)
    t("Organisations marked synthetic (invented by the demo generator): {synthetic} of {total}."),
    t(
        "No organisation is the demo generator's: none of the patterns it plants is here by "
        "construction."
    ),
    t(
        "The demo generator (graph/demo) put these patterns there; on the demo region the "
        "figures show that the method finds them, not facts about Pavlodar region:"
    ),
    t(
        "The House of NGOs is the hub: the generator ties it to each urban organisation with "
        "probability 0.3 and to each rural one with 0.12 (graph/demo/partnerships.py, the "
        "resource centre's ties)."
    ),
    t(
        "Rural organisations have fewer ties: the generator makes 80% of urban and 25% of "
        "rural organisations strong (graph/demo/organizations.py), and strong ones take more "
        "co-participants into their projects (projects.co_participants in "
        "graph/demo/data/generator.toml: 1.2 against 0.66 on average)."
    ),
    t(
        "The ties follow the generator's rules (graph/demo/partnerships.py): n joint projects"
        " become a partnership with probability 1 − 0.6^n, veterans' unions mentor 1–3 youth "
        "groups, experienced urban NGOs take on rural ones working on the same problem."
    ),
    t(
        "How many organisations of each kind there are follows organizations.kinds in "
        "graph/demo/data/generator.toml (NGO 51.5, volunteer club 20, youth group 15, "
        "veterans' union 8, foundation 4, resource centre 1.5)."
    ),
    t(
        "More organisations per 10,000 residents in the cities: organizations.urban_density "
        "places 2.6 (Pavlodar), 2.0 (Ekibastuz) and 1.8 (Aksu) times as many per resident as "
        "in rural okrugs."
    ),
    t(
        "Fewer paid staff and less activity in the villages: the generator makes 80% of urban"
        " and 25% of rural organisations strong and draws more staff for strong and for urban"
        " ones (graph/demo/organizations.py)."
    ),
    t(
        "Less money per resident and a higher state share in the villages: project budgets "
        "are 1.5 times larger for urban leads (graph/demo/projects.py), and "
        "organizations.profiles makes 45 in 100 weak rural organisations budget-dependent "
        "against 22 in 100 strong urban ones."
    ),
    t(
        "Rural organisations tie to the city: rural leads often find co-participants in the "
        "regional centre (regional_centre in graph/demo/data/generator.toml), and experienced"
        " urban NGOs take on rural ones (graph/demo/partnerships.py)."
    ),
    t(
        "Budget dependency is drawn, not observed: organizations.profiles gives each "
        "organisation a hidden profile (budget, self-funded, mixed, dormant) by place and "
        "capacity, and a budget-profile project is all state money 7 times in 10, otherwise "
        "85–95% (graph/demo/funding.py)."
    ),
    t(
        "Lower reach with a higher state share is planted: a budget-profile project reaches "
        "30–75% of its target 8 times in 10, a self-funded one 85–108%, and weak capacity "
        "cuts that by a further 5–30% (graph/demo/projects.py, the result ratio)."
    ),
    t(
        "Revenue concentration follows projects.private_sources in "
        "graph/demo/data/generator.toml: a budget-profile project has one kind of non-state "
        "money, a self-funded one up to three; the state mechanisms' mix follows "
        "projects.state_mechanisms (state social order 75, state grant 20, award 5)."
    ),
    t(
        "Клуб добряков Павлодара's figures are the article's, written into "
        "graph/demo/data/real_organizations.toml, not measured."
    ),
    t(
        "Veterans–youth ties are planted: each veterans' union mentors 1–3 youth groups (the "
        "Afghan veterans' union 5), from its own district 8 times in 10 "
        "(graph/demo/partnerships.py), and a veterans' union leading a project takes youth "
        "groups of its area 7 times in 10 (graph/demo/projects.py)."
    ),
    t(
        "Supported youth groups are more active by construction: akimats support only "
        "organisations that led a project and are not dormant, a youth group with chance 0.35"
        " (1.5 times that in the villages) (graph/demo/supports.py), and a youth group is "
        "dormant one time in four (graph/demo/organizations.py)."
    ),
    t(
        "Where youth groups are follows organizations.kinds (youth group 15 in 100) and "
        "organizations.urban_density in graph/demo/data/generator.toml: districts without a "
        "youth group are a draw of the generator."
    ),
    t("median revenue-type HHI"),
    t("How concentrated each organisation's funding is"),
    t("concentration (HHI)"),
    # 01 · the network at a glance
    t("ties"),
    t("ties with a partnership in force"),
    t("ties through joint projects only"),
    t("density"),
    t("mean ties per organisation"),
    t("median ties per organisation"),
    t("connected components"),
    t("organisations in the largest component"),
    t("organisations without ties"),
    t("average clustering"),
    t("all"),
    t("Ties per organisation"),
    t("ties (degree), log scale"),
    t("share with at least this many, log scale"),
    t("Complementary cumulative distribution"),
    t("kind (colour)"),
    t("settlement (shape)"),
    t("Partnership network: largest component, {shown} of {total} organisations, {ties} ties"),
    # 02 · the urban/rural divide
    t("organisations per 10,000 residents"),
    t("Organisations per 10,000 residents"),
    t("mean paid staff per organisation"),
    t("Mean paid staff per organisation"),
    t("mean activity score (0–1)"),
    t("Mean activity score (0–1)"),
    t("Funding per resident, tenge"),
    t("Civil society by district (sorted by organisations per 10,000 residents)"),
    t("paid staff"),
    t("Paid staff per organisation"),
    t("activity score (0–1)"),
    t("Activity score (0–1) per organisation"),
    t("share of organisations in the core"),
    t("In the network's core"),
    t("E-I index"),
    t("whole graph"),
    t("assortativity"),
    # 03 · budget dependency and results
    t("with funding"),
    t("median state share"),
    t("state share ≥ {share:.0%}"),
    t("no state money (self-funded)"),
    t("median funder HHI"),
    t("single funder (HHI ≥ {hhi})"),
    t("flag threshold"),
    t("state share of funding"),
    t("State-budget share of each organisation's funding"),
    t("single funder"),
    t("million tenge"),
    t("mechanism"),
    t("Funding by mechanism (red = state budget)"),
    t("people reached ÷ targeted (completed projects)"),
    t("Reach against state share"),
    t("people reached per million tenge (log scale)"),
    t("Results per tenge against state share"),
    t("settlement (size = funding)"),
    # 04 · youth organisations and veterans
    t("{component} (weight {weight:.1f})"),
    t("not supported"),
    t("activity score (0–1), by weighted component"),
    t("The most active youth group of each district, and its district akimat's support"),
    t("component"),
    t("Activity of youth groups, by district akimat support"),
    t("youth groups tied to the union"),
    t("Veterans' unions and the youth groups they work with"),
    # 05 · partner discovery
    t("world «{world}»"),
    t("MRR: mean ± one standard deviation; dashes: minimum and maximum"),
    t(
        "Foreseeing the partnerships that began last: {demo} demo seeds × {hide} hide seeds, "
        "latest {share:.0%} hidden"
    ),
)
"""Titles, axis labels, legends and row labels the notebooks write themselves."""

TEXTS: Mapping[str, Text] = {
    text.msgid: text
    for text in (*HEADERS.values(), *(text for _, text in _NUMBERED), *_WORDS, *HUB_WORDS)
}
"""Every text a notebook may ask ``L`` for, by its English wording."""


@dataclass(frozen=True, slots=True)
class Labels:
    """The notebook texts in one language: call it with the English text, ``.table`` a frame."""

    language: Language

    def __call__(self, english: str, /, **params: object) -> str:
        """``english`` (a text listed in this module) in this language, ``{params}`` filled in."""
        text = TEXTS.get(english)
        if text is None:
            raise SeriktesError(
                t(
                    "{text!r} is not a notebook text; add it to graph/research_labels.py "
                    "and translate it",
                    text=english,
                )
            )
        return Text(text.msgid, params).render(self.language)

    def header(self, code: Any) -> Any:
        """The header a column or index code is shown under; anything else as it is."""
        if not isinstance(code, str):
            return code
        if code in HEADERS:
            return HEADERS[code].render(self.language)
        for pattern, text in _NUMBERED:
            if found := pattern.fullmatch(code):
                return Text(text.msgid, found.groupdict()).render(self.language)
        return code

    def table(self, frame: Any, *, rows: bool = False) -> Any:
        """``frame`` (a DataFrame, or a Series as one column) to show, its column and index names
        translated; with ``rows``, its row labels too, when they are codes (methods, measures)."""
        shown = frame.to_frame() if frame.ndim == 1 else frame
        shown = shown.rename(columns=self.header, index=self.header if rows else None)
        shown.index = shown.index.set_names([self.header(n) for n in shown.index.names])
        shown.columns = shown.columns.set_names([self.header(n) for n in shown.columns.names])
        return shown


def notebook_language(language: str | Language) -> Labels:
    """The labels of a notebook in ``language`` (``"en"``, ``"ru"`` or ``"kk"``).

    It also makes ``language`` the language of this process, as ``SERIKTES_LANG`` does for the
    CLI, so texts that ``graph`` functions return (flags, suggestion reasons) read the same.
    """
    try:
        chosen = Language(str(language).strip().lower())
    except ValueError:
        raise SeriktesError(
            t("LANG must be one of en, ru, kk; got {value!r}", value=language)
        ) from None
    os.environ["SERIKTES_LANG"] = chosen.value
    return Labels(chosen)
