"""A large TOML plan file read piece by piece gives the plan and the errors of reading it whole."""

from __future__ import annotations

import copy
import datetime as dt
import io
import weakref
from typing import TYPE_CHECKING, Any

import pytest
import tomli_w
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import xiaojie as xj
from fuzz_mutations import mutated_bytes
from strategies import plans
from test_toml_reader import SEED, _same
from xiaojie.errors import PlanFileError
from xiaojie.io import _limits, _mapping, _pieces, _planfile, plan_to_mapping, save_plan


if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from xiaojie.model import Plan


pytest.importorskip("toml_rs")

ARRAYS = _mapping.PIECE_ARRAYS


def _whole(raw: bytes) -> dict[str, Any] | None:
    """Return what the compiled reader makes of the whole text (``None``: it is read another way)."""
    if not _limits.shallow_brackets(raw):
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return _limits.read_toml_unchecked(text, shallow=True)


def _together(raw: bytes, names: Any, size: int) -> tuple[dict[str, Any] | None, int]:
    """Return the pieces' data put together and how many pieces (``None``: the pieces were refused)."""
    together: dict[str, Any] = {}
    count = 0
    try:
        for data in _pieces.read_toml_pieces(io.BytesIO(raw), names, size):
            count += 1
            for key, value in data.items():
                if key in together:
                    together[key].extend(value)
                else:
                    together[key] = value
    except _pieces._PiecesRefused:
        return None, count
    return together, count


def _cut_lines(raw: bytes, names: Any) -> int:
    """Return how many lines of ``raw`` (after its first) are a ``[[name]]`` line for ``names``."""
    lines = raw.split(b"\n")
    return sum(
        1
        for line in lines[1:]
        if (found := _pieces._HEADER.fullmatch(line + b"\n")) and found.group(1).decode() in names
    )


_TRICKY_TEXTS = st.sampled_from(
    [
        "\n[[tasks]]\n",
        "a\n[[milestones]]\nb",
        "[[tasks]]",
        "\n[plan]\n",
        "实施问题整改清零攻坚行动",
        "'''",
        '"""',
        "\\",
        "\r\n[[tasks]]\r\n",
        "\n[[phases]]\r\n",
    ]
)
_SCALARS = (
    st.text(max_size=12)
    | _TRICKY_TEXTS
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=False)
    | st.booleans()
    | st.dates()
    | st.datetimes()
    | st.datetimes(timezones=st.just(dt.UTC) | st.timezones())
    | st.times()
)
_FIELD = st.sampled_from(["id", "name", "text", "number", "due", "units", "when", "targets"])


def _nested(depth: int) -> list[Any]:
    value: list[Any] = [1]
    for _ in range(depth):
        value = [value]
    return value


_VALUES = (
    _SCALARS
    | st.lists(_SCALARS, max_size=3)
    | st.dictionaries(_FIELD, _SCALARS, max_size=3)
    | st.lists(st.dictionaries(_FIELD, _SCALARS, min_size=1, max_size=2), min_size=1, max_size=2)
    | st.integers(0, 70).map(_nested)
)
_ROWS = st.lists(st.dictionaries(_FIELD, _VALUES, max_size=4), min_size=1, max_size=5)

_EDITS = (
    lambda text: text + "\n[plan.more]\nx = 1\n",  # a table extended after a cut
    lambda text: "[[indicators]]\nname = 'i'\n" + text + "\n[[indicators.targets]]\nv = 1\n",
    lambda text: text + "\n[[tasks.targets]]\ny = 2\n",  # a sub-array of the last task
    lambda text: "tasks = [{a = 1}]\n" + text,  # a static array, then [[tasks]]: refused
    lambda text: text + "\n[plan]\nz = 1\n",  # a table defined twice: refused
    lambda text: text + "\n[[milestones]]\nw = 1979-05-27T07:32:00-08:00\n[[tasks]]\n",
    lambda text: text + "\n[[phases]]\n[[tasks]]\n[[phases]]\nq = 1\n",  # arrays taken up again
    lambda text: text + '\n[[tasks]]\ntext = """\n[[tasks]]\n[[phases]]\n"""\n',
    lambda text: text + "\n[[units]]\nname = 'u'\n[[tasks]]\nn = 1\n",  # a cut at another array
    lambda text: text.replace("\n", "\r\n"),
    lambda text: "\ufeff" + text,
    lambda text: text + '\nlate = "\xff"\n',
    lambda text: text + "\n[lineage]\nparent = 'p'\n",
    lambda text: text + "\n[[tasks]]\nx = [[[[[[[[[[1]]]]]]]]]]\n",
    lambda text: text + "\n[[tasks]]\nbroken = \n",
)


