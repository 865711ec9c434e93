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
import codecs
import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from transforms.lang import de

DEFAULT_MAX_ARTICLE_BYTES = 1 << 20

# Reason codes (the project's, from bad-inputs/expected.tsv, plus empty_article and the
# ones below). The README's reason table and the errors schema list every one.
TOO_LARGE = "too_large"
EMPTY_FILE = "empty_file"
NOT_TEXT = "not_text"
CONTAINS_NUL = "contains_nul"
MISSING_DATE_HEADER = "missing_date_header"
INVALID_DATE = "invalid_date"
EMPTY_ARTICLE = "empty_article"
UNREADABLE = "unreadable"
# What the input holds that is no regular file (never opened for reading).
NOT_REGULAR_FILE = "not_regular_file"
DANGLING_SYMLINK = "dangling_symlink"
SYMLINK_LOOP = "symlink_loop"
# An unexpected exception in newsbeam's own code for this one file or article.
PARSE_FAILED = "parse_failed"
NLP_FAILED = "nlp_failed"
EXTRACTOR_FAILED = "extractor_failed"
EXTRACT_TIMEOUT = "extract_timeout"

# Rejections that say something about the run, not about the file's content: a later
# run tries such a file again even when it has not changed (see pipeline/ledger.py).
# too_large is retried when a later run's size limit admits the file.
RUN_CONDITIONS = frozenset({UNREADABLE, DANGLING_SYMLINK, SYMLINK_LOOP, PARSE_FAILED,
                            NLP_FAILED, EXTRACTOR_FAILED, EXTRACT_TIMEOUT})

# Repairs recorded on a parsed article.
HEADER_VARIANT = "header_variant"
CP1252_TRANSCODED = "cp1252_transcoded"
UTF16_TRANSCODED = "utf16_transcoded"
BOM_STRIPPED = "bom_stripped"
CRLF_NORMALISED = "crlf_normalised"
MIXED_ENCODING_REPAIRED = "mixed_encoding_repaired"

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
# Characters that render as nothing: text made only of these (and whitespace) is no
# article. Format characters (zero-width space, joiners, soft hyphen, BOM) and marks
# without a base are found by their category; these blank letters are listed.
_INVISIBLE_CATEGORIES = ("Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me")
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Scripts a UTF-8 sequence in a partly cp1252 file may decode to and still be read as
# UTF-8; anything else there is more likely cp1252 bytes that happen to form UTF-8
# ("ß“" is the bytes DF 93, which UTF-8 reads as an NKo letter).
_PLAUSIBLE_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")


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
        return month_of(self.date.date)

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
    """``<file name without extension>-<8 hex of sha256(uri)>``: readable (feed files
    are named ``NNN_<hash>.txt``), the same for a file in every run, and different for
    two files of the same name in two folders, whose rows must never be joined."""
    name = uri.rstrip("/").rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return f"{stem}-{hashlib.sha256(uri.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def month_of(date: dt.date) -> str:
    """The partition key, zero-padded (year 0950 is month=0950-01, not 950-01)."""
    return f"{date.year:04d}-{date.month:02d}"


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
    controls = len(_CONTROLS.findall(text))
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
    paragraphs = [p for p in paragraphs if _visible(p)]
    if not _visible(lead):
        lead = paragraphs.pop(0) if paragraphs else ""
    if not lead:
        return reject(EMPTY_ARTICLE, "the date header is followed by no visible text",
                      month_of(parsed.date))

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
    mixed = _decode_mixed(data)
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if mixed is not None and mixed != text:
        repairs.append(MIXED_ENCODING_REPAIRED)
        return mixed
    if text is not None:
        repairs.append(CP1252_TRANSCODED)
    return text


def _cp1252_fallback(err: UnicodeDecodeError) -> tuple[str, int]:
    return err.object[err.start:err.end].decode("cp1252"), err.end


codecs.register_error("newsbeam_cp1252", _cp1252_fallback)


def _decode_mixed(data: bytes) -> str | None:
    """Valid UTF-8 read as UTF-8 and every other byte as cp1252 (a file pasted
    together from two sources), when the UTF-8 sequences decode to plausible text;
    None when a byte is in neither or the UTF-8 reading is implausible."""
    try:
        text = data.decode("utf-8", "newsbeam_cp1252")
    except UnicodeDecodeError:
        return None
    if all(_plausible(ch) for ch in set(text) if ord(ch) > 0x7F):
        return text
    return None


def _plausible(ch: str) -> bool:
    if unicodedata.category(ch)[0] in "PSZN":
        return True
    return unicodedata.name(ch, "").startswith(_PLAUSIBLE_SCRIPTS)


def _visible(text: str) -> bool:
    return any(unicodedata.category(ch) not in _INVISIBLE_CATEGORIES
               and ch not in _BLANK_LETTERS and not ch.isspace() for ch in text)


# Control characters (category Cc: U+0000-U+001F and U+007F-U+009F) but NUL, tab, line
# feed, carriage return and form feed, counted in one pass of the regex engine.
_CONTROLS = re.compile("[\x01-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _parse_date(value: str) -> ParsedDate | str:
    """The header's date, or why it is invalid. Years 0001-9999 are dates (the range
    of Python, Parquet readers and BigQuery's DATE); a timestamp must stay in it in UTC."""
    match = _DATE.fullmatch(value)
    if match is None:
        return f"{value!r} is not YYYY-MM, YYYY-MM-DD or an ISO timestamp"
    year, month = int(match["y"]), int(match["m"])
    if year < 1:
        return f"year 0 does not exist in {value!r}"
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
        utc = stamp.astimezone(dt.timezone.utc)
    except OverflowError:
        return f"{value!r} is outside the years 0001-9999 in UTC"
    except ValueError as err:
        return f"{value!r}: {err}"
    precision = "second" if match["S"] is not None else "minute"
    return ParsedDate(stamp.date(), precision, utc)


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
