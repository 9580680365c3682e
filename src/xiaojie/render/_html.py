"""HTML: self-contained pages (inline CSS, inline SVG, no external assets, scripts or fonts).

Every page works offline and from a file system (``file://``): links are relative, styles are
inline, and the only script is the unit search of the index page, which filters the list of
units over an index embedded in the page.
"""

from __future__ import annotations

import functools
import json
import re
from html import escape as _html_escape
from typing import TYPE_CHECKING

import attrs

from xiaojie._privacy import current_names, scrub
from xiaojie.model._text import visible
from xiaojie.model._units import DEPARTMENT_WORDS
from xiaojie.render._doc import Document, Figure, Heading, Paragraph, Ref, Table, Text, plain
from xiaojie.render._labels import check_lang, label


if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence


__all__ = [
    "CSS",
    "SEARCH_KEEP",
    "SEARCH_SCRIPT",
    "NavLink",
    "UnitEntry",
    "script_json",
    "search_block",
    "search_prefixes",
    "to_html",
]


def escape(value: str, quote: bool = True) -> str:  # noqa: FBT001, FBT002 - html.escape's signature
    """Return ``value`` HTML-escaped, personal data masked first (:func:`xiaojie._privacy.scrub`).

    What no document shows (:func:`xiaojie.model._text.visible`: control and invisible
    formatting characters) is dropped first.
    """
    return _escaped(value, quote, current_names().version)


@functools.lru_cache(maxsize=1 << 16)
def _escaped(value: str, quote: bool, version: int) -> str:  # noqa: FBT001 - a cache key
    """:func:`escape` with the names registry whose contents have ``version`` (a cache key).

    Unit names and titles repeat on thousands of pages: each distinct text is masked once.
    """
    del version  # part of the key only: the registry in force has it
    return _html_escape(scrub(visible(value)), quote)


CSS = """
:root{--fg:#1f2933;--muted:#52606d;--line:#d2d8e0;--accent:#2f5d8a;--band:#f5f7fa;--head:#e8eef5}
*{box-sizing:border-box}
body{margin:0;color:var(--fg);background:#fff;line-height:1.6;
font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif}
header.site{background:var(--accent);color:#fff;padding:.55rem 1.5rem}
header.site a{color:#fff;text-decoration:none}
header.site .plan{font-weight:bold;display:block;font-size:.95rem}
header.site nav a{margin-right:1.2rem;font-size:.9rem;opacity:.92}
header.site nav a:hover{text-decoration:underline}
main{max-width:1240px;margin:0 auto;padding:1rem 1.5rem 3rem}
h1{font-size:1.5rem;margin:.6rem 0 .8rem}
h2{font-size:1.2rem;margin:1.6rem 0 .6rem;border-left:4px solid var(--accent);padding-left:.5rem}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
a{color:var(--accent)}
p.meta{color:var(--muted);font-size:.9rem}
p.notice{background:#fff4e5;border-left:4px solid #b54708;padding:.45rem .7rem;font-weight:bold}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1.4rem;font-size:.92rem}
th,td{border:1px solid var(--line);padding:.35rem .55rem;vertical-align:top;text-align:left}
thead th{background:var(--head);white-space:nowrap}
tbody tr:nth-child(even) td{background:var(--band)}
tr.group th{background:#dde6f0;font-weight:bold}
td.num{text-align:right;white-space:nowrap}
table[data-name="summary"],table[data-name="by_rule"]{width:auto;min-width:18rem}
figure{margin:.5rem 0 1.5rem;overflow-x:auto}
figure svg{max-width:100%;height:auto}
figcaption{color:var(--muted);font-size:.85rem}
.search input{font-size:1rem;padding:.45rem .6rem;width:min(28rem,100%);border:1px solid var(--line);border-radius:4px}
ul.units{list-style:none;padding:0;columns:2 22rem}
ul.units li{padding:.15rem 0;break-inside:avoid}
ul.units .aliases{color:var(--muted);font-size:.85rem;margin-left:.4rem}
ul.units .count{color:var(--muted);font-size:.8rem;margin-left:.4rem}
.state-overdue{color:#b42318;font-weight:bold}
.state-due_soon{color:#b54708;font-weight:bold}
footer{color:var(--muted);font-size:.8rem;border-top:1px solid var(--line);margin-top:2rem;padding-top:.6rem}
@media print{header.site nav,.search{display:none}main{max-width:none;padding:0}}
""".strip()

