"""The names and places of a ledger in a columnar engine, made known to the personal-data filter.

The object reader registers each member's name as it reads it (:mod:`xiaojie._privacy`); the
columnar engine builds no object per row, so it asks the engine for the distinct values of the
name and place columns instead: one scan of those columns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xiaojie._privacy import remember_names, remember_places
from xiaojie.ledgers._cells import FieldKind


if TYPE_CHECKING:
    from collections.abc import Mapping

    from xiaojie.ledgers._schema import Schema


__all__ = ["learn_names"]

_PLACE_FIELDS = ("county", "township", "village")
_HAN = r"\x{3400}-\x{9fff}"
_PAD = r"[\s\x{3000}\x{a0}]*"
_NAME_SQL = f"^{_PAD}(?:[{_HAN}]{{2,10}}|[{_HAN}]+(?:[·•][{_HAN}]+)+){_PAD}$"
"""The shape of a name (as :func:`xiaojie._privacy.remember_names` checks it), in RE2."""


def learn_names(
    con: Any,  # noqa: ANN401 - a duckdb connection
    view: str,
    schema: Schema,
    columns: Mapping[str, str],
) -> None:
    """Register the names and places of the ledger in ``view`` with the personal-data filter.

    ``columns`` maps the schema's fields to the columns of ``view``. Only distinct values of a
    name's shape leave the engine.
    """

    def distinct(column: str, where: str) -> list[str]:
        quoted = '"' + column.replace('"', '""') + '"'
        text = f"CAST({quoted} AS VARCHAR)"
        sql = f"SELECT DISTINCT {text} FROM {view} WHERE {where.replace('@', text)}"  # noqa: S608
        return [row[0] for row in con.execute(sql).fetchall()]

    for field in schema.fields:
        if field.kind is FieldKind.NAME and field.name in columns:
            remember_names(
                distinct(columns[field.name], "regexp_full_match(@, '" + _NAME_SQL + "')")
            )
    for name in _PLACE_FIELDS:
        if name in columns:
            remember_places(distinct(columns[name], "length(trim(@)) >= 3"))
