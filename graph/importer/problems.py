"""One import error as a person reads it, and as a later message catalogue will translate it.

A :class:`Problem` *is* its text, ``file:line: column: message`` (so everything that prints or
searches errors keeps working), and carries the parts apart: where, the column, a stable ``code``
and the parameters of its message. Codes of cell values come from :data:`graph.rules.MESSAGES`;
the importer's own are in :data:`MESSAGES` here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from graph.rules import SELF_PARTNERSHIP, RuleError

MESSAGES: dict[str, str] = {
    "required_empty": "required, but empty",
    "duplicate_key": "duplicate of {first}",
    "unknown_reference": "{what} {key!r} is not in the files or the database",
    "missing_columns": "missing required column(s): {columns}",
    "column_twice": "column given twice",
    "unknown_column": (
        "not a column of {table} nor one of its Russian or Kazakh names; extra columns must be "
        "snake_case names and not one of {reserved}"
    ),
    "own_parent": "a territory cannot be its own parent",
    "parent_required": "required unless type is region",
    "parent_cycle": "the PART_OF chain makes a cycle",
    "self_partnership": SELF_PARTNERSHIP.msgid,
    "ends_before_start": "{end} is before {start_name} {start}",
    "year_outside_project": "{year} is outside the project's period {first}–{last}",
    "own_income_not_participant": (
        "own_income must come from an organisation taking part in project {project}; "
        "{funder} does not"
    ),
    "disbursed_over_committed": "{disbursed} disbursed is more than the {committed} committed",
    "target_equals_baseline": "the target must differ from the baseline",
    "file": "{text}",
}
"""The importer's own messages by stable code; ``{name}`` placeholders are the parameters."""

_WHERE = re.compile(r"(?P<file>[^:\n]+?)(?::(?P<line>\d+))?: (?P<rest>.*)", re.DOTALL)


class Problem(str):
    """``file:line: column: message`` with its parts: ``file``, ``line`` (``None`` for a whole
    file), ``column`` (``""`` when none), ``code`` and ``params``."""

    file: str
    line: int | None
    column: str
    code: str
    params: Mapping[str, Any]
    message: str

    def __new__(
        cls, where: str, column: str, code: str, message: str, params: Mapping[str, Any]
    ) -> Problem:
        text = ": ".join(part for part in (where, column, message) if part)
        self = super().__new__(cls, text)
        file, _, line = where.partition(":")
        self.file = file
        self.line = int(line) if line.isdigit() else None
        self.column = column
        self.code = code
        self.params = dict(params)
        self.message = message
        return self

    @classmethod
    def of(cls, where: str, column: str, code: str, **params: Any) -> Problem:
        """An importer error by its code in :data:`MESSAGES`."""
        return cls(where, column, code, MESSAGES[code].format(**params), params)

    @classmethod
    def rule(cls, where: str, column: str, error: ValueError) -> Problem:
        """A parser's refusal; a plain ``ValueError`` (a table's own parser) keeps its text."""
        if isinstance(error, RuleError):
            return cls(where, column, error.code, str(error), error.params)
        return cls(where, column, "invalid_value", str(error), {"text": str(error)})

    @classmethod
    def from_text(cls, text: str) -> Problem:
        """A whole-file error (unknown name, bad encoding) told as ``file[:line]: message``."""
        if isinstance(text, Problem):
            return text
        match = _WHERE.fullmatch(text)
        if match is None:
            return cls("", "", "file", text, {"text": text})
        where = match["file"] + (f":{match['line']}" if match["line"] else "")
        return cls(where, "", "file", match["rest"], {"text": match["rest"]})