SEARCH_SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("unit-index").textContent);
  var words = JSON.parse(document.getElementById("unit-list").getAttribute("data-words"));
  var input = document.getElementById("unit-search");
  var items = document.querySelectorAll("#unit-list li");
  var none = document.getElementById("unit-none");
  var count = document.getElementById("unit-count");
  function strip(s) {
    var cut = true;
    while (cut) {
      cut = false;
      for (var j = 0; j < words.keep.length; j++) {
        if (s.startsWith(words.keep[j])) { return s; }
      }
      for (var p = 0; p < words.prefixes.length; p++) {
        var prefix = words.prefixes[p];
        if (s.length > prefix.length && s.startsWith(prefix)) {
          s = s.slice(prefix.length);
          cut = true;
          break;
        }
      }
    }
    return s;
  }
  function norm(s) {
    return strip(s.normalize("NFKC").replace(/[\\s“”"'‘’]/g, ""));
  }
  var normed = data.map(function (d) { return d.names.map(norm); });
  function filter() {
    var raw = input.value.normalize("NFKC").replace(/\\s/g, "");
    var q = norm(input.value);
    var shown = 0;
    for (var i = 0; i < items.length; i++) {
      var names = data[i].names;
      var hit = raw === "";
      for (var k = 0; !hit && k < names.length; k++) {
        var n = names[k].normalize("NFKC");
        var m = normed[i][k];
        hit = n.indexOf(raw) !== -1
          || (q !== "" && (m.indexOf(q) !== -1 || (m.length >= 2 && q.indexOf(m) !== -1)));
      }
      items[i].hidden = !hit;
      if (hit) { shown++; }
    }
    none.hidden = shown !== 0;
    count.textContent = String(shown);
  }
  var given = new URLSearchParams(window.location.search).get("q");
  if (given) { input.value = given; }
  input.addEventListener("input", filter);
  filter();
  document.documentElement.setAttribute("data-search", "ready");
})();
""".strip()


@attrs.frozen
class NavLink:
    """A link of a page's navigation bar: words and a path from the site's root."""

    label: str
    path: str


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class UnitEntry:
    """One unit in the index's search list."""

    id: str
    name: str
    aliases: tuple[str, ...] = attrs.field(converter=_strings)
    href: str
    note: str = ""


def _inline(value: Text, link: Callable[[Ref], str | None] | None) -> str:
    out: list[str] = []
    for part in value:
        if isinstance(part, str):
            out.append(escape(part))
            continue
        target = link(part) if link is not None else None
        if target:
            out.append(f'<a href="{escape(target)}">{escape(part.label)}</a>')
        else:
            out.append(escape(part.label))
    return "".join(out)


def _cell_class(value: Text) -> str:
    words = plain(value)
    return ' class="num"' if words.isascii() and words.replace("-", "").isdigit() else ""


def _table(table: Table, link: Callable[[Ref], str | None] | None) -> list[str]:
    out = [f'<table data-name="{escape(table.name)}">', "<thead><tr>"]
    out.extend(f'<th scope="col">{escape(c)}</th>' for c in table.columns)
    out.append("</tr></thead>")
    out.append("<tbody>")
    for index, row in enumerate(table.rows):
        group = table.group_at(index)
        if group is not None:
            out.append(
                f'<tr class="group"><th colspan="{len(table.columns)}" scope="rowgroup">'
                f"{_inline(group, link)}</th></tr>"
            )
        cells = "".join(f"<td{_cell_class(c)}>{_inline(c, link)}</td>" for c in row)
        out.append(f"<tr>{cells}</tr>")
    out.append("</tbody></table>")
    return out


def _blocks(document: Document, link: Callable[[Ref], str | None] | None) -> list[str]:
    out: list[str] = []
    for block in document.blocks:
        if isinstance(block, Heading):
            level = min(max(block.level, 2), 6)
            anchor = f' id="{escape(block.anchor)}"' if block.anchor else ""
            out.append(f"<h{level}{anchor}>{_inline(block.text, link)}</h{level}>")
        elif isinstance(block, Paragraph):
            notice = ' class="notice" role="note"' if block.notice else ""
            out.append(f"<p{notice}>{_inline(block.text, link)}</p>")
        elif isinstance(block, Table):
            out.extend(_table(block, link))
        elif isinstance(block, Figure):
            out.append(f"<figure>{block.svg.strip()}")
            out.append(f"<figcaption>{escape(block.caption)}</figcaption></figure>")
    return out


_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_json(value: object) -> str:
    r"""Return ``value`` as JSON that can stand inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` are written as ``\u003c``, ``\u003e`` and ``\u0026``, so that no
    text (``</script>``, ``<!--<script>``) ends the element early or keeps it from ending;
    the line and paragraph separators U+2028 and U+2029 as ``\u2028`` and ``\u2029``. A JSON
    reader gives back the same value.

    Examples
    --------
    >>> script_json({"names": ["农业<!--<script>农村厅", "a&b</script>"]})
    '{"names": ["农业\\u003c!--\\u003cscript\\u003e农村厅", "a\\u0026b\\u003c/script\\u003e"]}'
    >>> json.loads(script_json(["<!--</script>\u2028"])) == ["<!--</script>\u2028"]
    True
    """
    return json.dumps(value, ensure_ascii=False).translate(_SCRIPT_SAFE)


_LEVEL_WORDS = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "街道",
    "省",
    "市",
    "区",
    "县",
    "州",
    "盟",
    "旗",
    "镇",
    "乡",
)
"""The words that end a place's name, longest first (宁夏回族自治区, 青浦区, 泗洲头镇)."""