@st.composite
def _plan_like(draw: st.DrawFn) -> bytes:
    """Return the bytes of a plan-like TOML text, often with an awkward edit (valid or not)."""
    document: dict[str, Any] = {"schema": "xiaojie-plan/1"}
    if draw(st.booleans()):
        document["plan"] = draw(st.dictionaries(_FIELD, _VALUES, max_size=3))
    names = ["tasks", "milestones", "phases", "indicators", "units"]
    for name in draw(st.lists(st.sampled_from(names), unique=True)):
        document[name] = draw(_ROWS)
    document["tasks"] = document.get("tasks") or draw(_ROWS)
    try:
        text = tomli_w.dumps(document, multiline_strings=draw(st.booleans()))
    except (TypeError, ValueError):  # a value the writer cannot write (a time with an offset)
        text = 'schema = "x"\n[[tasks]]\nid = 1\n[[tasks]]\nid = 2\n'
    for edit in draw(st.lists(st.sampled_from(_EDITS), max_size=3)):
        text = edit(text)
    return text.encode("utf-8", "surrogatepass")


_NAMES = st.sampled_from([ARRAYS, frozenset({"tasks"}), frozenset({"tasks", "phases", "units"})])


@given(raw=_plan_like(), names=_NAMES, size=st.integers(1, 400))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_pieces_put_together_are_the_whole_or_refused(
    raw: bytes, names: frozenset[str], size: int
) -> None:
    """Pieces of any size, cut at any ``[[name]]`` line, give the whole text's data or are refused."""
    whole = _whole(raw)
    together, _ = _together(raw, names, size)
    if whole is None:
        assert together is None, raw
    elif together is not None:
        assert _same(together, whole), (size, raw)
    event("put together" if together is not None else "refused")


@given(raw=_plan_like(), names=_NAMES)
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_every_header_line_a_cut(raw: bytes, names: frozenset[str]) -> None:
    """Pieces of one byte are cut at every ``[[name]]`` line of the arrays named, and only there."""
    together, count = _together(raw, names, 1)
    if together is not None:
        assert count == _cut_lines(raw, names) + 1, raw
        assert _same(together, _whole(raw)), raw


def _text(tasks: int, *, extra: str = "", first: str = "") -> bytes:
    rows = "".join(
        f'[[tasks]]\nnumber = {n}\nname = "任务{n}"\ndue = 2025-06-{n % 28 + 1:02d}\n\n'
        f"[tasks.when]\nstart = 2025-01-01T08:00:00+08:00\n\n"
        for n in range(tasks)
    )
    text = first + 'schema = "x"\n\n[plan]\nname = "方案"\n\n' + rows + extra
    return text.encode("utf-8", "surrogateescape")


def test_good_pieces_put_together_are_the_whole() -> None:
    """A plan-like text read in many pieces gives the whole text's rows, in order."""
    raw = _text(200, extra="[[milestones]]\nid = 'm'\n[milestones.when]\nend = 2025-12-31\n")
    together, count = _together(raw, ARRAYS, 300)
    assert count > 20
    assert together is not None
    assert _same(together, _whole(raw))
    assert [t["number"] for t in together["tasks"]] == list(range(200))


@pytest.mark.parametrize(
    ("name", "extra", "first"),
    [
        ("table extended after a cut", "[plan.more]\nx = 1\n", ""),
        ("array of tables extended after a cut", "[[first.targets]]\nv = 1\n", "[[first]]\n"),
        ("table defined twice", "[plan]\nz = 1\n", ""),
        ("static array appended to", "", "tasks = [{a = 1}]\n"),
        ("bad byte after a cut", 'late = "\udcff"\n', ""),
        ("syntax error after a cut", "oops = \n", ""),
        ("deep brackets after a cut", "deep = " + "[" * 80 + "]" * 80 + "\n", ""),
        ("brackets unpaired after a cut", "odd = '['\n", ""),
    ],
)
def test_awkward_pieces_are_refused(name: str, extra: str, first: str) -> None:
    """Pieces that could read differently from the whole, or a piece refused, are refused."""
    raw = _text(40, extra=extra, first=first)
    assert _together(raw, ARRAYS, 200)[0] is None, name


def test_header_inside_a_multi_line_string_is_refused() -> None:
    """A ``[[tasks]]`` line inside a multi-line string leaves its piece unfinished: refused."""
    before = _text(20).decode()
    string = 'text = """\n' + "[[tasks]]\n" * 3 + '"""\n'
    raw = (before + string + "[[tasks]]\nnumber = 99\n").encode()
    whole = _whole(raw)
    assert whole is not None
    assert whole["tasks"][19]["when"]["text"] == "[[tasks]]\n" * 3
    assert _together(raw, ARRAYS, len(before.encode()) + 12)[0] is None
    assert _same(_together(raw, ARRAYS, len(raw))[0], whole)


