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
    assert article.article_id == SEED_000
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
    lambda space, kw, colon, value, rest: f"{space}{kw}{colon}{value}{rest}",
    st.sampled_from(["", " ", "\t", "  "]),
    st.sampled_from(["date", "Date", "DATE", "dat", "datum"]),
    st.sampled_from(["", ":", " :", ": "]),
    st.one_of(st.from_regex(r"\A\d{2,4}-\d{1,2}(-\d{1,2})?(T\d{2}:\d{2}(:\d{2})?Z?)?\Z"),
              st.text(max_size=12)),
    st.text(max_size=200),
)


@settings(max_examples=300, deadline=None)
@given(header_like)
def test_random_header_like_prefixes_never_raise(text):
    data = text.encode("utf-8")
    _check_invariants(fmt.parse_article(data, "r.txt"), data)
