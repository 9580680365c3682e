"""Tables for analysts: typed rows that become a pandas or Arrow table in one call.

Every table xiaojie hands out is a :class:`Records`: named columns, each of one kind (text,
whole number, number, date, yes/no, list of text, list of whole numbers), and rows of plain
Python values. The same records feed ``--json`` (dates as ISO text), pandas and Arrow:

- a status snapshot: :meth:`xiaojie.tracking.Snapshot.records` (one row per entry);
- the plan's own tables: :func:`xiaojie.queries.plan_table` (tasks, responsibilities,
  milestones, recurring duties by window, indicators by target stage; with a snapshot, each
  dated row also carries its state and the value reported as of the snapshot's date);
- query results: :func:`as_table` (the same as :func:`xiaojie.queries.as_table`): workload,
  slack, slips, shared tasks, bridges, holdings, owners, entries due in a range, the
  responsibility matrix, overdue and upcoming items by owner, and (once their modules are
  imported) a roll-up's entries across places and rankings, a comparison of plans, the
  changes between two versions and 序时进度;
- ledger findings: :meth:`xiaojie.ledgers.Findings.table`.

:meth:`Records.to_pandas` and :meth:`Records.to_arrow` need the ``frames`` extra
(``pip install "xiaojie[frames]"``); without it they raise
:class:`~xiaojie.errors.MissingExtraError` naming the extra. :meth:`Records.to_records` needs
nothing.

Examples
--------
>>> import datetime as dt
>>> import xiaojie as xj
>>> plan = xj.load_plan()
>>> table = xj.queries.plan_table(plan, "indicators")
>>> isinstance(table, Records), table.names[:4]
(True, ('key', 'id', 'name', 'stage'))
>>> frame = xj.status(plan, as_of=dt.date(2025, 8, 1)).to_pandas()
>>> frame["due"].dtype.kind, str(frame["task"].dtype)
('M', 'Int64')

A table of your own:

>>> mine = records([("unit", "str"), ("due", "date")], [("财政厅", dt.date(2025, 7, 31))])
>>> mine.to_json()
[{'unit': '财政厅', 'due': '2025-07-31'}]

.. versionadded:: 0.2.0
"""

from xiaojie._records import KINDS, Column, Records, as_table, records


__all__ = ["KINDS", "Column", "Records", "as_table", "records"]