def test_piece_data_is_not_held_while_the_next_is_read() -> None:
    """Each piece's data is dropped by the reader before the next piece is read."""

    class Tracked(dict[str, Any]):
        """A piece's data that can be watched by a weak reference."""

    reader = _limits.read_toml_unchecked
    made: list[weakref.ref[Tracked]] = []

    def tracked(text: str, **options: Any) -> Tracked | None:
        if made:
            assert made[-1]() is None, "the piece before is still held"
        data = reader(text, **options)
        if data is None:
            return None
        made.append(weakref.ref(result := Tracked(data)))
        return result

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_pieces, "read_toml_unchecked", tracked)
        for data in _pieces.read_toml_pieces(io.BytesIO(_text(100)), ARRAYS, 200):
            assert made[-1]() is data
            del data
    assert len(made) > 10


def test_plan_builder_drops_each_piece() -> None:
    """The plan is built piece by piece: no piece's data or rows are held once built."""

    class Rows(list[Any]):
        """A piece's rows that can be watched by a weak reference."""

    class Piece(dict[str, Any]):
        """A piece's data that can be watched by a weak reference."""

    data = plan_to_mapping(xj.load_plan())
    first = {k: v for k, v in data.items() if k not in ARRAYS}
    watched: list[weakref.ref[Any]] = []

    def pieces() -> Iterator[Piece]:
        for piece in [first, *({key: rows} for key, rows in data.items() if key in ARRAYS)]:
            for ref in watched:
                assert ref() is None, "a piece or its rows are still held"
            made = Piece({k: Rows(v) if k in ARRAYS else v for k, v in piece.items()})
            watched[:] = [weakref.ref(made), *(weakref.ref(made[k]) for k in made if k in ARRAYS)]
            yield made
            del made

    plan = _mapping.plan_from_pieces(pieces(), source="p")
    assert plan == xj.load_plan()


def _outcome(path: Path) -> tuple[str, Plan | str]:
    try:
        return "plan", xj.load_plan(path)
    except PlanFileError as err:
        return "error", str(err)


def _both(path: Path, size: int) -> tuple[tuple[str, Plan | str], tuple[str, Plan | str], bool]:
    """Load ``path`` in pieces of ``size`` bytes and whole; say whether the pieces were kept."""
    calls: list[Path] = []
    whole_reader = _planfile._load_toml

    def whole(file: Path, handle: Any = None) -> Plan:
        calls.append(file)
        return whole_reader(file, handle)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_planfile, "PIECES_FROM", 0)
        patch.setattr(_pieces, "PIECE_BYTES", size)
        patch.setattr(_planfile, "_load_toml", whole)
        in_pieces = _outcome(path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_planfile, "PIECES_FROM", 1 << 62)
        read_whole = _outcome(path)
    return in_pieces, read_whole, not calls


@given(
    plan=plans(max_milestones=8, max_obligations=6, max_indicators=6, max_tasks=12),
    size=st.integers(1, 3000),
)
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_generated_plans_read_in_pieces(tmp_path: Path, plan: Plan, size: int) -> None:
    """A plan saved to a file is read in pieces of any size to the plan read whole, never falling back."""
    path = save_plan(plan, tmp_path / "plan.toml")
    in_pieces, whole, kept = _both(path, size)
    assert in_pieces == whole == ("plan", plan)
    assert kept


SEED_PLAN = xj.load_plan()


@given(raw=mutated_bytes(SEED), size=st.sampled_from([1, 500, 4000, 1 << 20]))
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_damaged_plans_same_outcome_in_pieces(tmp_path: Path, raw: bytes, size: int) -> None:
    """A damaged plan file gives in pieces the plan or the located error it gives read whole."""
    path = tmp_path / "plan.toml"
    path.write_bytes(raw)
    in_pieces, whole, _ = _both(path, size)
    assert in_pieces == whole
    event(whole[0])


_LATE = {
    "header after the lists": lambda text: text + "\n[plan.more]\nx = 1\n",
    "units after the lists": lambda text: text + '\n[[units]]\nid = "late"\nname = "迟到单位"\n',
    "groups after the lists": lambda text: text + '\n[[groups]]\nid = "g"\nname = "迟到组"\n',
    "unknown key after the lists": lambda text: text + "\n[[extras]]\nx = 1\n",
    "schema after the lists": lambda text: text + "\n[schema]\nx = 1\n",
    "a bad task after a cut": lambda text: text + '\n[[tasks]]\nnumber = "9"\n',
    "a task number twice": lambda text: (
        text + "\n[[tasks]]\nnumber = 1\ncampaign = 1\n"
        'title = "重复"\nunits = ["自治区农业农村厅"]\n'
    ),
    "an unknown unit after a cut": lambda text: (
        text + '\n[[milestones]]\ntitle = "x"\nowners = ["没有这个单位"]\n'
    ),
    "lineage after the lists": lambda text: text + '\n[lineage]\nparent = "ningxia-2025"\n',
    "bad lineage after the lists": lambda text: text + "\n[lineage]\nparent = 7\n",
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "byte order mark": lambda text: "\ufeff" + text,
    "bad byte late": lambda text: text + '\n# "\udcff"\n',
}


