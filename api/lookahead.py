"""Look-ahead: what a selection will ask of a page's organisations, read in the page's own query.

graphql-core resolves field by field: left alone, each nested list and each territory of a page
costs one more loader query (4 round-trips for a page with territory, projects and partners).
Reading the selection before the page is read lets one Cypher query answer the page, the
nested pages it holds and the funding profiles (as @neo4j/graphql compiles a selection), and
leave out what nobody asked
for (territory codes, focus areas). The nested pages go into the request's loaders (``prime``),
so the resolvers stay as they are (and compiled plans, ``api/compiled.py``, find them there): a
field the look-ahead does not foresee (a second alias of `partners` with other arguments, a
`totalCount`) still loads the usual way.

The walk is deliberately generous: fragments count whatever their type condition and
``@skip``/``@include`` are ignored, so it may read more than is needed, never less.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from strawberry.types.nodes import SelectedField, Selection

from api.loaders import PageKey
from graph import relations
from graph.errors import InvalidInput
from graph.pagination import PageRequest, Subqueries

if TYPE_CHECKING:
    from api.context import Context

Fields = dict[str, list[SelectedField]]
"""Selected fields by name (every alias and occurrence of a name together)."""


def children(selected: Iterable[Selection]) -> Fields:
    """The fields in ``selected``, through every fragment."""
    found: Fields = defaultdict(list)

    def walk(selections: Iterable[Selection]) -> None:
        for selection in selections:
            if isinstance(selection, SelectedField):
                found[selection.name].append(selection)
            else:  # a fragment, inline or spread
                walk(selection.selections)

    walk(selected)
    return found


def below(selected: Iterable[Selection]) -> Fields:
    """The fields selected under the fields in ``selected``."""
    fields = (f for same in children(selected).values() for f in same)
    return children(s for f in fields for s in f.selections)


def nodes_of(connections: Iterable[Selection]) -> Fields:
    """The fields selected on the nodes of connections (``edges { node { … } }``)."""
    return below(below(below(connections).get("edges", [])).get("node", []))


_DETAIL = frozenset({"territory", "focusAreas", "beneficiaryTerritory"})
"""Fields that need what a brief projection leaves out (territory codes, focus areas)."""


def brief(fields: Fields) -> bool:
    """Whether nodes with these fields selected can do without territory codes and focus areas."""
    return _DETAIL.isdisjoint(fields)


@dataclass(slots=True)
class _Foreseen:
    """One nested page the look-ahead reads, and how the resolver will ask for it."""

    nested: relations.Nested[Any]
    loader: str
    """The name of the ``Loaders`` attribute whose pages it fills."""


@dataclass(slots=True)
class Plan:
    """What to read with a page of organisations, and how to hand it to the resolvers."""

    brief: bool
    """Leave out the organisations' territory codes and focus areas (nobody asked)."""
    territory: bool
    funding_profile: bool = False
    foreseen: list[_Foreseen] = field(default_factory=list)

    @property
    def subqueries(self) -> Subqueries | None:
        if not self.territory and not self.funding_profile and not self.foreseen:
            return None
        return relations.subqueries(
            [f.nested for f in self.foreseen],
            territory=self.territory,
            funding_profile=self.funding_profile,
        )

    def prime(self, context: Context, bin: str, row: dict[str, Any]) -> None:
        """Hand what the page query read for ``bin`` to the loaders its resolvers call."""
        loaders = context.loaders
        pages = relations.nested_pages([f.nested for f in self.foreseen], row)
        for foreseen, page in zip(self.foreseen, pages, strict=True):
            nested = foreseen.nested
            loader = getattr(loaders, foreseen.loader)
            loader.pages.prime(PageKey(bin, nested.request, nested.params), page)
        if self.territory:
            territory = relations.located(row)
            if territory is not None:
                loaders.territory.prime(territory.kato, territory)
        if self.funding_profile:
            loaders.funding_profile.prime(bin, relations.funded(row))


def _request(context: Context, node: SelectedField) -> PageRequest | None:
    """The page a nested connection field asks for; None when its arguments are not plain
    pages or are wrong (then its resolver reads it, and reports the error)."""
    args = node.arguments
    if not set(args) <= {"first", "after", "last", "before", "includeEnded"}:
        return None
    try:
        return PageRequest.parse(
            first=_int(args.get("first")),
            after=args.get("after"),
            last=_int(args.get("last")),
            before=args.get("before"),
            maximum=context.settings.max_page_size,
        )
    except (InvalidInput, TypeError, ValueError):
        return None


def _int(value: object) -> int | None:
    """An Int argument: written in the document it arrives as its text (``"5"``)."""
    if value is None or isinstance(value, int):
        return value
    if isinstance(value, str):
        return int(value)
    raise TypeError(value)


def plan(context: Context, fields: Fields) -> Plan:
    """What to read with organisations whose selected fields are ``fields``."""
    result = Plan(
        brief=brief(fields),
        territory="territory" in fields,
        funding_profile="fundingProfile" in fields,
    )
    wanted = (
        ("projects", "organization_projects", relations.ORGANIZATION_PROJECTS,
         relations.ORGANIZATION_PROJECTS_BRIEF),
        ("partners", "organization_partners", relations.ORGANIZATION_PARTNERS,
         relations.ORGANIZATION_PARTNERS_BRIEF),
        ("fundingsReceived", "organization_fundings", relations.ORGANIZATION_FUNDINGS,
         relations.ORGANIZATION_FUNDINGS),
    )  # fmt: skip
    for name, loader, full, lean in wanted:
        occurrences = fields.get(name, [])
        if not occurrences:
            continue
        relation = lean if brief(nodes_of(occurrences)) else full
        first = occurrences[0]  # one page per relation: the others load the usual way
        request = _request(context, first)
        if request is None:
            continue
        params: tuple[tuple[str, Any], ...] = ()
        if name == "partners":
            include_ended = first.arguments.get("includeEnded", False)
            if not isinstance(include_ended, bool):
                continue
            params = (("include_ended", include_ended),)
        result.foreseen.append(_Foreseen(relations.Nested(relation, request, params), loader))
    return result
