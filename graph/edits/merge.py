"""Merging an organisation registered twice into the one to keep.

Every relationship of ``merge`` moves onto ``keep``; a relationship keep already has with the
same key is *combined* with it instead of doubled: one participation per (project, role), one
funding row per (project, mechanism, year), one partnership per partner, one support per (akimat,
kind, since), one membership or volunteering per person, one link per focus area. Combined
properties are keep's, with what only merge knew filled in; dates of a beginning take the
earliest, a partnership is in force when either was. A funding row both recorded is one row: the
money is not counted twice (keep's amount stays; a differing amount is named in ``conflicts``).
Merge's territory is dropped when keep has its own (an organisation is in one place), and a
partnership between the two is dropped. Suggestion outcomes about merge now concern keep.
Relationship types this module does not know move as they are, so nothing is lost.

Merge's BIN and names become aliases of keep (so a search for either finds keep); a
``(:MergedOrganization {bin})-[:MERGED_INTO]->(keep)`` node remembers the BIN, so
:func:`merged_into` answers a lookup by the old BIN and the audit log of keep includes the
entries of the BINs merged into it. The merge is one audited write that locks both
organisations; the dry run (:func:`plan_merge`) computes the very same plan and writes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, LiteralString

from graph.audit import Change, audited_write
from graph.collation import SORT_PROPERTY, sort_keys
from graph.db import Database, Transaction
from graph.errors import Conflict, InvalidInput, NotFound
from graph.i18n import t
from graph.names import search_text
from graph.organizations import PROJECTION, Organization
from graph.scope import Actor, Touches

__all__ = [
    "End",
    "MergeAction",
    "MergePlan",
    "MergeStep",
    "Merged",
    "merge_organizations",
    "merged_into",
    "plan_merge",
]


class MergeAction(StrEnum):
    MOVE = "move"
    """Re-pointed to keep as it is."""
    COMBINE = "combine"
    """Joined with keep's relationship of the same key."""
    DROP = "drop"
    """Not carried over: keep's territory stays, or a partnership of the two with each other."""


@dataclass(frozen=True, slots=True)
class End:
    """The other end of a relationship: its label, natural key and name."""

    label: str
    key: str
    name: str | None = None


@dataclass(frozen=True, slots=True)
class MergeStep:
    """What happens to one relationship of merge."""

    type: str
    action: MergeAction
    other: End
    properties: dict[str, Any] = field(default_factory=dict)
    """Merge's relationship's properties, as they are."""
    conflicts: tuple[str, ...] = ()
    """Properties both had with different values: keep's value stays."""


@dataclass(frozen=True, slots=True)
class MergePlan:
    keep: Organization
    merge: Organization
    steps: tuple[MergeStep, ...]
    aliases_added: tuple[str, ...]
    """Merge's names and BIN, new to keep."""
    properties_filled: tuple[str, ...]
    """Keep's properties that were empty and take merge's value."""

    def count(self, action: MergeAction) -> int:
        return sum(1 for s in self.steps if s.action is action)

    def by_type(self) -> dict[str, tuple[MergeStep, ...]]:
        types = sorted({s.type for s in self.steps})
        return {k: tuple(s for s in self.steps if s.type == k) for k in types}


@dataclass(frozen=True, slots=True)
class Merged:
    organization: Organization
    """Keep, after the merge."""
    plan: MergePlan
    """What was done (the same plan the dry run shows)."""


# -- reading both --------------------------------------------------------------------------------

_READ: LiteralString = (
    """
UNWIND $bins AS bin
OPTIONAL MATCH (o:Organization {bin: bin})
RETURN bin, elementId(o) AS id, properties(o) AS props, """
    + PROJECTION
    + """ AS org,
       COLLECT { MATCH (:MergedOrganization {bin: bin})-[:MERGED_INTO]->(m_into:Organization)
                 RETURN m_into {.bin, .name} }[0] AS into,
       COLLECT { MATCH (o)-[r]-(x)
                 RETURN DISTINCT {id: elementId(r), type: type(r), out: startNode(r) = o,
                                  props: properties(r), other: elementId(x), labels: labels(x),
                                  key: CASE WHEN x:SuggestionOutcome THEN x.id
                                            ELSE coalesce(x.bin, x.code, x.kato, x.id) END,
                                  name: coalesce(x.name, x.title, x.display_name, x.outcome)}
               } AS rels
"""
)
"""Both organisations with every relationship, or where a BIN went when it was merged before."""

