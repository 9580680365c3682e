"""Reading an OFD 版式文档 (GB/T 33190): the text of its pages, line by line, in reading order.

An OFD is a ZIP package. ``OFD.xml`` names each document's root (``DocBody/DocRoot``, such as
``Doc_0/Document.xml``); the root lists the pages (``Pages/Page@BaseLoc``, each a
``Content.xml``) and the templates pages are drawn on (``CommonData/TemplatePage``: running
footers with the page's number are often there). A page's text is in ``TextObject`` elements
of its layers: the object's ``Boundary`` (``x y w h``, millimetres from the page's top left)
places its own coordinate system, an optional ``CTM`` (``a b c d e f``) transforms it, and
each ``TextCode`` gives the baseline point of its first character (``X``, ``Y``; left out, the
previous code's) and the advance to each next one (``DeltaX``; ``g 3 4.2`` is ``4.2`` three
times).

The characters of every code are placed on the page (a page's template with it), pieces of text
are grouped into lines by their baselines (:func:`line_texts`) and joined left to right
(:func:`join_runs`); as for a PDF, each page's number and running header or footer are dropped
(:func:`~xiaojie.parsing._readers.drop_page_furniture`) and lines wrapped at the page's width
are joined again (:func:`~xiaojie.parsing._readers.unwrap`). Element
names are matched without their namespace (``http://www.ofdspec.org/2016``, another, or none),
part names with or without a leading ``/`` (from the package's root) and in any letter case.

A signed package (``Signs/``, a seal) is read as any other: a signature adds no text. Annotations
(``Annots/``: stamps, watermarks) and attachments are not read.

Limits
------
A package is read within bounds: :data:`MAX_BYTES` of parts unpacked in all, at most
:data:`MAX_PAGES` pages, :data:`MAX_ELEMENTS` XML elements, :data:`MAX_CODES` text codes,
:data:`MAX_CHARACTERS` characters of text and :data:`MAX_PAGE_RUNS` pieces of text on one page.
XML is read without a DTD (one is refused), without entities and without the network;
coordinates beyond a kilometre are
refused. An encrypted package (``Encryptions.xml``, GM/T 0099) or a password-protected ZIP is
refused by name, and so is an OFD without text (a scan). Text drawn along a column (``DeltaY``)
is kept as one piece where it starts. Text a page draws from a resource (a ``CompositeObject``
drawing a ``CompositeGraphicUnit`` of ``PublicRes``/``DocumentRes``, as converters from PDF
write pages) is read where the object puts it.
"""

from __future__ import annotations

import functools
import io
import math
import posixpath
import re
import unicodedata
import urllib.parse
import zipfile
import zlib
from typing import TYPE_CHECKING, Any

import attrs

from xiaojie.errors import PlanParseError


if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from xiaojie.parsing._readers import Source


__all__ = [
    "COLUMN_GAP",
    "LINE_TOLERANCE",
    "MAX_BYTES",
    "MAX_CHARACTERS",
    "MAX_CODES",
    "MAX_ELEMENTS",
    "MAX_PAGES",
    "MAX_PAGE_RUNS",
    "SPACE_GAP",
    "Run",
    "join_runs",
    "line_texts",
    "read_ofd",
]

MAX_BYTES = 200 * 1024 * 1024
"""The most bytes unpacked from one package's parts, all read parts together (a zip bomb stops)."""
MAX_INDEX_BYTES = 16 * 1024 * 1024
"""The most bytes of ``OFD.xml`` or of a ``Document.xml`` (the parts read whole)."""
MAX_PAGES = 10_000
"""The most pages read from one package."""
MAX_ELEMENTS = 5_000_000
"""The most XML elements read from the pages and templates of one package."""
MAX_CHARACTERS = 5_000_000
"""The most characters of text read from one package."""
MAX_CODES = 500_000
"""The most ``TextCode`` elements read from one package (each takes some microseconds)."""
MAX_PAGE_RUNS = 200_000
"""The most pieces of text on one page (with its templates)."""
MAX_COORDINATE = 1_000_000.0
"""The largest coordinate, advance or font size read, in millimetres (a kilometre)."""

