"""One import error as a person reads it, in the operator's language.

A :class:`Problem` *is* its text, ``file:line: column: message`` (so everything that prints or
searches errors keeps working), rendered in the language of the moment it was found — the
operator's, since the importer runs in the command's language. It keeps the parts apart: where,
the column, a stable ``code``, the parameters, and the message as a :class:`graph.i18n.Text`, so
:meth:`Problem.render` and :attr:`Problem.message` show it in the language of the moment they are
called. Codes of cell values come from :data:`graph.rules.MESSAGES`; the importer's own are in
:data:`MESSAGES` here (translations in ``graph/i18n/locales/<kk|ru>/importer.po``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.i18n import Language, Text, render, t, tp
from graph.rules import SELF_PARTNERSHIP, RuleError

__all__ = ["MESSAGES", "Problem"]

MESSAGES: dict[str, Text] = {
    "required_empty": t("required, but empty"),
    "duplicate_key": t("duplicate of {first}"),
    "unknown_reference": t("{what} {key!r} is not in the files or the database"),
    "missing_columns": t("missing required column(s): {columns}"),
    "column_twice": t("column given twice"),
    "unknown_column": t(
        "not a column of {table} nor one of its Russian or Kazakh names; extra columns must be "
        "snake_case names and not one of {reserved}"
    ),
    "own_parent": t("a territory cannot be its own parent"),
    "parent_required": t("required unless type is region"),
    "parent_cycle": t("the PART_OF chain makes a cycle"),
    "self_partnership": SELF_PARTNERSHIP,
    "group_key": t(
        "an initiative group has a key (IG-…) instead of a BIN, kind initiative_group and legal "
        "form no_legal_entity; a registered organisation has a BIN and neither"
    ),
    "own_income_not_participant": t(
        "own_income must come from an organisation taking part in project {project}; "
        "{funder} does not"
    ),
    "disbursed_over_committed": t(
        "{disbursed} tenge disbursed is more than the {committed} tenge committed"
    ),
    "target_equals_baseline": t("the target must differ from the baseline"),
    # the House of NGOs hub
    "giver_required": t("required when giver_kind is {kind}"),
    "giver_not_used": t("not used when giver_kind is {kind}; leave it empty"),
    "business_bin": t("a business giver has a BIN, not an initiative group's key"),
    "business_named_twice": t("business {bin} is named {other!r} on line {line}"),
    "skill_required": t("required when category is skill"),
    "skill_not_used": t("only for category skill; leave it empty"),
    "erased_giver": t(
        "the giver's personal data was erased on request; leave giver_name and giver_contact empty"
    ),
    "volunteer_consent": t("a volunteer is recorded only with their consent (consent = yes)"),
    "erased_volunteer": t(
        "the volunteer's personal data was erased on request; leave display_name empty"
    ),
    "category_mismatch": t(
        "offer {offer} is of category {offer_category} but need {need} of {need_category}"
    ),
    "quantity_below_given": t(
        "{given} of it are already handed over; the quantity may not be less"
    ),
    "same_provider": t("the provider and the recipient are the same organisation"),
    # whole files
    "not_a_folder": t("not a folder"),
    "no_tables": t("no .csv or .xlsx files of known tables"),
    "unknown_table": t("unknown table; expected one of: {tables}"),
    "table_twice": t("{table} is given twice ({other})"),
    "empty_file": t("the file is empty; the first line must be a header"),
    "empty_sheet": t("the first sheet is empty; row 1 must be a header"),
    "not_xlsx": t("not a readable .xlsx workbook ({error})"),
    "not_utf8": t("not UTF-8 text (in Excel: Save As → 'CSV UTF-8')"),
    "bad_csv": t("not a readable CSV record ({error})"),
    "extra_cells": t("{cells} cells but the header names {columns}"),
}
"""The importer's own messages by stable code; ``{name}`` placeholders are the parameters.
``ends_before_start`` and ``year_outside_project`` say what :func:`graph.rules.not_before` and
:func:`graph.rules.year_outside` say."""

WHAT: dict[str, Text] = {
    "territory": tp("ImportReference", "territory"),
    "akimat": tp("ImportReference", "akimat"),
    "organization": tp("ImportReference", "organisation BIN"),
    "project": tp("ImportReference", "project"),
    "offer": tp("ImportReference", "offer"),
    "need": tp("ImportReference", "need"),
}
"""What an ``unknown_reference`` refers to, by the kind of key."""


class Problem(str):
    """``file:line: column: message`` with its parts: ``file``, ``line`` (``None`` for a whole
    file), ``column`` (``""`` when none), ``code``, ``params`` and ``text`` (the message)."""

    where: str
    file: str
    line: int | None
    column: str
    code: str
    params: Mapping[str, Any]
    text: Text | str

    def __new__(
        cls, where: str, column: str, code: str, text: Text | str, params: Mapping[str, Any]
    ) -> Problem:
        self = super().__new__(cls, _join(where, column, str(render(text))))
        file, _, line = where.partition(":")
        self.where = where
        self.file = file
        self.line = int(line) if line.isdigit() else None
        self.column = column
        self.code = code
        self.params = dict(params)
        self.text = text
        return self

    @property
    def message(self) -> str:
        """The message alone, in the language of the moment."""
        return str(render(self.text))

    def render(self, language: Language | None = None) -> str:
        """``file:line: column: message`` in ``language`` (the language of the moment)."""
        return _join(self.where, self.column, str(render(self.text, language)))

    @classmethod
    def of(cls, where: str, column: str, code: str, **params: Any) -> Problem:
        """An importer error by its code in :data:`MESSAGES`."""
        return cls(where, column, code, Text(MESSAGES[code].msgid, params), params)

    @classmethod
    def rule(cls, where: str, column: str, error: ValueError) -> Problem:
        """A parser's refusal; a plain ``ValueError`` (a table's own parser) keeps its text."""
        if isinstance(error, RuleError):
            return cls(where, column, error.code, error.text, error.params)
        return cls(where, column, "invalid_value", str(error), {"text": str(error)})


def _join(where: str, column: str, message: str) -> str:
    return ": ".join(part for part in (where, column, message) if part)