_LABELS = (
    "Organization",
    "Project",
    "Territory",
    "Akimat",
    "Person",
    "FocusArea",
    "Donor",
    "SuggestionOutcome",
    "MergedOrganization",
)
"""The label an end is named by (an organisation also has a kind label)."""


@dataclass(frozen=True, slots=True)
class _Rel:
    id: str
    type: str
    out: bool
    props: dict[str, Any]
    other_id: str
    other: End


@dataclass(frozen=True, slots=True)
class _Side:
    id: str
    org: Organization
    props: dict[str, Any]
    rels: tuple[_Rel, ...]


def _end(labels: list[str], key: Any, name: Any) -> End:
    label = next((x for x in _LABELS if x in labels), min(labels, default=""))
    return End(label, str(key) if key is not None else "", name)


def _side(row: dict[str, Any]) -> _Side:
    rels = tuple(
        _Rel(
            r["id"],
            r["type"],
            r["out"],
            dict(r["props"]),
            r["other"],
            _end(r["labels"], r["key"], r["name"]),
        )
        for r in row["rels"]
    )
    return _Side(row["id"], Organization.from_record(row["org"]), dict(row["props"]), rels)


def _sides(rows: Iterable[Any], keep: str, merge: str) -> tuple[_Side, _Side]:
    """Both organisations from the rows of :data:`_READ`, or why they cannot be merged."""
    found = {r["bin"]: r.data() for r in rows}
    for bin, role in ((keep, "keep"), (merge, "merge")):
        row = found[bin]
        if row["org"] is not None:
            continue
        if row["into"] is not None:
            message = t(
                "BIN {bin} was merged into {into} ({name}); name that organisation instead",
                bin=bin,
                into=row["into"]["bin"],
                name=row["into"]["name"],
            )
            raise NotFound(message)
        if role == "keep":
            raise NotFound(t("there is no organisation to keep with BIN {bin}", bin=bin))
        raise NotFound(t("there is no organisation to merge with BIN {bin}", bin=bin))
    kept, merged = _side(found[keep]), _side(found[merge])
    if kept.org.archived:
        message = t(
            "the organisation to keep ({bin}) is archived: restore it first, or keep the other one",
            bin=keep,
        )
        raise InvalidInput(message, field="keep")
    if kept.org.synthetic != merged.org.synthetic:
        message = t("an organisation invented for the demo cannot be merged with a real one")
        raise InvalidInput(message, field="merge")
    return kept, merged


def _distinct(keep: str, merge: str) -> None:
    if keep == merge:
        raise InvalidInput(t("an organisation cannot be merged into itself"), field="merge")


# -- the plan -------------------------------------------------------------------------------------

_KEYED = frozenset(
    {
        "PARTICIPATES_IN",
        "FUNDS",
        "PARTNERS_WITH",
        "SUPPORTS",
        "MEMBER_OF",
        "VOLUNTEERS_FOR",
        "WORKS_ON",
        "LOCATED_IN",
    }
)
"""Relationship types of which an organisation has at most one per key (:func:`_key`)."""
_EARLIEST = {
    "PARTNERS_WITH": "since",
    "MEMBER_OF": "since",
    "VOLUNTEERS_FOR": "since",
}
"""The property saying when a relationship began: combined, the earliest."""
_NOT_FILLED = frozenset(
    {"bin", "name", "aliases", "search_text", "kind", "legal_form", "archived", "synthetic",
     *SORT_PROPERTY.values()}
)  # fmt: skip
"""Organisation properties that are keep's own (or derived), never taken from merge."""


