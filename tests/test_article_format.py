import csv

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES, SEED_000
from transforms.read import feed as fmt


def expected_rows(bad_inputs):
    with open(bad_inputs / "expected.tsv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def parse_file(path):
    return fmt.parse_article(path.read_bytes(), str(path))


def test_every_bad_input_ends_as_expected_tsv_says(bad_inputs):
    rows = expected_rows(bad_inputs)
    assert len(rows) == 14
    for row in rows:
        result = parse_file(bad_inputs / row["file"])
        if row["expected"] == "parse":
            assert isinstance(result, fmt.Article), (row["file"], result)
        else:
            assert isinstance(result, fmt.Rejection), row["file"]
            assert result.reason == row["reason"], row["file"]
            assert result.size == int(row["bytes"])


def test_repaired_files_carry_the_control_text_and_say_what_was_repaired(bad_inputs):
    control = parse_file(bad_inputs / "900_2b967e310901f27f.txt")
    assert control.repairs == []
    cases = {"908_8b58b52e8087e430.txt": fmt.CP1252_TRANSCODED,
             "909_ddc720e4e1487454.txt": fmt.BOM_STRIPPED,
             "910_f0dd507aeefff40a.txt": fmt.CRLF_NORMALISED}
    for name, repair in cases.items():
        article = parse_file(bad_inputs / name)
        assert article.text == control.text, name
        assert article.lead == control.lead
        assert article.paragraphs == control.paragraphs
        assert article.repairs == [repair]
        assert article.date == control.date


def test_header_variants_keep_their_precision_and_nothing_leaks_into_the_lead(bad_inputs):
    control = parse_file(bad_inputs / "900_2b967e310901f27f.txt")
    assert (control.date.precision, str(control.date.date), control.month) == \
        ("month", "2023-09-01", "2023-09")

    colon = parse_file(bad_inputs / "904_e3bdc4f8f61e21af.txt")
    assert (colon.date.precision, str(colon.date.date)) == ("day", "2023-09-14")
    assert fmt.HEADER_VARIANT in colon.repairs

    iso = parse_file(bad_inputs / "905_22701be27a9bdd46.txt")
    assert iso.date.precision == "second"
    assert iso.date.published_at.isoformat() == "2023-09-14T08:15:00+00:00"
    assert iso.lead == control.lead
    assert "08:15" not in iso.text and "2023" not in iso.lead


def test_header_only_file_is_a_short_article(bad_inputs):
    article = parse_file(bad_inputs / "907_ca3a0db8c38c616f.txt")
    assert [s.kind for s in article.paragraphs] == ["lead"]
    assert article.text == article.lead


@pytest.mark.parametrize("data,reason", [
    (b" date 2023-02-30 Lead.", fmt.INVALID_DATE),
    (b" date 2023-00 Lead.", fmt.INVALID_DATE),
    (b" date September 2023 Lead.", fmt.INVALID_DATE),
    (b" dated 2023-09 Lead.", fmt.MISSING_DATE_HEADER),
    (b"Datum 2023-09 Lead.", fmt.MISSING_DATE_HEADER),
    (b" date 2023-09", fmt.EMPTY_ARTICLE),
    (b"\x1f\x8b\x08\x00 gzip", fmt.NOT_TEXT),
    (b" date 2023-09 " + bytes(range(1, 32)) * 4, fmt.NOT_TEXT),
])
def test_values_that_would_have_to_be_invented_are_rejected(data, reason):
    result = fmt.parse_article(data, "x/a.txt")
    assert isinstance(result, fmt.Rejection) and result.reason == reason


@pytest.mark.parametrize("header", [
    " date 0000-09 ", " date 0000-09-14 ",
    " date 0001-01-01T00:30:00+01:00 ",  # year 0 in UTC
    " date 9999-12-31T23:59:00-01:00 ",  # year 10000 in UTC
    " date 2023-09-14T08:15+24:00 ", " date 2023-09-14T25:15Z ",
])
def test_dates_outside_what_a_date_can_hold_are_invalid_dates(header):
    result = fmt.parse_article((header + "Lead.").encode(), "x/a.txt")
    assert isinstance(result, fmt.Rejection) and result.reason == fmt.INVALID_DATE


def test_years_before_1000_are_dates_with_a_zero_padded_month():
    article = fmt.parse_article(b" date 0950-03-02 Lead.", "x/a.txt")
    assert (article.month, str(article.date.date)) == ("0950-03", "0950-03-02")
    stamp = fmt.parse_article(b" date 0001-01-01T00:30:00-01:00 Lead.", "x/a.txt")
    assert stamp.month == "0001-01" and stamp.date.published_at.year == 1


@pytest.mark.parametrize("body", [
    "\u200b\u00ad", "\u200b\n\n\u2060 \ufeff\n\n\u3164", "\u00a0\n\n\u200d\u0301",
])
def test_text_of_only_invisible_characters_is_an_empty_article(body):
    result = fmt.parse_article((" date 2023-09 " + body).encode(), "x/a.txt")
    assert isinstance(result, fmt.Rejection) and result.reason == fmt.EMPTY_ARTICLE
    assert result.month == "2023-09"


def test_an_invisible_lead_or_paragraph_is_skipped():
    article = fmt.parse_article(" date 2023-09 \u200b\n\nDie Lage.\n\n\u2060\n\nText.".encode(),
                                "x/a.txt")
    assert article.lead == "Die Lage." and article.text == "Die Lage.\n\nText."


def test_mixed_utf8_and_cp1252_keeps_both_parts_and_says_so():
    data = " date 2023-09 Grüße aus Köln – ".encode() + "schön, Straße".encode("cp1252")
    article = fmt.parse_article(data, "x/a.txt")
    assert article.text == "Grüße aus Köln – schön, Straße"
    assert article.repairs == [fmt.MIXED_ENCODING_REPAIRED]
    # cp1252 bytes that happen to form UTF-8 of an unlikely script: the whole file is cp1252
    data = " date 2023-09 Er sagte „groß“ und – Füße".encode("cp1252")
    article = fmt.parse_article(data, "x/a.txt")
    assert article.text == "Er sagte „groß“ und – Füße" and article.repairs == [fmt.CP1252_TRANSCODED]
    # a byte that is neither UTF-8 nor cp1252
    result = fmt.parse_article(" date 2023-09 Köln ".encode() + b"\x81\x8d", "x/a.txt")
    assert result.reason == fmt.NOT_TEXT


def test_article_ids_are_readable_and_unique_per_source_file():
    a = fmt.article_id_from_uri("/landing/a/000_x.txt")
    b = fmt.article_id_from_uri("/landing/b/000_x.txt")
    assert a.startswith("000_x-") and b.startswith("000_x-") and a != b
    assert a == fmt.article_id_from_uri("/landing/a/000_x.txt")
    assert len(a) == len("000_x-") + 8
    assert fmt.article_id_from_uri("gs://bucket/feed/000_x.txt") not in (a, b)


@pytest.mark.parametrize("header,precision", [
    (" date 2023-09 ", "month"), ("DATE 2023-09-14 ", "day"), ("date:2023-09-14 ", "day"),
    (" date 2023-09-14T08:15+02:00 ", "minute"), (" Date: 2023-09-14 08:15:30 ", "second"),
])
def test_accepted_header_forms(header, precision):
    article = fmt.parse_article((header + "Die Lage ist ruhig.\n\nText.").encode(), "a.txt")
    assert isinstance(article, fmt.Article)
    assert article.date.precision == precision
    assert article.lead == "Die Lage ist ruhig."
    assert (fmt.HEADER_VARIANT in article.repairs) == (header != " date 2023-09 ")


def test_size_limit_is_configurable():
    data = b" date 2023-09 " + b"x" * 100
    assert fmt.parse_article(data, "a.txt", max_bytes=50).reason == fmt.TOO_LARGE
    assert isinstance(fmt.parse_article(data, "a.txt", max_bytes=500), fmt.Article)


def test_seed_structure_marks_headings_and_captions():
    article = parse_file(EXAMPLES / f"{SEED_000}.txt")
    assert article.article_id.startswith(SEED_000 + "-")
    kinds = {article.text[s.start:s.end]: s.kind for s in article.paragraphs}
    assert kinds["Militärdelegation begleitet Kim"] == "heading"
    assert kinds["Südkorea: Nordkorea feuert erneut Raketen ab"] == "heading"
    caption = next(t for t, k in kinds.items() if k == "caption")
    assert caption.endswith("(Foto: dpa)")
    assert article.paragraphs[0].kind == "lead"
    assert sum(k == "paragraph" for k in kinds.values()) == 8
    # spans tile the text with the blank lines between them
    assert "\n\n".join(article.text[s.start:s.end] for s in article.paragraphs) == article.text


def _check_invariants(result, data):
    assert isinstance(result, (fmt.Article, fmt.Rejection))
    if isinstance(result, fmt.Article):
        assert result.text and result.text.startswith(result.lead)
        for span in result.paragraphs:
            assert 0 <= span.start < span.end <= len(result.text)
        assert "\x00" not in result.text and "\r" not in result.text
    else:
        assert result.reason and result.size == len(data)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise(data):
    _check_invariants(fmt.parse_article(data, "r.txt"), data)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=500))