SPACE_GAP = 0.75
"""A gap wider than this, in ems (one and a half narrow characters), between a letter or digit
and the next is a space: ``OFD`` ``Reader`` drawn apart read ``OFD Reader``."""
COLUMN_GAP = 2.0
"""A gap this wide or wider, in ems, between any two pieces is a column's gap, written as two
spaces (the way a table typed as text separates its cells)."""
LINE_TOLERANCE = 0.5
"""Pieces whose baselines are at most this many ems apart are on one line."""

_CONTROL = re.compile(r"[\r\n\t]")
_TOKEN = re.compile(r"\S+")
_CHUNK = 1 << 16
_MAX_NESTING = 8
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")


@attrs.frozen(kw_only=True)
class Run:
    """A piece of text on a page: its first character's baseline point and where it ends.

    Coordinates are millimetres from the page's top left corner, ``y`` growing downwards;
    ``size`` is the font size (an em) in millimetres.
    """

    x: float
    y: float
    end: float
    size: float
    text: str


@functools.lru_cache(maxsize=8192)
def _wide(char: str) -> bool:
    """Whether a character is drawn an em wide (Chinese characters, full-width punctuation)."""
    kind = unicodedata.east_asian_width(char)
    return kind in {"W", "F"} or (kind == "A" and not char.isalnum())


def _word(char: str) -> bool:
    """Whether a character is a letter or digit of a word written with spaces (not CJK)."""
    return char.isalnum() and not _wide(char)


def _advance(char: str) -> float:
    """Return the width, in ems, a character is taken to have where its advance is not given."""
    return 1.0 if _wide(char) else 0.5


def join_runs(runs: Iterable[Run]) -> str:
    """Return the text of one line's pieces, left to right.

    Between two pieces nothing is put, unless the gap between them is a space (wider than
    :data:`SPACE_GAP` ems between a letter or digit and another) or a column's gap (at least
    :data:`COLUMN_GAP` ems, written as two spaces). A piece drawn again over itself (the same
    text less than half an em away, as a bold face imitated by drawing twice) is read once.

    Examples
    --------
    >>> def run(x, text, size=4.0):
    ...     return Run(x=x, y=10.0, end=x + len(text) * size / 2, size=size, text=text)
    >>> join_runs([run(22.0, "Reader"), run(0.0, "OFD"), run(10.0, "2025")])
    'OFD 2025 Reader'
    >>> join_runs([run(0.0, "20"), run(4.5, "25"), run(30.0, "县民政局")])
    '2025  县民政局'
    >>> join_runs([Run(x=0.0, y=0.0, end=8.0, size=4.0, text="牵头"), run(8.5, "单位")])
    '牵头单位'
    >>> join_runs([])
    ''
    """
    out: list[str] = []
    last: Run | None = None
    for run in sorted(runs, key=lambda r: (r.x, r.end)):
        if not run.text:
            continue
        if last is not None:
            em = max(last.size, run.size)
            if run.text == last.text and abs(run.x - last.x) < 0.5 * em:
                continue  # drawn twice over itself
            gap = run.x - last.end
            if gap >= COLUMN_GAP * em:
                out.append("  ")
            elif (
                gap > SPACE_GAP * em
                and _word(last.text[-1])
                and _word(run.text[0])
                and not last.text[-1].isspace()
            ):
                out.append(" ")
        out.append(run.text)
        last = run
    return "".join(out)


