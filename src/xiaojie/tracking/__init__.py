"""Status as of a date: what is upcoming, open, due soon, overdue or done.

:func:`status` is a pure function of a plan, its progress records and a date (``as_of``). It
never reads the clock. It turns every dated or tracked thing of the plan into an
:class:`Entry` with a :class:`State`, and collects them in a :class:`Snapshot`:

=========================  ===============================================================
entry kind                 one entry per …
=========================  ===============================================================
``MILESTONE``              milestone (key: its id)
``OBLIGATION_WINDOW``      cadence window of an obligation tracked occurrence by occurrence
                           (key: ``<obligation-id>@<window start>``); every window of the
                           active period is listed, future ones as upcoming
``OBLIGATION``             obligation that is a standard of service (送教上门): ongoing
``TARGET``                 target of an indicator (key: ``<indicator-id>#<index>``)
``TASK_DUTY``              task with no dated item (key: ``task-N``): ongoing until completed
=========================  ===============================================================

How a state is decided
----------------------
The meanings are those of the project's time specification (``TIME.md``). Progress records
dated after ``as_of`` are ignored: on ``as_of`` they have not happened yet.

* **A deadline due on D** (open start, "7月底前") is ``UPCOMING``, then ``DUE_SOON`` within
  ``due_soon_days`` days before D (D included), then ``OVERDUE`` from D+1. Done on or before D
  it is ``DONE_ON_TIME``; after D, ``DONE_LATE``.
* **A window [S, E]** ("7月中旬召开") is due on E. It is ``UPCOMING`` before S, ``IN_WINDOW``
  from S, ``DUE_SOON`` within ``due_soon_days`` of E, ``OVERDUE`` after E. "Due soon" is always
  measured back from the due date, so it never overlaps "overdue"; when a window is shorter
  than the due-soon length, due soon starts before the window opens. Done inside the window it
  is on time; after E, late; **before S it is early**: counted as ``DONE_ON_TIME`` with a note
  saying so.
* **Obligation windows** follow the window rule with the cadence's due date
  (:meth:`Cadence.due_in`, which may be before the window's end for "每月28日前"). A window is
  done on the day of its ``min_count``-th occurrence inside it; occurrences outside a window
  never count for it, so a missed month stays overdue, except those between a window and a due
  date after its end (次月5日前) or before its start (遇节假日提前), which count for it while it
  still needs them. More occurrences than ``max_count``
  still count as done, with a note.
* **Indicator targets** are due on their due date. An ``AT_DUE`` target is done on time as soon
  as the latest measurement on or before the due date meets it. After the due date, a hard
  target not met is ``OVERDUE`` with result ``NOT_MET`` until a later measurement meets it
  (``DONE_LATE``); with no measurement it is ``OVERDUE`` with ``NOT_REPORTED`` — soft (力争)
  targets too, since the report is missing. A soft target that was reported but not met is
  never overdue: ``DONE_ON_TIME`` (or ``DONE_LATE`` when reported late) with result
  ``NOT_MET``. An ``ALWAYS`` target ("稳定在99%以上") must hold at every measurement up to its due
  date; it is never done before its due date, and one violating measurement makes it
  ``NOT_MET`` for good (a hard one stays ``OVERDUE``; later values do not undo a violation).
  For a target with a start ("2025年实现…"), measurements before the start do not count.
* **Undated targets** are ``ONGOING`` and never overdue; their result comes from the latest
  measurement (every measurement for ``ALWAYS``).
* **Relative targets** ("高于全国平均水平") need a ``benchmark`` value in the measurement. When
  the measurement that decides the state has none, the state is ``UNKNOWN``, the result is
  ``None`` and the entry's note says why.
* **Undated duties** (a task with no dated item, a standard of service) are ``ONGOING``: never
  overdue, never given an invented date. A ``task-N`` completion makes a task duty
  ``DONE_ON_TIME``.

Severity
--------
Roll-ups (a task's state) take the worst state, from worst to best: ``OVERDUE``, ``UNKNOWN``,
``DUE_SOON``, ``IN_WINDOW``, ``UPCOMING``, ``ONGOING``, ``DONE_LATE``, ``DONE_ON_TIME``. A task
is therefore done only when all its entries are done.
"""

from xiaojie.tracking._snapshot import Entry, EntryKind, Result, Snapshot, State
from xiaojie.tracking._status import item_status, status


__all__ = [
    "Entry",
    "EntryKind",
    "Result",
    "Snapshot",
    "State",
    "item_status",
    "status",
]