def test_random_unicode_never_raises(text):
    data = text.encode("utf-8")
    _check_invariants(fmt.parse_article(data, "r.txt"), data)


header_like = st.builds(
    lambda space, kw, colon, value, sep, rest: f"{space}{kw}{colon}{value}{sep}{rest}",
    st.sampled_from(["", " ", "\t", "  "]),
    st.sampled_from(["date", "Date", "DATE", "dat", "datum"]),
    st.sampled_from(["", ":", " :", ": "]),
    st.one_of(st.from_regex(r"\A\d{2,4}-\d{1,2}(-\d{1,2})?(T\d{2}:\d{2}(:\d{2})?Z?)?\Z"),
              # any year, month, day and time, with or without an offset
              st.builds("{:04d}-{:02d}{}".format, st.integers(0, 9999), st.integers(0, 13),
                        st.one_of(st.just(""), st.builds(
                            "-{:02d}{}".format, st.integers(0, 32), st.one_of(st.just(""), st.builds(
                                "T{:02d}:{:02d}{}".format, st.integers(0, 25), st.integers(0, 60),
                                st.sampled_from(["", "Z", "+01:00", "-0530", "+24:00"])))))),
              # the edges of the calendar, where a timestamp leaves it in UTC
              st.builds("{}-{}T{}{}".format, st.sampled_from(["0000", "0001", "9999"]),
                        st.sampled_from(["01-01", "12-31"]),
                        st.sampled_from(["00:00", "00:30", "23:59"]),
                        st.sampled_from(["", "Z", "+01:00", "-01:00", "+23:59", "-23:59"])),
              st.text(max_size=12)),
    st.sampled_from(["", " ", "\n", " Lead.\n\n"]),
    st.text(max_size=200),
)


@settings(max_examples=300, deadline=None)
@given(header_like)
def test_random_header_like_prefixes_never_raise(text):
    data = text.encode("utf-8")
    _check_invariants(fmt.parse_article(data, "r.txt"), data)