def line_texts(runs: Iterable[Run]) -> list[str]:
    """Return the lines the pieces of one page make, top to bottom, each without outer spaces.

    Pieces are taken in the order of their baselines; a piece whose baseline is within
    :data:`LINE_TOLERANCE` ems (of the larger font) of the first baseline of the line being
    gathered is on that line, any other starts the next one. Lines of nothing but spaces
    are left out.

    Examples
    --------
    >>> a = Run(x=30.0, y=50.2, end=38.0, size=4.0, text="月底前")
    >>> b = Run(x=20.0, y=50.0, end=30.0, size=4.0, text="2025年6")
    >>> c = Run(x=20.0, y=56.0, end=28.0, size=4.0, text="完成")
    >>> line_texts([c, a, b])
    ['2025年6月底前', '完成']
    >>> line_texts([])
    []
    """
    lines: list[str] = []
    group: list[Run] = []
    anchor: Run | None = None
    for run in sorted(runs, key=lambda r: (r.y, r.x)):
        if anchor is not None and run.y - anchor.y > LINE_TOLERANCE * max(anchor.size, run.size):
            lines.append(join_runs(group).strip())
            group = []
            anchor = None
        if anchor is None:
            anchor = run
        group.append(run)
    if group:
        lines.append(join_runs(group).strip())
    return [line for line in lines if line]


def read_ofd(path: Path, raw: bytes) -> Source:
    """Read an OFD document: the text of its pages in reading order, wrapped lines joined.

    Raises
    ------
    PlanParseError
        At 1:1 naming the file, and the part, page or element where the package is not a
        readable OFD: not a ZIP package, no ``OFD.xml``, a part missing or not well-formed XML,
        a number that is not one or is absurd, an encrypted package, more than the bounds of
        the module allow, or no text at all (a scan).
    """
    from xiaojie.parsing._readers import (  # noqa: PLC0415 - _readers imports this module
        Source,
        _need,
        drop_page_furniture,
        unwrap,
    )

    source = str(path)
    etree = _need("lxml.etree", source)
    pages = _Package(raw, source, etree).pages()
    if not any(line.strip() for page in pages for line in page):
        msg = "expected an OFD with text, found none (a scan?): read it with OCR, or save its text"
        raise PlanParseError(msg, line=1, column=1, source=source)
    kept = drop_page_furniture(pages)
    return Source([unwrap("\n".join(line for page in kept for line in page))])


_RESAVE = "; open it in an OFD reader, save it as .docx, .pdf or text and parse that"
"""What to do with an OFD that cannot be read here."""


def _local(tag: object) -> str:
    """Return an element's name without its namespace (``""`` for a comment or instruction)."""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def _children(element: Any, name: str) -> list[Any]:  # noqa: ANN401 - an lxml element
    return [child for child in element if _local(child.tag) == name]


def _zip_name(info: zipfile.ZipInfo) -> str:
    """Return a part's name as its producer wrote it: UTF-8 or GB18030 when the ZIP does not say."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            encoded = name.encode("cp437")
        except UnicodeEncodeError:
            return name
        for encoding in ("utf-8", "gb18030"):
            try:
                return encoded.decode(encoding)
            except UnicodeDecodeError:
                continue
    return name


class _Part:
    """A part's bytes as the XML parser reads them, counted against the package's bounds."""

    def __init__(self, package: _Package, info: zipfile.ZipInfo, name: str, limit: int) -> None:
        self.package = package
        self.name = name
        self.limit = limit
        self.read_bytes = 0
        self.tail = b""
        if info.flag_bits & 0x1:
            msg = f"{name}: expected an intact ZIP part, found a password-protected part"
            raise package.error(msg + _RESAVE)
        try:
            self.stream = package.archive.open(info)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, ValueError) as err:
            raise package.damaged(name, err) from None

    def read(self, size: int = -1) -> bytes:
        """Return up to ``size`` more bytes (a chunk when ``size`` is not given)."""
        try:
            chunk = self.stream.read(size if size > 0 else _CHUNK)
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            OSError,
            ValueError,
            NotImplementedError,
            RuntimeError,
        ) as err:
            raise self.package.damaged(self.name, err) from None
        self.read_bytes += len(chunk)
        self.package.spend(len(chunk))
        if self.read_bytes > self.limit:
            msg = f"{self.name}: expected at most {self.limit:,} bytes in this part, found more"
            raise self.package.error(msg)
        seen = self.tail + chunk
        if any(mark in seen for mark in _FORBIDDEN):
            msg = f"{self.name}: expected OFD XML without a DTD, found a <!DOCTYPE> or <!ENTITY>"
            raise self.package.error(msg)
        self.tail = seen[-16:]
        return chunk

    def close(self) -> None:
        """Close the part's stream."""
        self.stream.close()


