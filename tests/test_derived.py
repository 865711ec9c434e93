"""Tables derived from installed data are kept per machine (transforms.derived): built
once, read back the same, rebuilt when what they are made of changes."""

from transforms import derived


def test_built_once_then_read_back_the_same(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    source = tmp_path / "data.tsv"
    source.write_text("a\tb\n")
    calls = []

    def build():
        calls.append(1)
        return {"forms": ["Bäume", "Häuser"], "weak": True}
    key = derived.key([source], ("pyarrow",))
    assert derived.cached("t", key, build) == {"forms": ["Bäume", "Häuser"], "weak": True}
    assert derived.cached("t", key, build) == {"forms": ["Bäume", "Häuser"], "weak": True}
    assert len(calls) == 1
    source.write_text("a\tc\n")  # another input: another name, built again
    assert derived.key([source], ("pyarrow",)) != key
    derived.cached("t", derived.key([source], ("pyarrow",)), build)
    assert len(calls) == 2


def test_an_unwritable_or_broken_cache_only_costs_the_build(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # a file: no folder can be made
    assert derived.cached("t", "k", lambda: [1, 2]) == [1, 2]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    (tmp_path / "newsbeam").mkdir()
    (tmp_path / "newsbeam" / "t-k.json").write_text("{not json")
    assert derived.cached("t", "k", lambda: [3]) == [3]
    assert derived.cached("t", "k", lambda: [4]) == [3]  # the rebuilt copy was kept
    monkeypatch.setenv(derived.ENV_VAR, "off")
    assert derived.cached("t", "k", lambda: [5]) == [5]


def test_the_gazetteer_and_lexicon_read_from_the_cache_equal_what_they_build(
        tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    from transforms.events import lexicon
    from transforms.nlp import gazetteer
    built = tuple(gazetteer._patterns())
    gazetteer.patterns.cache_clear()
    try:
        assert gazetteer.patterns() == built  # built and kept
        gazetteer.patterns.cache_clear()
        assert gazetteer.patterns() == built  # read back
        assert list((tmp_path / "newsbeam").glob("gazetteer-*.json"))
    finally:
        gazetteer.patterns.cache_clear()
    verbs, nouns = {"treffen", "vorwerfen"}, {"anschlag", "treffen"}
    expected = (lexicon._verb_forms(verbs), lexicon._noun_forms(nouns))
    assert lexicon._forms(verbs, nouns) == expected
    assert lexicon._forms(verbs, nouns) == expected
    assert expected[0].get("warf") == "werfen" and expected[1].get("anschläge") == "anschlag"
