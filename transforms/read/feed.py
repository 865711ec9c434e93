"""The feed file format: bytes in, one canonical article or one reason code out.

A feed file is ``" date YYYY-MM <lead>\\n\\n<paragraph>\\n\\n<paragraph>..."``. The policy
for malformed files is ``shared/corpus/bad-inputs/README.md``: lenient where the intent
is unambiguous (header variants, cp1252, BOM, CRLF; each repair is recorded), strict
where a value would have to be invented (no header, impossible or two-digit dates).

This module is pure Python on purpose: the Beam transform, the property tests and any
other caller all go through :func:`parse_article`, so the policy lives in one place.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from transforms.lang import de

DEFAULT_MAX_ARTICLE_BYTES = 1 << 20

# Reason codes (the project's, from bad-inputs/expected.tsv, plus empty_article).
TOO_LARGE = "too_large"
EMPTY_FILE = "empty_file"
NOT_TEXT = "not_text"
CONTAINS_NUL = "contains_nul"
MISSING_DATE_HEADER = "missing_date_header"
INVALID_DATE = "invalid_date"
EMPTY_ARTICLE = "empty_article"
UNREADABLE = "unreadable"

# Repairs recorded on a parsed article.
HEADER_VARIANT = "header_variant"
CP1252_TRANSCODED = "cp1252_transcoded"
UTF16_TRANSCODED = "utf16_transcoded"
BOM_STRIPPED = "bom_stripped"
CRLF_NORMALISED = "crlf_normalised"

_BINARY_SIGNATURES = (
    b"\x89PNG", b"%PDF", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"PK\x03\x04",
    b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"\x7fELF",
)
# More control characters than this share of the text means binary, not text with a
# stray control byte.
_MAX_CONTROL_SHARE = 0.02

_CANONICAL_HEADER = re.compile(r" date \d{4}-\d{2} ")
_HEADER = re.compile(r"[ \t]*date(?=[\s:])[ \t]*:?[ \t]*", re.IGNORECASE)
_DATE_VALUE = re.compile(r"\S+")
_TIME_AFTER_DATE = re.compile(r"[ \t]+(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)(?=\s|$)")
_DATE = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})"
    r"(?:-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.(?P<f>\d+))?)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?)?"
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_SENTENCE_END = ".!?:;…"
_CLOSING = "\"'“”„«»‘’)]"
_MAX_HEADING_WORDS = 12


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # lead | paragraph | heading | caption


@dataclass(frozen=True)
class ParsedDate:
    date: dt.date
    precision: str  # month | day | minute | second
    published_at: dt.datetime | None


@dataclass
class Article:
    article_id: str
    source_uri: str
    content_sha256: str
    date: ParsedDate
    lead: str
    text: str
    paragraphs: list[Span]
    repairs: list[str] = field(default_factory=list)
    size: int = 0  # bytes of the file it was read from

    @property
    def month(self) -> str:
        return self.date.date.strftime("%Y-%m")

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass
class Rejection:
    article_id: str
    source_uri: str
    reason: str
    message: str
    size: int
    month: str | None = None


def article_id_from_uri(uri: str) -> str:
    """The file name without its extension: feed files are named ``NNN_<hash>.txt``,
    so the id is stable across runs, machines and storage (local or gs://)."""
    name = uri.rstrip("/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


def parse_article(data: bytes, source_uri: str,
                  max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES) -> Article | Rejection:
    """Parse one feed file. Never raises for any input bytes."""
    article_id = article_id_from_uri(source_uri)

    def reject(reason: str, message: str, month: str | None = None) -> Rejection:
        return Rejection(article_id, source_uri, reason, message, len(data), month)

    if len(data) > max_bytes:
        return reject(TOO_LARGE, f"{len(data)} bytes is over the limit of {max_bytes}")
    if not data:
        return reject(EMPTY_FILE, "the file is empty")
    if data.startswith(_BINARY_SIGNATURES):
        return reject(NOT_TEXT, "binary file signature")

    repairs: list[str] = []
    text = _decode(data, repairs)
    if text is None:
        return reject(NOT_TEXT, "neither UTF-8 nor cp1252 text")
    controls = sum(1 for ch in text if _is_control(ch))
    if controls > _MAX_CONTROL_SHARE * len(text):
        return reject(NOT_TEXT, f"{controls} control characters in {len(text)}")
    if "\x00" in text:
        return reject(CONTAINS_NUL, f"NUL byte at character {text.index(chr(0))}")

    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        repairs.append(CRLF_NORMALISED)

    header = _HEADER.match(text)
    if header is None:
        return reject(MISSING_DATE_HEADER, "the file does not start with a 'date' header")
    value = _DATE_VALUE.match(text, header.end())
    if value is None:
        return reject(INVALID_DATE, "the date header has no value")
    value_text, value_end = value.group(), value.end()
    time_part = _TIME_AFTER_DATE.match(text, value_end)
    if time_part is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value_text):
        value_text, value_end = f"{value_text}T{time_part.group(1)}", time_part.end()
    parsed = _parse_date(value_text)
    if isinstance(parsed, str):
        return reject(INVALID_DATE, parsed)
    if not _CANONICAL_HEADER.match(text):
        repairs.append(HEADER_VARIANT)

    first_line_end = text.find("\n", value_end)
    if first_line_end < 0:
        first_line_end = len(text)
    lead = text[value_end:first_line_end].strip()
    body = _TRAILING_SPACE.sub("\n", text[first_line_end:])
    paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(body)]
    paragraphs = [p for p in paragraphs if p]
    if not lead and paragraphs:
        lead = paragraphs.pop(0)
    if not lead:
        return reject(EMPTY_ARTICLE, "the date header is followed by no text",
                      parsed.date.strftime("%Y-%m"))

    canonical, spans = _assemble(lead, paragraphs)
    return Article(
        article_id=article_id,
        source_uri=source_uri,
        content_sha256=hashlib.sha256(data).hexdigest(),
        date=parsed,
        lead=lead,
        text=canonical,
        paragraphs=spans,
        repairs=repairs,
        size=len(data),
    )


