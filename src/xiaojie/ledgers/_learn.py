"""The names and places of a ledger in a columnar engine, made known to the personal-data filter.

The object reader registers each member's name as it reads it (:mod:`xiaojie._privacy`); the
columnar engine builds no object per row, so it asks the engine for the distinct values of the
name, owner and place columns instead: one scan of those columns, whose few distinct values are
then tested for a name's shape.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xiaojie._privacy import owner_names, remember_names, remember_places
from xiaojie.ledgers._cells import OWNER_FIELDS, FieldKind
from xiaojie.ledgers._sql import padding_test


if TYPE_CHECKING:
    from collections.abc import Mapping

    from xiaojie.ledgers._schema import Schema


__all__ = ["learn_names"]

_PLACE_FIELDS = ("county", "township", "village")
#: The owners of assets and problems, which may name a person (到户类: the household's head;
#: a cadre): their distinct values pass :func:`xiaojie._privacy.owner_names`.
_OWNER_FIELDS = OWNER_FIELDS
_HAN = r"\x{3400}-\x{9fff}\x{f900}-\x{faff}\x{20000}-\x{323af}"
"""The Han characters of names, in RE2, as :data:`xiaojie._privacy._HAN`: Extension A and the
unified ideographs, the compatibility ideographs and Extensions B-H (生僻字 such as 𠈌)."""
_BLANK = (
    r"\t-\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}"
    r"\x{205f}\x{3000}"
)
_ENDS = f"[{_BLANK}]*"
"""The blanks ``str.strip`` removes (every character ``str.isspace`` is), in RE2: RE2's ``\\s``
is the ASCII blanks but ``\\v``, and a name with a blank such as U+2002 at its end is a name
to :func:`xiaojie._privacy.remember_names`, as the object reader learns it."""
_NAME_SQL = (
    f"^{_ENDS}(?:[{_HAN}]{{2,10}}|[{_HAN}]+(?:[·•・‧][{_HAN}]+)+"
    f"|[{_HAN}](?:[ \\x{{3000}}\\x{{a0}}]{{1,3}}[{_HAN}]){{1,3}}){_ENDS}$"
)
"""The shape of a name (as :func:`xiaojie._privacy.remember_names` checks it: a padded one,
马　丽 or 马 　丽 with mixed pads, too), in RE2."""
_NAMES_SQL = (
    f"^(?:[{_HAN}0-9·•・‧、，,;；／/{_BLANK}]"
    r"|[(（【\[〔][^()（）【】\[\]〔〕]*[)）】\]〕])+$"
)
"""What else a name cell may hold, in RE2: names parted by 、，,;／/ or blanks (杨建国、马秀兰)
and notes in brackets (杨建国(已故)). These values leave the engine too, and
:func:`xiaojie._privacy.remember_names` registers the names in them as the object reader does
(a value holding none, such as a bracketed note alone, registers nothing)."""
_OWNER_SQL = f"[{_HAN}]"
"""An owner that may name a person holds a Han character (the few distinct owners are tested)."""


def learn_names(
    con: Any,  # noqa: ANN401 - a duckdb connection
    view: str,
    schema: Schema,
    columns: Mapping[str, str],
) -> dict[str, frozenset[str]]:
    """Register the names and places of the ledger in ``view`` with the personal-data filter.

    ``columns`` maps the schema's fields to the columns of ``view``. Only distinct values of a
    name's shape leave the engine, the owners of assets and problems (the names in them are
    registered: :func:`xiaojie._privacy.owner_names`, as the object reader's records register
    them), and the place values with a blank at either end: those are
    returned by place field (the validation then tests each cell against these few values
    instead of testing every cell's ends), unless there are more than :data:`MAX_PADDED`.
    """
    # One scan: the distinct values of every column are grouped first (a grouping set each),
    # and the shape tests run on those few values, not on every row.
    wanted = [
        (
            field.name,
            f"(regexp_full_match(@, '{_NAME_SQL}') OR regexp_full_match(@, '{_NAMES_SQL}'))",
        )
        for field in schema.fields
        if field.kind is FieldKind.NAME and field.name in columns
    ]
    wanted.extend(
        (name, "regexp_matches(@, '" + _OWNER_SQL + "') AND length(@) <= 200")
        for name in _OWNER_FIELDS
        if name in columns
    )
    wanted.extend((name, "length(trim(@)) >= 3") for name in _PLACE_FIELDS if name in columns)
    if not wanted:
        return {}
    cells = [
        f"CAST({_quote(columns[name])} AS VARCHAR) AS c{i}" for i, (name, _) in enumerate(wanted)
    ]
    sets = ", ".join(f"(c{i})" for i in range(len(wanted)))
    places = [i for i, (name, _) in enumerate(wanted) if name in _PLACE_FIELDS]
    tests = [f"coalesce({test.replace('@', f'c{i}')}, false)" for i, (_, test) in enumerate(wanted)]
    tests.extend(padding_test(f"c{i}") for i in places)
    shown = ", ".join([
        *(f"c{i}" for i in range(len(wanted))),
        *(f"{test} AS t{k}" for k, test in enumerate(tests)),
    ])  # fmt: skip
    rows = con.execute(
        f"SELECT * FROM (SELECT {shown} "  # noqa: S608
        f"FROM (SELECT {', '.join(cells)} FROM {view}) GROUP BY GROUPING SETS ({sets})) "
        f"WHERE {' OR '.join(f't{k}' for k in range(len(tests)))}"
    ).fetchall()
    width = len(wanted)
    padded: dict[str, frozenset[str]] = {}
    for i, (name, _) in enumerate(wanted):
        values = [row[i] for row in rows if row[i] is not None and row[width + i]]
        if name in _PLACE_FIELDS:
            remember_places(values)
        elif name in _OWNER_FIELDS:
            remember_names(found for value in values for found in owner_names(value))
        else:
            remember_names(values)
    for k, i in enumerate(places):
        found = frozenset(row[i] for row in rows if row[i] is not None and row[2 * width + k])
        if len(found) <= MAX_PADDED:
            padded[wanted[i][0]] = found
    return padded


#: The most padded values of a place column tested as a list; beyond it each cell's ends are.
MAX_PADDED = 256


def _quote(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'
