"""HTML: self-contained pages (inline CSS, inline SVG, no external assets, scripts or fonts).

Every page works offline and from a file system (``file://``): links are relative, styles are
inline, and the only script is the unit search of the index page, which filters the list of
units over an index embedded in the page.
"""

from __future__ import annotations

import functools
import json
from html import escape as _html_escape
from typing import TYPE_CHECKING

import attrs

from xiaojie._privacy import current_names, scrub
from xiaojie.model._text import visible
from xiaojie.render._doc import Document, Figure, Heading, Paragraph, Ref, Table, Text, plain
from xiaojie.render._labels import check_lang, label


if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence


__all__ = ["CSS", "SEARCH_SCRIPT", "NavLink", "UnitEntry", "script_json", "search_block", "to_html"]


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
  var input = document.getElementById("unit-search");
  var items = document.querySelectorAll("#unit-list li");
  var none = document.getElementById("unit-none");
  var count = document.getElementById("unit-count");
  function norm(s) {
    return s.normalize("NFKC").replace(/[\\s“”"'‘’]/g, "").replace(/^(宁夏回族自治区|自治区)/, "");
  }
  function filter() {
    var raw = input.value.normalize("NFKC").replace(/\\s/g, "");
    var q = norm(input.value);
    var shown = 0;
    for (var i = 0; i < items.length; i++) {
      var names = data[i].names;
      var hit = raw === "";
      for (var k = 0; !hit && k < names.length; k++) {
        var n = names[k].normalize("NFKC");
        hit = n.indexOf(raw) !== -1 || (q !== "" && norm(n).indexOf(q) !== -1);
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


def search_block(entries: Sequence[UnitEntry], *, lang: str = "zh") -> str:
    """Return the HTML of the unit search: a box, the list of units and the filter script.

    The list is complete without a script; the script hides the units whose names and aliases
    do not contain the words typed (a leading 自治区 is ignored, as the unit registry does).
    ``?q=…`` in the page's address fills the box.

    Examples
    --------
    >>> html = search_block([UnitEntry(id="education", name="自治区教育厅",
    ...                                aliases=["教育厅"], href="units/education.html")])
    >>> 'id="unit-search"' in html, '"教育厅"' in html
    (True, True)
    """
    language = check_lang(lang)
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
            f'<ul class="units" id="unit-list">{"".join(items)}</ul>',
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