_PLACE = re.compile(rf"[\u4e00-\u9fff]{{1,8}}?(?:{'|'.join(_LEVEL_WORDS)})")

SEARCH_KEEP = DEPARTMENT_WORDS
"""Words a unit's name may begin with that name no place (市场监管局, 区域协调办): the search
strips no level word from them (:data:`xiaojie.model._units.DEPARTMENT_WORDS`)."""

_NOT_PLACE = re.compile(
    rf"^(?:{'|'.join(SEARCH_KEEP)}|推进|实施|大力|加快|加强|促进|深化|进一步|全面|本|对|各|我|全)"
    r"|关于|印发|的"
)
"""What a title may begin with that is no place (推进广州市…, 本市…, 对省政府…)."""


_PEOPLE = re.compile(r"([\u4e00-\u9fff]{2,3}?)[\u4e00-\u9fff]{1,3}族$")


def _places(text: str) -> list[str]:
    """Return the places ``text`` begins with, in order: 上海市青浦区人民政府 → 上海市, 青浦区.

    A place's name has at least two characters before its level word (对省…, 本市… name none).
    """
    found: list[str] = []
    rest = text.removeprefix("中共")
    while (place := _PLACE.match(rest)) is not None and not _NOT_PLACE.search(place[0]):
        if _short(place[0]) == place[0]:  # fewer than two characters before the level word
            break
        found.append(place[0])
        rest = rest[place.end() :]
    return found


def _short(place: str) -> str:
    """Return a place's name without its level word (青浦区 → 青浦, 宁夏回族自治区 → 宁夏)."""
    for word in _LEVEL_WORDS:
        if place.endswith(word) and len(place) - len(word) >= 2:
            short = place.removesuffix(word)
            people = _PEOPLE.match(short)  # 宁夏回族 → 宁夏, 延边朝鲜族 → 延边
            return people[1] if people is not None else short
    return place


def search_prefixes(unit_names: Iterable[str], sources: Iterable[str] = ()) -> tuple[str, ...]:
    """Return the prefixes the unit search ignores in what is typed and in the units' names.

    A plan calls its own units by a level word (自治区教育厅, 区消防救援局, 市财政局) and a reader
    types them with the plan's place (宁夏回族自治区教育厅, 青浦区消防救援局): both are dropped
    before names are compared. The prefixes are the level words some unit's name begins with
    (not a word such as 市场 that names no place, :data:`SEARCH_KEEP`), the places a source (the
    plan's issuer and title) begins with, and those the units' names all begin with, each whole
    and without its level word (上海市, 上海, 青浦区, 青浦); longest first.

    Examples
    --------
    >>> search_prefixes(["区消防救援局", "区市场监管局", "市场监管局", "各街镇"],
    ...                 ["上海市青浦区人民政府办公室关于印发《实施方案》的通知"])
    ('上海市', '青浦区', '上海', '青浦', '区')
    >>> search_prefixes(["自治区教育厅", "宁夏农垦集团有限公司"], ["宁夏回族自治区党委、人民政府"])
    ('宁夏回族自治区', '自治区', '宁夏')
    """
    names = [visible(n) for n in unit_names]
    places: list[str] = []
    for source in sources:
        places.extend(_places(visible(source)))
    if names:
        # what the first and the last name in order begin with, every name begins with
        first, last = min(names), max(names)
        size = next((k for k, (a, b) in enumerate(zip(first, last, strict=False)) if a != b), None)
        places.extend(_places(first[:size]))
    found = dict.fromkeys(places)
    found.update(dict.fromkeys(_short(p) for p in places))
    for name in names:
        if name.startswith(SEARCH_KEEP):
            continue
        word = next((w for w in _LEVEL_WORDS if name.startswith(w)), None)
        if word is not None and len(name) > len(word):
            found[word] = None
    return tuple(sorted(found, key=lambda w: -len(w)))