@attrs.define
class _Place:
    """Where a TextObject puts its codes: the Boundary's origin, the CTM, the font size."""

    x: float
    y: float
    ctm: tuple[float, float, float, float, float, float] | None
    size: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        """Return a point of the object's space on the page."""
        if self.ctm is None:
            return self.x + x, self.y + y
        a, b, c, d, e, f = self.ctm
        return self.x + a * x + c * y + e, self.y + b * x + d * y + f

    def scale(self) -> float:
        """How much the CTM enlarges lengths (1 without one, or for a degenerate one)."""
        if self.ctm is None:
            return 1.0
        a, b, c, d, _, _ = self.ctm
        return math.sqrt(abs(a * d - b * c)) or 1.0

    def moved(self, run: Run) -> Run:
        """Return a piece of text of a composite unit, placed where this object draws the unit."""
        x, y = self.point(run.x, run.y)
        end = self.point(run.end, run.y)[0]
        return Run(x=x, y=y, end=max(x, end), size=run.size * self.scale(), text=run.text)


class _Package:
    """One OFD package being read: its parts by name, and what has been spent of the bounds."""

    def __init__(self, raw: bytes, source: str, etree: Any) -> None:  # noqa: ANN401 - lxml.etree
        self.source = source
        self.etree = etree
        self.left = MAX_BYTES
        self.elements = 0
        self.characters = 0
        self.codes = 0
        self.templates: dict[str, list[Run]] = {}
        self.resources: list[tuple[str, str]] = []
        self.units: dict[str, Any] | None = None
        self.unit_runs: dict[str, list[Run]] = {}
        if not raw.startswith(b"PK"):
            found = (
                "a PDF (give it the .pdf suffix)"
                if raw.startswith(b"%PDF")
                else "a file that is not a ZIP package"
            )
            msg = f"expected an OFD document (a ZIP package with OFD.xml), found {found}"
            raise self.error(msg + _RESAVE)
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(raw))
            infos = self.archive.infolist()
        except (
            zipfile.BadZipFile,
            zlib.error,
            OSError,
            ValueError,
            EOFError,
            NotImplementedError,  # a part claiming a ZIP version Python does not read
            RuntimeError,
        ) as err:
            msg = f"expected an OFD document (a ZIP package with OFD.xml), found a damaged ZIP ({type(err).__name__})"
            raise self.error(msg + _RESAVE) from None
        self.parts: dict[str, zipfile.ZipInfo] = {}
        self.folded: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if info.is_dir():
                continue
            name = _zip_name(info).replace("\\", "/").lstrip("/")
            self.parts.setdefault(name, info)
            self.folded.setdefault(name.casefold(), info)
        if "encryptions.xml" in self.folded:
            msg = "expected an OFD document, found an encrypted one (Encryptions.xml)"
            raise self.error(msg + _RESAVE)

    def error(self, message: str) -> PlanParseError:
        """Return the error for this package (at 1:1: the place is in the message)."""
        return PlanParseError(message, line=1, column=1, source=self.source)

    def damaged(self, name: str, err: Exception) -> PlanParseError:
        """Return the error for a part that cannot be unpacked."""
        found = f"a damaged part ({type(err).__name__})"
        return self.error(f"{name}: expected an intact ZIP part, found {found}" + _RESAVE)

    def spend(self, count: int) -> None:
        """Count ``count`` more bytes unpacked; refuse the package past :data:`MAX_BYTES`."""
        self.left -= count
        if self.left < 0:
            msg = (
                f"expected an OFD of at most {MAX_BYTES:,} bytes unpacked, found more (a zip bomb?)"
            )
            raise self.error(msg)

    def find(self, location: str, folder: str) -> tuple[str, zipfile.ZipInfo] | None:
        """Return the part a ``BaseLoc`` or ``DocRoot`` names, from ``folder`` or from the root."""
        location = location.strip().replace("\\", "/")
        tries = [location]
        if "%" in location:
            tries.append(urllib.parse.unquote(location))
        for written in tries:
            if written.startswith("/"):
                candidates = [written.lstrip("/")]
            else:
                candidates = [posixpath.join(folder, written), written]
            for candidate in candidates:
                name = posixpath.normpath(candidate) if candidate else ""
                if not name or name == ".." or name.startswith("../"):
                    continue
                info = self.parts.get(name) or self.folded.get(name.casefold())
                if info is not None:
                    return name, info
        return None

    def index(self, name: str, info: zipfile.ZipInfo) -> Any:  # noqa: ANN401 - an lxml element
        """Parse a part read whole (``OFD.xml``, a ``Document.xml``) and return its root."""
        part = _Part(self, info, name, MAX_INDEX_BYTES)
        try:
            data = b"".join(iter(lambda: part.read(_CHUNK), b""))
        finally:
            part.close()
        parser = self.etree.XMLParser(
            resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
        )
        try:
            return self.etree.fromstring(data, parser)
        except self.etree.XMLSyntaxError as err:
            raise self.malformed(name, err) from None

    def malformed(self, name: str, err: Any) -> PlanParseError:  # noqa: ANN401 - lxml's error
        """Return the error for a part that is not well-formed XML (lxml's words may quote text)."""
        line, column = getattr(err, "position", (0, 0)) or (0, 0)
        msg = f"{name}: expected well-formed XML, found a mistake at line {line}, column {column}"
        return self.error(msg + _RESAVE)

    def pages(self) -> list[list[str]]:
        """Return the text lines of every page of every document, page by page, in order."""
        found = self.find("OFD.xml", "")
        if found is None:
            msg = (
                "expected an OFD document (a ZIP package with OFD.xml), found a ZIP without OFD.xml"
            )
            raise self.error(msg + _RESAVE)
        root = self.index(*found)
        roots = [
            (element.text or "").strip()
            for body in root.iter()
            if _local(body.tag) == "DocBody"
            for element in _children(body, "DocRoot")
        ]
        if not any(roots):
            msg = "OFD.xml: expected an OFD document named by DocBody/DocRoot (Doc_0/Document.xml), found none"
            raise self.error(msg + _RESAVE)
        out: list[list[str]] = []
        pages = 0
        for location in filter(None, roots):
            document = self.find(location, "")
            if document is None:
                msg = (
                    f"OFD.xml: expected the document {location[:80]!r} it names, found no such part"
                )
                raise self.error(msg + _RESAVE)
            pages = self.document(*document, pages, out)
        return out

    def document(self, name: str, info: zipfile.ZipInfo, pages: int, out: list[list[str]]) -> int:
        """Read one document's pages into ``out``; return how many pages are read in all."""
        root = self.index(name, info)
        folder = posixpath.dirname(name)
        templates: dict[str, str] = {}
        self.resources, self.units, self.unit_runs = [], None, {}
        for common in _children(root, "CommonData"):
            for template in _children(common, "TemplatePage"):
                templates[(template.get("ID") or "").strip()] = template.get("BaseLoc") or ""
            for kind in ("PublicRes", "DocumentRes"):
                self.resources.extend(
                    ((element.text or "").strip(), folder) for element in _children(common, kind)
                )
        listed = [page for pages_ in _children(root, "Pages") for page in _children(pages_, "Page")]
        for number, page in enumerate(listed, start=pages + 1):
            if number > MAX_PAGES:
                msg = f"{name}: expected at most {MAX_PAGES:,} pages, found more"
                raise self.error(msg)
            where = f"page {number} ({name}, Page {number - pages})"
            location = (page.get("BaseLoc") or "").strip()
            if not location:
                msg = f"{where}: expected BaseLoc naming the page's Content.xml, found none"
                raise self.error(msg + _RESAVE)
            part = self.find(location, folder)
            if part is None:
                msg = f"{where}: expected the page's content {location[:80]!r}, found no such part"
                raise self.error(msg + _RESAVE)
            runs, used = self.content(*part, f"page {number}")
            for template_id in used:
                runs.extend(self.template(template_id, templates, folder, f"page {number}"))
                if len(runs) > MAX_PAGE_RUNS:
                    raise self.too_many_runs(f"page {number}")
            out.append(line_texts(runs))
        return pages + len(listed)

    def template(
        self, template_id: str, templates: dict[str, str], folder: str, where: str
    ) -> list[Run]:
        """Return the pieces of text of the template a page is drawn on (each template read once)."""
        if template_id not in templates:
            msg = f"{where}: expected a TemplatePage with ID {template_id[:20]!r} in CommonData, found none"
            raise self.error(msg + _RESAVE)
        location = templates[template_id]
        found = self.find(location, folder) if location.strip() else None
        if found is None:
            msg = f"{where}: expected the template {location[:80]!r} (TemplatePage {template_id[:20]!r}), found no such part"
            raise self.error(msg + _RESAVE)
        name, info = found
        if name not in self.templates:
            self.templates[name] = self.content(name, info, f"{where} template")[0]
        return self.templates[name]

    def too_many_runs(self, where: str) -> PlanParseError:
        """Return the error for a page of more pieces of text than :data:`MAX_PAGE_RUNS`."""
        return self.error(f"{where}: expected at most {MAX_PAGE_RUNS:,} pieces of text, found more")

    def content(self, name: str, info: zipfile.ZipInfo, where: str) -> tuple[list[Run], list[str]]:
        """Read a page's or template's ``Content.xml``: its pieces of text, and its templates.

        The XML is read as a stream and each object is dropped once read, so that a page of
        many objects takes little memory.
        """
        part = _Part(self, info, name, MAX_BYTES)
        runs: list[Run] = []
        used: list[str] = []
        composites: list[tuple[_Place, str, str]] = []
        objects = held = 0
        try:
            events = self.etree.iterparse(
                part,
                events=("end",),
                resolve_entities=False,
                no_network=True,
                huge_tree=False,
                load_dtd=False,
                remove_comments=True,
                remove_pis=True,
            )
            for _, element in events:
                self.elements += 1
                if self.elements > MAX_ELEMENTS:
                    msg = f"{where} ({name}): expected at most {MAX_ELEMENTS:,} XML elements in the document, found more"
                    raise self.error(msg)
                local = _local(element.tag)
                parent = element.getparent()
                if parent is not None and _local(parent.tag) == "TextObject":
                    held += 1  # kept until its TextObject is read: bounded here
                    if held > MAX_PAGE_RUNS:
                        raise self.too_many_runs(where)
                    continue
                if local == "TextObject":
                    objects, held = objects + 1, 0
                    self.text_object(element, runs, f"{where} ({name}), TextObject {objects}")
                    if len(runs) > MAX_PAGE_RUNS:
                        raise self.too_many_runs(where)
                elif local == "Template" and parent is not None and parent.getparent() is None:
                    used.append((element.get("TemplateID") or "").strip())
                elif local == "CompositeObject":
                    objects += 1
                    at = f"{where} ({name}), CompositeObject {objects}"
                    place = self.place(element, at, need_size=False)
                    composites.append((place, (element.get("ResourceID") or "").strip(), at))
                element.clear()
                previous = element.getprevious()
                while previous is not None and parent is not None:
                    parent.remove(previous)
                    previous = element.getprevious()
        except self.etree.XMLSyntaxError as err:
            raise self.malformed(name, err) from None
        finally:
            part.close()
        for place, unit, at in composites:
            for run in self.unit(unit, at, 0):
                runs.append(place.moved(run))
                if len(runs) > MAX_PAGE_RUNS:
                    raise self.too_many_runs(where)
        return runs, used

    def unit(self, unit_id: str, where: str, depth: int) -> list[Run]:
        """Return the pieces of text of a composite graphic unit (a resource), in its own space."""
        if self.units is None:
            self.units = {}
            for location, folder in self.resources:
                found = self.find(location, folder) if location else None
                if found is None:
                    continue  # a resource file of fonts or images only may be left out
                for element in self.index(*found).iter():
                    if _local(element.tag) == "CompositeGraphicUnit":
                        self.units.setdefault((element.get("ID") or "").strip(), element)
        if unit_id in self.unit_runs:
            return self.unit_runs[unit_id]
        element = self.units.get(unit_id)
        if element is None:
            msg = f"{where}: expected a CompositeGraphicUnit with ID {unit_id[:20]!r} in the resources, found none"
            raise self.error(msg + _RESAVE)
        if depth > _MAX_NESTING:
            msg = f"{where}: expected composite objects nested at most {_MAX_NESTING} deep, found more"
            raise self.error(msg)
        self.unit_runs[unit_id] = []  # a unit that draws itself draws nothing more
        runs: list[Run] = []
        objects = 0
        for inner in element.iter():
            local = _local(inner.tag)
            if local not in {"TextObject", "CompositeObject"}:
                continue
            objects += 1
            at = f"{where}, CompositeGraphicUnit {unit_id[:20]!r}, {local} {objects}"
            if local == "TextObject":
                self.text_object(inner, runs, at)
            else:
                place = self.place(inner, at, need_size=False)
                inner_id = (inner.get("ResourceID") or "").strip()
                runs.extend(place.moved(run) for run in self.unit(inner_id, at, depth + 1))
            if len(runs) > MAX_PAGE_RUNS:
                raise self.too_many_runs(where)
        self.unit_runs[unit_id] = runs
        return runs

    def place(self, element: Any, where: str, *, need_size: bool = True) -> _Place:  # noqa: ANN401 - an lxml element
        """Where a graphic unit puts its contents: its Boundary's origin, its CTM, its Size."""
        box = self.numbers(element.get("Boundary"), 4, "Boundary", "x y w h", where)
        size = 1.0
        if need_size:
            size = self.numbers(element.get("Size"), 1, "Size", "size", where)[0]
            if size <= 0:
                msg = f"{where}: expected Size, a font size in mm above 0, found {size:g}"
                raise self.error(msg + _RESAVE)
        ctm_text = element.get("CTM")
        ctm = None
        if ctm_text is not None and ctm_text.strip():
            a, b, c, d, e, f = self.numbers(ctm_text, 6, "CTM", "a b c d e f", where)
            ctm = (a, b, c, d, e, f)
        return _Place(box[0], box[1], ctm, size)

    def text_object(self, element: Any, runs: list[Run], where: str) -> None:  # noqa: ANN401 - an lxml element
        """Place the codes of one TextObject on the page as pieces of text."""
        place = self.place(element, where)
        size = place.size
        em = size * place.scale()
        x = y = 0.0
        for code_number, code in enumerate(_children(element, "TextCode"), start=1):
            at = f"{where}, TextCode {code_number}"
            self.codes += 1
            if self.codes > MAX_CODES:
                msg = f"{at}: expected at most {MAX_CODES:,} TextCodes in the package, found more"
                raise self.error(msg)
            text = code.text or ""
            if "\n" in text or "\r" in text or "\t" in text:
                text = _CONTROL.sub(" ", text)
            written = code.get("X")
            if written is not None:
                number = _number(written)
                x = self.numbers(written, 1, "X", "x", at)[0] if number is None else number
            written = code.get("Y")
            if written is not None:
                number = _number(written)
                y = self.numbers(written, 1, "Y", "y", at)[0] if number is None else number
            if not text:
                continue
            self.characters += len(text)
            if self.characters > MAX_CHARACTERS:
                msg = f"{at}: expected at most {MAX_CHARACTERS:,} characters of text in the package, found more"
                raise self.error(msg)
            need = len(text) - 1
            dx = self.deltas(code.get("DeltaX"), need, "DeltaX", at)
            dy = self.deltas(code.get("DeltaY"), need, "DeltaY", at)
            if any(dy):  # a column: one piece where it starts
                pieces = [(x, x + _advance(text[0]) * size, text)]
            else:
                pieces = _pieces(text, x, dx, size)
            for start, end, piece in pieces:
                page_x, page_y = place.point(start, y)
                page_end = place.point(end, y)[0]
                runs.append(Run(x=page_x, y=page_y, end=max(page_x, page_end), size=em, text=piece))

    def numbers(
        self, value: str | None, count: int, attribute: str, expected: str, where: str
    ) -> list[float]:
        """Return the ``count`` numbers of an attribute, each within :data:`MAX_COORDINATE`."""
        tokens = (value or "").split()
        if len(tokens) == count and "_" not in (value or ""):
            try:
                numbers = [float(token) for token in tokens]
            except ValueError:
                numbers = []
            if numbers and all(-MAX_COORDINATE <= number <= MAX_COORDINATE for number in numbers):
                return numbers  # a NaN is within no bounds
        shown = "none" if value is None else repr(value[:40])
        msg = f'{where}: expected {attribute}="{expected}" (numbers within ±{MAX_COORDINATE:,.0f} mm), found {shown}'
        raise self.error(msg + _RESAVE)

    def deltas(self, value: str | None, need: int, attribute: str, where: str) -> list[float]:
        """Return the first ``need`` advances of ``DeltaX``/``DeltaY``.

        A ``g count value`` repeat is expanded no further than ``need``.
        """
        out: list[float] = []
        if value is None or need <= 0:
            return out
        tokens = _TOKEN.finditer(value)
        for match in tokens:
            if len(out) >= need:
                break
            token = match.group()
            if token == "g":  # noqa: S105 - the repeat mark of GB/T 33190, not a password
                count = next(tokens, None)
                step = next(tokens, None)
                amount = _number(step.group()) if step is not None else None
                if count is None or not count.group().isdigit() or amount is None:
                    shown = value[max(match.start() - 10, 0) : match.start() + 30]
                    msg = (
                        f"{where}: expected {attribute} repeats as 'g count value', found {shown!r}"
                    )
                    raise self.error(msg + _RESAVE)
                repeat = int(count.group()) if len(count.group()) <= 9 else need
                out.extend([amount] * min(repeat, need - len(out)))
                continue
            number = _number(token)
            if number is None:
                msg = f"{where}: expected {attribute} numbers within ±{MAX_COORDINATE:,.0f}, found {token[:40]!r}"
                raise self.error(msg + _RESAVE)
            out.append(number)
        return out