@pytest.mark.parametrize("edit", list(_LATE), ids=list(_LATE))
@pytest.mark.parametrize("size", [1, 700, 5000])
def test_odd_files_same_outcome_in_pieces(tmp_path: Path, edit: str, size: int) -> None:
    """Keys after the lists, bad rows after a cut, CRLF, a BOM: the plan or error of reading whole."""
    text = tomli_w.dumps(plan_to_mapping(SEED_PLAN))
    path = tmp_path / "plan.toml"
    path.write_bytes(_LATE[edit](text).encode("utf-8", "surrogateescape"))
    in_pieces, whole, kept = _both(path, size)
    assert in_pieces == whole
    if whole[0] == "error":
        assert not kept
        assert str(path) in str(whole[1])
    elif edit in {"crlf", "byte order mark", "lineage after the lists"}:
        assert kept


def test_small_files_are_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan file under the size for pieces is read whole, as before."""
    path = save_plan(SEED_PLAN, tmp_path / "plan.toml")

    def refuse(*_args: Any, **_options: Any) -> Any:
        msg = "read in pieces"
        raise AssertionError(msg)

    monkeypatch.setattr(_mapping, "plan_from_pieces", refuse)
    monkeypatch.setattr(_planfile, "plan_from_pieces", refuse)
    assert xj.load_plan(path) == SEED_PLAN


def test_pieces_without_the_speed_extra_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the compiled reader a large file is read whole by tomllib, to the same plan."""
    path = save_plan(SEED_PLAN, tmp_path / "plan.toml")
    monkeypatch.setattr(_planfile, "PIECES_FROM", 0)
    monkeypatch.setattr(_planfile, "available", lambda _module: False)
    monkeypatch.setattr(_limits, "available", lambda _module: False)
    assert xj.load_plan(path) == SEED_PLAN


def test_unreadable_file_same_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder named like a plan file gives the error of reading it whole."""
    folder = tmp_path / "plan.toml"
    folder.mkdir()
    monkeypatch.setattr(_planfile, "PIECES_FROM", 0)
    with pytest.raises(PlanFileError, match=r"expected a readable plan file, found IsADirectory"):
        xj.load_plan(folder)


def test_many_tasks_in_pieces_equal_whole(tmp_path: Path) -> None:
    """A plan of a few hundred tasks cut into dozens of pieces equals the plan read whole."""
    data = plan_to_mapping(SEED_PLAN)
    seed_tasks = data["tasks"]
    data["tasks"] = []
    for copy_number in range(12):
        for task in seed_tasks:
            row = copy.deepcopy(task)
            row["number"] = task["number"] + 100 * copy_number
            data["tasks"].append(row)
    path = tmp_path / "plan.toml"
    path.write_text(tomli_w.dumps(data), "utf-8")
    in_pieces, whole, kept = _both(path, 2000)
    assert kept
    assert in_pieces == whole
    assert in_pieces[0] == "plan"
    assert len(in_pieces[1].tasks) == 12 * len(seed_tasks)  # type: ignore[union-attr]


class _CountedReads(io.BytesIO):
    """A file that counts how often it is read."""

    reads = 0

    def read(self, size: int | None = -1, /) -> bytes:
        self.reads += 1
        return super().read(size)


def test_long_stretch_without_a_cut_is_read_in_doubling_blocks() -> None:
    """A file with no place to cut for megabytes is read in few, growing blocks, and whole."""
    rows = ", ".join(f"{{ number = {n}, name = '行动{n}' }}" for n in range(60_000))
    raw = f"campaigns = [{rows}]\n".encode() + _text(30)
    file = _CountedReads(raw)
    pieces = list(_pieces.toml_pieces(file, ARRAYS, 1024))
    assert len(raw) > 2_000_000
    assert file.reads < 20
    assert len(pieces) >= 3  # the first one all of the long stretch
    assert (
        b"".join(piece[: -len(b"[[tasks]]\n")] for piece, _ in pieces[:-1]) + pieces[-1][0] == raw
    )
    assert _same(_together(raw, ARRAYS, 1024)[0], _whole(raw))