def _decode(data: bytes, repairs: list[str]) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        repairs.append(BOM_STRIPPED)
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None
        repairs.append(UTF16_TRANSCODED)
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    repairs.append(CP1252_TRANSCODED)
    return text


def _is_control(ch: str) -> bool:
    return ch not in "\t\n\r\f" and ch != "\x00" and unicodedata.category(ch) == "Cc"


def _parse_date(value: str) -> ParsedDate | str:
    match = _DATE.fullmatch(value)
    if match is None:
        return f"{value!r} is not YYYY-MM, YYYY-MM-DD or an ISO timestamp"
    year, month = int(match["y"]), int(match["m"])
    if not 1 <= month <= 12:
        return f"month {month} does not exist in {value!r}"
    if match["d"] is None:
        return ParsedDate(dt.date(year, month, 1), "month", None)
    day = int(match["d"])
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return f"day {day} does not exist in {value!r}"
    if match["H"] is None:
        return ParsedDate(dt.date(year, month, day), "day", None)
    try:
        tz = _timezone(match["tz"])
        stamp = dt.datetime(year, month, day, int(match["H"]), int(match["M"]),
                            int(match["S"] or 0), int((match["f"] or "0")[:6].ljust(6, "0")),
                            tzinfo=tz)
    except ValueError as err:
        return f"{value!r}: {err}"
    precision = "second" if match["S"] is not None else "minute"
    return ParsedDate(stamp.date(), precision, stamp.astimezone(dt.timezone.utc))


def _timezone(tz: str | None) -> dt.timezone:
    # A timestamp without an offset is read as UTC (documented in the README).
    if tz is None or tz == "Z":
        return dt.timezone.utc
    sign = 1 if tz[0] == "+" else -1
    digits = tz[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _assemble(lead: str, paragraphs: list[str]) -> tuple[str, list[Span]]:
    parts, spans, offset = [], [], 0
    for i, paragraph in enumerate([lead, *paragraphs]):
        if i:
            offset += 2
        kind = "lead" if i == 0 else _paragraph_kind(paragraph)
        spans.append(Span(offset, offset + len(paragraph), kind))
        parts.append(paragraph)
        offset += len(paragraph)
    return "\n\n".join(parts), spans


def _paragraph_kind(paragraph: str) -> str:
    if de.CAPTION.search(paragraph):
        return "caption"
    if "\n" not in paragraph and len(paragraph.split()) <= _MAX_HEADING_WORDS:
        if paragraph.rstrip(_CLOSING)[-1:] not in _SENTENCE_END:
            return "heading"
    return "paragraph"