def _number(token: str) -> float | None:
    """Return a number as OFD writes one (``12``, ``-3.5``, ``1e-2``).

    ``None`` for anything else (``nan``, ``inf``, ``1_0``), or for a number beyond
    :data:`MAX_COORDINATE`.

    Examples
    --------
    >>> _number("-3.5"), _number("1e-2"), _number("nan"), _number("1e300"), _number("1_0")
    (-3.5, 0.01, None, None, None)
    """
    if "_" in token:
        return None
    try:
        number = float(token)
    except ValueError:
        return None
    return number if -MAX_COORDINATE <= number <= MAX_COORDINATE else None


def _pieces(
    text: str, x: float, deltas: list[float], size: float
) -> list[tuple[float, float, str]]:
    """Cut a code's text where one character is drawn a space's gap after the one before it.

    Returns ``(start, end, text)`` in the object's space; a character without its advance in
    ``deltas`` follows the one before it at that one's width.
    """
    pieces: list[tuple[float, float, str]] = []
    start = position = x
    begin = 0
    for index in range(len(text) - 1):
        width = _advance(text[index]) * size
        step = deltas[index] if index < len(deltas) else width
        after = position + step
        if after - (position + width) > SPACE_GAP * size:
            pieces.append((start, position + width, text[begin : index + 1]))
            start, begin = after, index + 1
        position = after
    pieces.append((start, position + _advance(text[-1]) * size, text[begin:]))
    return pieces
