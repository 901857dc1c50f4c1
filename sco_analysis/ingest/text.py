r"""Read an article: refuse bad input fast, take the main text out of HTML or Markdown.

Input is plain text, Markdown in the layout of the project's press-release examples
(a ``## **Title**`` heading, paragraphs, ``*Reference ...*`` notes in italics and a
``Source URL`` footer) or a saved HTML page, whose main text is extracted with trafilatura
(menus, sidebars, cookie banners and footers are dropped; italics are kept, as they mark
background notes).

Examples:
    >>> body = read_text("## **Title**\n\nParagraph one.\n\n*Reference. Old news.*")
    >>> body.title, body.paragraphs, body.italic
    ('Title', ['Paragraph one.', 'Reference. Old news.'], [False, True])
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .model import IngestError

#: Largest article accepted, in bytes. Press releases are a few kilobytes; a saved page
#: with its markup rarely exceeds a few hundred. Larger input is refused before it is read.
MAX_BYTES = 2_000_000


@dataclass
class Body:
    """The article's main text as paragraphs, with what the page says about itself."""

    title: str
    paragraphs: list[str]
    italic: list[bool]
    url: str | None = None
    published: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


def load(source: str | os.PathLike[str]) -> tuple[str, str]:
    """The text of an article given as a path or as the text itself, and its name.

    Raises:
        IngestError: Empty, binary, not UTF-8, or larger than :data:`MAX_BYTES`.

    Examples:
        >>> load("MINSK, 22 August - Text.")[1]
        'article'
        >>> load("")
        Traceback (most recent call last):
        ...
        sco_analysis.ingest.model.IngestError: the article is empty: ...
    """
    path = _as_path(source)
    if path is None:
        raw = str(source).encode("utf-8", "surrogatepass")
        name = "article"
    else:
        size = path.stat().st_size
        _check_size(size, str(path))
        raw = path.read_bytes()
        name = path.name.split(".")[0]
    _check_size(len(raw), name)
    return _decode(raw, name), name


def _as_path(source: str | os.PathLike[str]) -> Path | None:
    if isinstance(source, os.PathLike):
        path = Path(source)
    elif "\n" in source or len(source) > 1000 or not source.strip():
        return None
    else:
        path = Path(source)
        try:
            if not path.is_file():
                return None
        except OSError:
            return None
    if not path.is_file():
        raise IngestError(f"{path}: no such file")
    return path


def _check_size(size: int, name: str) -> None:
    if size > MAX_BYTES:
        raise IngestError(f"{name}: {size:,} bytes is larger than the {MAX_BYTES:,} bytes an "
                          "article may have; give the press release itself, not a dump or "
                          "an archive")


def _decode(raw: bytes, name: str) -> str:
    head = raw[:8192]
    if b"\x00" in head or _control_share(head) > 0.05:
        raise IngestError(f"{name}: this is a binary file, not an article; give a text, "
                          "Markdown or saved HTML file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(f"{name}: the bytes are not UTF-8 ({exc.reason} at byte "
                          f"{exc.start}); save the article as UTF-8 text") from None
    if not text.strip():
        raise IngestError("the article is empty: give a file or text with the press release")
    return text


def _control_share(head: bytes) -> float:
    if not head:
        return 0.0
    bad = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bad / len(head)


def is_html(text: str) -> bool:
    """True when the text is an HTML page rather than text or Markdown."""
    start = text.lstrip()[:500].lower()
    return start.startswith(("<!doctype html", "<html")) or bool(
        re.search(r"<(body|article|div|p)\b", text[:5000], re.I) and "</" in text)


def read_text(text: str) -> Body:
    """The main text of an article (HTML, Markdown or plain text) as a :class:`Body`."""
    if is_html(text):
        return _from_html(text)
    return _from_markdown(text)


def _from_html(page: str) -> Body:
    import trafilatura

    main = trafilatura.extract(page, output_format="markdown", include_formatting=True,
                               include_links=True, include_comments=False,
                               include_tables=False, favor_precision=True)
    meta = trafilatura.extract_metadata(page)
    if not main:
        raise IngestError("no event found: the page has no main text that could be "
                          "extracted (is it a list of links or a page of scripts?)")
    body = _from_markdown(main)
    if meta is not None:
        body.title = body.title or (meta.title or "")
        body.published = meta.date
        body.url = body.url or meta.url
    return body


_SOURCE_RE = re.compile(r"^\W*source\s*url\W*:?\W*$", re.I)
_URL_RE = re.compile(r"https?://[^\s<>\]\)\"']+")


def _from_markdown(text: str) -> Body:
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    title, url, paragraphs, italic = "", None, [], []
    expect_url = False
    for block in blocks:
        if not block or re.fullmatch(r"[-*_ ]{3,}", block):
            continue
        if block.startswith("#"):
            heading = _plain(block.lstrip("#"))
            expect_url = bool(_SOURCE_RE.match(heading))
            title = title or ("" if expect_url else heading)
            continue
        found = _URL_RE.search(block)
        if expect_url or re.match(r"^\W*source\s*url\b", block, re.I):
            url = url or (found.group(0) if found else None)
            expect_url = False
            continue
        italic.append(_is_italic(block))
        paragraphs.append(_plain(block))
    return Body(title, paragraphs, italic, url)


def _is_italic(block: str) -> bool:
    return bool(re.fullmatch(r"([*_])(?!\1)[\s\S]+(?<!\1)\1", block.strip()))


def _plain(block: str) -> str:
    block = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", block)
    block = re.sub(r"(\*\*|__|(?<!\w)[*_]|[*_](?!\w))", "", block)
    return re.sub(r"\s+", " ", block).strip()