def search_block(
    entries: Sequence[UnitEntry], *, lang: str = "zh", prefixes: Sequence[str] = ()
) -> str:
    """Return the HTML of the unit search: a box, the list of units and the filter script.

    The list is complete without a script; the script hides the units none of whose names and
    aliases contains the words typed or is contained in them, once the ``prefixes`` (the plan's
    own places and level words, :func:`search_prefixes`) are dropped from the start of both:
    with the prefix 区, 青浦区消防救援局 finds 区消防救援局. ``?q=…`` in the page's address
    fills the box.

    Examples
    --------
    >>> html = search_block([UnitEntry(id="education", name="自治区教育厅",
    ...                                aliases=["教育厅"], href="units/education.html")])
    >>> 'id="unit-search"' in html, '"教育厅"' in html
    (True, True)
    """
    language = check_lang(lang)
    words = {
        "prefixes": sorted({scrub(p) for p in prefixes if p}, key=lambda w: (-len(w), w)),
        "keep": list(SEARCH_KEEP),
    }
    words_attr = escape(json.dumps(words, ensure_ascii=False))  # read by the script
    index = [
        {"id": scrub(e.id), "names": [scrub(n) for n in (e.name, *e.aliases)], "href": e.href}
        for e in entries
    ]
    payload = script_json(index)
    items = []
    for e in entries:
        aliases = "、".join(e.aliases)
        alias_html = f'<span class="aliases">{escape(aliases)}</span>' if aliases else ""
        note_html = f'<span class="count">{escape(e.note)}</span>' if e.note else ""
        items.append(
            f'<li data-id="{escape(e.id)}"><a href="{escape(e.href)}">{escape(e.name)}</a>'
            f"{alias_html}{note_html}</li>"
        )
    return "\n".join(
        [
            '<div class="search">',
            f'<label for="unit-search">{escape(label("search_units", language))}</label><br>',
            (
                '<input id="unit-search" type="search" autocomplete="off" '
                f'placeholder="{escape(label("search_units", language))}">'
            ),
            f' <span id="unit-count">{len(entries)}</span>',
            "</div>",
            f'<ul class="units" id="unit-list" data-words="{words_attr}">{"".join(items)}</ul>',
            f'<p id="unit-none" hidden>{escape(label("no_match", language))}</p>',
            f'<script type="application/json" id="unit-index">{payload}</script>',
            f"<script>{SEARCH_SCRIPT}</script>",
        ]
    )


def to_html(
    document: Document,
    *,
    link: Callable[[Ref], str | None] | None = None,
    site_title: str = "",
    nav: Sequence[NavLink] = (),
    root: str = "",
    footer: str = "",
    extra: str = "",
) -> str:
    """Return ``document`` as one self-contained HTML page.

    Parameters
    ----------
    document
        The document.
    link
        Turns a reference into a link target (relative to this page), or ``None`` for text.
    site_title
        The name shown in the page's header (the plan's title); none if empty.
    nav
        Links of the navigation bar, with paths from the site's root.
    root
        The path from this page to the site's root (``""`` or ``"../"``).
    footer
        A line at the foot of the page.
    extra
        HTML put after the document's blocks (already escaped; the index's search).

    Returns
    -------
    str
        An HTML5 page with inline styles and no external resources.

    Examples
    --------
    >>> from xiaojie.render import Document, Paragraph
    >>> page = to_html(Document(slug="p", title="标题<1>", blocks=[Paragraph("a & b")]))
    >>> "<h1>标题&lt;1&gt;</h1>" in page, "<p>a &amp; b</p>" in page, "http" in page
    (True, True, False)
    """
    language = check_lang(document.lang)
    html_lang = "zh-CN" if language == "zh" else "en"
    title = escape(document.title + (f" — {site_title}" if site_title else ""))
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{html_lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
    ]
    if site_title or nav:
        out.append('<header class="site">')
        if site_title:
            out.append(f'<a class="plan" href="{escape(root)}index.html">{escape(site_title)}</a>')
        if nav:
            links = "".join(f'<a href="{escape(root + n.path)}">{escape(n.label)}</a>' for n in nav)
            out.append(f"<nav>{links}</nav>")
        out.append("</header>")
    out.append("<main>")
    out.append(f"<h1>{escape(document.title)}</h1>")
    out.extend(_blocks(document, link))
    if extra:
        out.append(extra)
    if footer:
        out.append(f"<footer>{escape(footer)}</footer>")
    out.extend(["</main>", "</body>", "</html>"])
    return "\n".join(out) + "\n"
