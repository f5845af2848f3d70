"""One way for an input to name an object: its global ID (what a client holds) or its natural key
(BIN, project code, KATO code, akimat code, what a person types)."""

from __future__ import annotations

import binascii

from strawberry.relay import GlobalID

from graph.errors import InvalidInput
from graph.i18n import Text, t, tp

__all__ = ["NODE_TYPES", "natural_key"]

NODE_TYPES: frozenset[str] = frozenset(
    {
        "Organization",
        "Project",
        "Territory",
        "Akimat",
        "Person",
        "FocusArea",
        "Support",
        "Volunteer",
        "Service",
        "Offer",
        "Need",
    }
)
"""The schema's node types: a value that decodes to one of them is a global ID, anything else is
taken as a natural key (a BIN or a code never decodes to ``Organization:…`` by chance)."""


def natural_key(value: str, *types: str, field: str) -> str:
    """The natural key ``value`` stands for, when it names one of ``types``.

    A global ID of another type is an :class:`InvalidInput` on ``field`` (snake_case, relative to
    the mutation's ``input``), so a project's ID passed as an organisation is refused, not looked up
    as a BIN.
    """
    value = value.strip()
    try:
        found = GlobalID.from_id(value)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        return value
    if found.type_name not in NODE_TYPES:
        return value
    if found.type_name not in types:
        message = t(
            "expected the ID or key of {expected}, got a {found} ID: {value!r}",
            expected=_either(types),
            found=found.type_name,
            value=value,
        )
        raise InvalidInput(message, field=field)
    return found.node_id


def _either(types: tuple[str, ...]) -> Text | str:
    """``A``, ``A or B``, ``A or B or C``: type names (codes), joined in the reader's language."""
    joined: Text | str = types[-1]
    for name in reversed(types[:-1]):
        joined = tp("ID types", "{a} or {b}", a=name, b=joined)
    return joined