def _key(rel: _Rel) -> tuple[Any, ...] | None:
    """What makes a relationship of a type unique for one organisation; none: never combined."""
    if rel.type not in _KEYED:
        return None
    direction = None if rel.type == "PARTNERS_WITH" else rel.out  # stored by BIN order
    base = (rel.type, direction, rel.other.label, rel.other.key)
    if rel.type == "PARTICIPATES_IN":
        return (*base, rel.props.get("role"))
    if rel.type == "FUNDS":
        return (*base, rel.props.get("mechanism"), rel.props.get("year"))
    if rel.type == "SUPPORTS":
        return (*base, rel.props.get("kind"), rel.props.get("since"))
    return base


def _combined(
    kind: str, kept: dict[str, Any], merged: dict[str, Any]
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Keep's properties with what only merge knew, and the names of those that differed."""
    result = dict(kept)
    conflicts: list[str] = []
    for name, value in merged.items():
        if name in ("until", _EARLIEST.get(kind)):
            continue
        if result.get(name) is None:
            result[name] = value
        elif result[name] != value:
            conflicts.append(name)
    if (began := _EARLIEST.get(kind)) is not None:
        dates = [d for d in (kept.get(began), merged.get(began)) if d is not None]
        result[began] = min(dates) if dates else None
    if kind == "PARTNERS_WITH":  # in force if either is; else ended when the later one did
        ends = (kept.get("until"), merged.get("until"))
        result["until"] = None if None in ends else max(e for e in ends if e is not None)
    return {k: v for k, v in result.items() if v is not None}, tuple(sorted(conflicts))


@dataclass(frozen=True, slots=True)
class _Planned:
    step: MergeStep
    rel: _Rel
    into: _Rel | None = None
    combined: dict[str, Any] | None = None


def _planned(kept: _Side, merged: _Side) -> list[_Planned]:
    own = {key: r for r in kept.rels if (key := _key(r)) is not None}
    located = any(r.type == "LOCATED_IN" for r in kept.rels)
    found: list[_Planned] = []
    for rel in sorted(merged.rels, key=_order):
        key = _key(rel)
        if rel.other_id == kept.id and rel.type == "PARTNERS_WITH":
            found.append(_Planned(_step(rel, MergeAction.DROP), rel))
        elif key is not None and key in own:
            props, conflicts = _combined(rel.type, own[key].props, rel.props)
            step = _step(rel, MergeAction.COMBINE, conflicts)
            found.append(_Planned(step, rel, own[key], props))
        elif rel.type == "LOCATED_IN" and located:
            found.append(_Planned(_step(rel, MergeAction.DROP), rel))
        else:
            found.append(_Planned(_step(rel, MergeAction.MOVE), rel))
    return found


def _step(rel: _Rel, action: MergeAction, conflicts: tuple[str, ...] = ()) -> MergeStep:
    return MergeStep(rel.type, action, rel.other, rel.props, conflicts)


def _order(rel: _Rel) -> tuple[str, str, str, str]:
    return (rel.type, rel.other.label, rel.other.key, rel.id)


def _names(kept: Organization, merged: Organization, filled: dict[str, Any]) -> tuple[str, ...]:
    """Merge's names and BIN that keep does not have yet, to add to its aliases."""
    name_ru, name_kk = (filled.get(k, getattr(kept, k)) for k in ("name_ru", "name_kk"))
    have = {n for n in (kept.name, name_ru, name_kk, *kept.aliases) if n}
    wanted = (merged.name, merged.name_ru, merged.name_kk, *merged.aliases, merged.bin)
    return tuple(n for n in dict.fromkeys(wanted) if n and n not in have)


def _filled(kept: _Side, merged: _Side) -> dict[str, Any]:
    return {
        k: v
        for k, v in sorted(merged.props.items())
        if k not in _NOT_FILLED and not k.startswith("_") and kept.props.get(k) is None
    }


def _plan(kept: _Side, merged: _Side) -> tuple[MergePlan, list[_Planned], dict[str, Any]]:
    planned = _planned(kept, merged)
    filled = _filled(kept, merged)
    aliases = _names(kept.org, merged.org, filled)
    plan = MergePlan(kept.org, merged.org, tuple(p.step for p in planned), aliases, tuple(filled))
    return plan, planned, filled


def plan_merge(db: Database, keep: str, merge: str) -> MergePlan:
    """The dry run: what :func:`merge_organizations` would do now; one read, nothing written."""
    _distinct(keep, merge)
    return _plan(*_sides(db.read(_READ, bins=[keep, merge]), keep, merge))[0]


# -- doing it -------------------------------------------------------------------------------------

_MOVE: LiteralString = """
UNWIND $rows AS row
MATCH ()-[old]->() WHERE elementId(old) = row.id
MATCH (a) WHERE elementId(a) = row.start
MATCH (b) WHERE elementId(b) = row.end
CREATE (a)-[new:$(row.type)]->(b)
SET new = properties(old)
DELETE old
"""
_COMBINE: LiteralString = """
UNWIND $rows AS row
MATCH ()-[kept]->() WHERE elementId(kept) = row.into
MATCH ()-[old]->() WHERE elementId(old) = row.id
SET kept = row.props
DELETE old
"""
_DROP: LiteralString = "UNWIND $ids AS id MATCH ()-[r]->() WHERE elementId(r) = id DELETE r"
_OUTCOMES: LiteralString = """
MATCH (s:SuggestionOutcome)-[:CONCERNS]->(:Organization {bin: $keep})
SET s.bin = CASE s.bin WHEN $merge THEN $keep ELSE s.bin END,
    s.partner_bin = CASE s.partner_bin WHEN $merge THEN $keep ELSE s.partner_bin END
"""
"""Outcomes name their organisations by BIN too: merge's now name keep."""
_KEEP: LiteralString = """
MATCH (o:Organization {bin: $keep})
SET o += $filled, o += $sort_keys, o.aliases = $aliases, o.search_text = $search_text
"""
_BURY: LiteralString = """
MATCH (gone:Organization {bin: $merge}) WHERE NOT EXISTS { (gone)--() }
DELETE gone
WITH count(*) AS deleted
MATCH (o:Organization {bin: $keep})
MERGE (m:MergedOrganization {bin: $merge})
SET m.name = $name, m.name_kk = $name_kk, m.merged_at = datetime(), m.actor = $actor
WITH m, o, deleted
OPTIONAL MATCH (m)-[earlier:MERGED_INTO]->()
DELETE earlier
WITH DISTINCT m, o, deleted
CREATE (m)-[:MERGED_INTO]->(o)
RETURN deleted
"""
"""Delete merge (only if nothing is left on it) and remember its BIN; a BIN merged before (and
imported again since) now points here."""
_SNAPSHOT: LiteralString = "MATCH (o:Organization {bin: $bin}) RETURN " + PROJECTION + " AS org"


def _ends(kept: _Side, merged: _Side, rel: _Rel) -> tuple[str, str]:
    """Start and end of the moved relationship: keep where merge was; a partnership stored from
    the smaller BIN to the larger."""
    other = kept.id if rel.other_id == merged.id else rel.other_id
    if rel.type == "PARTNERS_WITH" and rel.other.label == "Organization":
        return (kept.id, other) if kept.org.bin < rel.other.key else (other, kept.id)
    return (kept.id, other) if rel.out else (other, kept.id)


def _apply(
    tx: Transaction,
    kept: _Side,
    merged: _Side,
    planned: list[_Planned],
    filled: dict[str, Any],
    plan: MergePlan,
    actor: str,
) -> None:
    moves: list[dict[str, Any]] = []
    combines: list[dict[str, Any]] = []
    drops: list[str] = []
    for p in planned:
        if p.step.action is MergeAction.MOVE:
            start, end = _ends(kept, merged, p.rel)
            moves.append({"id": p.rel.id, "type": p.rel.type, "start": start, "end": end})
        elif p.step.action is MergeAction.COMBINE:
            assert p.into is not None
            combines.append({"id": p.rel.id, "into": p.into.id, "props": p.combined})
        else:
            drops.append(p.rel.id)
    tx.run(_MOVE, rows=moves).consume()
    tx.run(_COMBINE, rows=combines).consume()
    tx.run(_DROP, ids=drops).consume()
    tx.run(_OUTCOMES, keep=kept.org.bin, merge=merged.org.bin).consume()
    aliases = [*kept.org.aliases, *plan.aliases_added]
    name_ru, name_kk = (filled.get(k, getattr(kept.org, k)) for k in ("name_ru", "name_kk"))
    tx.run(
        _KEEP,
        keep=kept.org.bin,
        filled=filled,
        aliases=aliases,
        search_text=search_text([kept.org.name, name_ru, name_kk, *aliases]),
        sort_keys=sort_keys(kept.org.name, name_ru, name_kk),  # a filled-in name is shown
    ).consume()
    _bury(tx, kept, merged, actor)


def _bury(tx: Transaction, kept: _Side, merged: _Side, actor: str) -> None:
    deleted = tx.run(
        _BURY,
        keep=kept.org.bin,
        merge=merged.org.bin,
        name=merged.org.name,
        name_kk=merged.org.name_kk,
        actor=actor,
    ).single(strict=True)["deleted"]
    if deleted != 1:  # a relationship was added under us: the whole merge is undone
        message = t(
            "organisation {bin} changed while it was being merged; try again", bin=merged.org.bin
        )
        raise Conflict(message)


def _state(side: _Side) -> dict[str, Any]:
    """An organisation and its relationships, as the audit keeps them."""
    rels = [
        {"type": r.type, "out": r.out, "other": [r.other.label, r.other.key], "props": r.props}
        for r in sorted(side.rels, key=_order)
    ]
    derived = {"search_text", *SORT_PROPERTY.values()}
    props = {k: v for k, v in side.props.items() if k not in derived}
    return {"organization": props, "relationships": rels}


def merge_organizations(db: Database, keep: str, merge: str, *, actor: Actor | str) -> Merged:
    """Move everything of ``merge`` onto ``keep`` and delete ``merge``: one audited write
    (action ``merge_organizations``, target keep's BIN) with both organisations locked. Its
    ``before`` holds both organisations with all their relationships, so nothing dropped or
    combined is lost to history."""
    _distinct(keep, merge)

    def work(tx: Transaction) -> Change[Merged]:
        kept, merged = _sides(tx.run(_READ, bins=[keep, merge]), keep, merge)
        plan, planned, filled = _plan(kept, merged)
        _apply(tx, kept, merged, planned, filled, plan, str(actor))
        after = tx.run(_SNAPSHOT, bin=keep).single(strict=True)["org"]
        before = {"keep": _state(kept), "merge": _state(merged)}
        done = {"organization": after, "merged_bin": merge, "steps": _summary(plan.steps)}
        return Change(
            Merged(Organization.from_record(after), plan), "merge_organizations", keep, before, done
        )

    touches = Touches(organizations=(keep, merge))
    return audited_write(db, actor, work, touches=touches, lock=(keep, merge))


def _summary(steps: Iterable[MergeStep]) -> dict[str, int]:
    counted = Counter(f"{s.type}:{s.action.value}" for s in steps)
    return dict(sorted(counted.items()))


# -- after ----------------------------------------------------------------------------------------

_MERGED_INTO: LiteralString = (
    "MATCH (:MergedOrganization {bin: $bin})-[:MERGED_INTO]->(o:Organization) "
    "RETURN " + PROJECTION + " AS org"
)


def merged_into(db: Database, bin: str) -> Organization | None:
    """The organisation a BIN was merged into, ``None`` when it was not."""
    found = db.read(_MERGED_INTO, bin=bin)
    return Organization.from_record(found[0]["org"]) if found else None
