"""The pyarrow schemas of every table newsbeam writes.

Every transform builds plain dict rows that match one of these schemas, the Parquet
sink writes them with exactly this schema, and the BigQuery JSON schema is derived
from it, so there is one place where a column is named, typed and described.

:data:`TABLES` is the registry of every table a run writes, the ingest ledger
included: its schema, whether it is partitioned, its folder under the output, and the
column whose values a run's manifest counts. Partitioned tables are hive-partitioned by
``month`` (``out/<table>/month=YYYY-MM/*.parquet``): the partition column lives in the
path, not inside the files, which is what both BigQuery external tables and DuckDB's
``hive_partitioning`` expect.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa


def _f(name: str, type_: pa.DataType, description: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"description": description})


def _struct(*fields: pa.Field) -> pa.StructType:
    return pa.struct(list(fields))


# --- shared column groups -------------------------------------------------------------

def _provenance() -> list[pa.Field]:
    return [
        _f("model", pa.string(), "spaCy pipeline that produced the row, as name==version "
           "(newsbeam_rules_de==<version> for the rule-based fallback)."),
        _f("pipeline_version", pa.string(), "newsbeam version that produced the row.", False),
        _f("run_id", pa.string(), "Id of the run that wrote the row.", False),
    ]


MONTH = _f("month", pa.string(), "Publication month YYYY-MM; the hive partition key "
           "(in the path, not in the files).", False)

SPAN = _struct(
    _f("start", pa.int32(), "Character offset (inclusive) in the article text.", False),
    _f("end", pa.int32(), "Character offset (exclusive) in the article text.", False),
    _f("kind", pa.string(), "lead, paragraph, heading or caption.", False),
)

MENTION = _struct(
    _f("text", pa.string(), "The mention as written.", False),
    _f("start", pa.int32(), "Character offset (inclusive) in the article text.", False),
    _f("end", pa.int32(), "Character offset (exclusive) in the article text.", False),
    _f("sentence", pa.int32(), "0-based sentence index in the article.", False),
)

ARGUMENT = _struct(
    _f("text", pa.string(), "The argument as written in the article."),
    _f("entity_key", pa.string(), "entity_key of the article entity it resolves to, if any."),
    _f("canonical_name", pa.string(), "Canonical name of that entity, if any."),
    _f("label", pa.string(), "PER, LOC, ORG or MISC when linked to an entity."),
    _f("start", pa.int32(), "Character offset (inclusive) in the article text."),
    _f("end", pa.int32(), "Character offset (exclusive) in the article text."),
    _f("country_code", pa.string(), "ISO 3166-1 alpha-3 country the actor belongs to, "
       "from what the article says (a place, a country adjective with a role noun, a "
       "metonym, the organisations table)."),
    _f("actor_type", pa.string(), "government, military, police, judiciary, party, "
       "media, business, igo, ngo, rebels, religious, education, sports, civilians."),
    _f("identity_key", pa.string(), "identity_key of the entity (see `identities`)."),
)

GEO = _struct(
    _f("geonames_id", pa.int64(), "GeoNames id; null for a region the packages give no "
       "id (a state, a province)."),
    _f("name", pa.string(), "GeoNames' name of the place."),
    _f("country_code", pa.string(), "ISO 3166-1 alpha-3 country; null for a continent."),
    _f("lat", pa.float64(), "Latitude (a country: the population-weighted centre of its "
       "places); null for a state or province."),
    _f("lon", pa.float64(), "Longitude, as lat."),
    _f("feature", pa.string(), "country, region (continent, state) or city (any "
       "populated place)."),
    _f("confidence", pa.float32(), "0-1: 0.95 for a country, lower the closer the "
       "next candidate place came."),
)


# --- tables ---------------------------------------------------------------------------

ARTICLES = pa.schema([
    _f("article_id", pa.string(), "Deterministic id: the source file's name without "
       "extension, '-', and the first 8 hex digits of the sha256 of its source_uri "
       "(000_73d414ad04269c3e-1f0c2b9a): two files of one name in two folders never "
       "share it.", False),
    _f("source_uri", pa.string(), "Full path or gs:// URI of the source file.", False),
    _f("content_sha256", pa.string(), "sha256 of the raw file bytes, hex.", False),
    _f("bytes", pa.int64(), "Size of the source file in bytes.", False),
    _f("date", pa.date32(), "Publication date; the first day of the month or year when "
       "the header is less precise (see date_precision).", False),
    _f("date_precision", pa.string(), "month, day, minute or second: how much of "
       "`date` and `published_at` the header really gave.", False),
    _f("published_at", pa.timestamp("us", tz="UTC"), "Header timestamp when the header "
       "carried a time of day, else null."),
    MONTH,
    _f("lead", pa.string(), "The lead: the first line after the date header.", False),
    _f("text", pa.string(), "Canonical article text (lead, blank line, paragraphs joined "
       "by blank lines). Every offset in every table refers to it.", False),
    _f("paragraphs", pa.list_(SPAN), "Spans of the lead, paragraphs, sub-headings and "
       "photo captions in `text`.", False),
    _f("language", pa.string(), "ISO 639-1 language of the text (de).", False),
    _f("topic", pa.string(), "politics, economy, sports, culture, science, technology or "
       "panorama: what the article is about, from its words (an offline classifier).",
       False),
    _f("word_count", pa.int32(), "Whitespace-separated words in `text`.", False),
    _f("repairs", pa.list_(pa.string()), "What was repaired to parse the file: "
       "header_variant, cp1252_transcoded, utf16_transcoded, mixed_encoding_repaired, "
       "bom_stripped, crlf_normalised.", False),
    *_provenance(),
])

ENTITIES = pa.schema([
    _f("article_id", pa.string(), "Article the entity occurs in.", False),
    _f("entity_key", pa.string(), "Stable key of (label, canonical name): the same "
       "across articles, for joins and counts.", False),
    _f("canonical_name", pa.string(), "The name the article's mentions resolve to "
       "(\"Putins\" -> \"Wladimir Putin\" when the article names him in full; "
       "\"Russlands\" -> \"Russland\").", False),
    _f("label", pa.string(), "PER, LOC, ORG or MISC; one per entity and article.", False),
    _f("mention_count", pa.int32(), "Number of mentions in the article.", False),
    _f("first_offset", pa.int32(), "Start offset of the first mention.", False),
    _f("in_lead", pa.bool_(), "Whether any mention lies in the lead.", False),
    _f("mentions", pa.list_(MENTION), "Every mention, in text order.", False),
    _f("geo", GEO, "LOC entities: the place it names (null when none is known)."),
    _f("identity_key", pa.string(), "The real-world identity as this article tells it "
       "(places by GeoNames id, acronyms the article defines, case variants, label-free); "
       "the identities table maps every entity_key to its current identity.", False),
    _f("source_uri", pa.string(), "Source file of the article.", False),
    MONTH,
    *_provenance(),
])

EVENTS = pa.schema([
    _f("article_id", pa.string(), "Article the event is read from.", False),
    _f("event_id", pa.string(), "Deterministic id from article, trigger offsets and type.",
       False),
    _f("event_type", pa.string(), "PLOVER category (AGREE ... FIGHT) or STATEMENT.", False),
    _f("topic", pa.string(), "The article's topic (articles.topic): filter out what a sports "
       "or culture report tells.", False),
    _f("event_mode", pa.string(), "Mode within the type (CONSULT: meet, visit, ...)."),
    _f("cameo_root", pa.string(), "CAMEO root code the type maps to (01-20)."),
    _f("quad_class", pa.int8(), "GDELT QuadClass: 1 verbal coop, 2 material coop, "
       "3 verbal conflict, 4 material conflict."),
    _f("trigger_text", pa.string(), "The trigger word(s) as written.", False),
    _f("trigger_lemma", pa.string(), "Lexicon lemma of the trigger (separable verbs "
       "joined: abfeuern).", False),
    _f("trigger_start", pa.int32(), "Trigger start offset.", False),
    _f("trigger_end", pa.int32(), "Trigger end offset.", False),
    _f("actor1", ARGUMENT, "Who acts (subject, passive agent, speaker)."),
    _f("actor2", ARGUMENT, "Whom it is done to or with (object, dative, co-actor)."),
    _f("location", ARGUMENT, "Where it happens."),
    _f("action_geo", GEO, "Where it happens on the map: the location's place, else the "
       "article's main place (see action_geo_from)."),
    _f("action_geo_from", pa.string(), "location or article: where action_geo came from; "
       "null without one."),
    _f("event_date", pa.date32(), "Resolved date of the event.", False),
    _f("date_precision", pa.string(), "year, month or day: precision of event_date.", False),
    _f("time_text", pa.string(), "The time expression it was resolved from, if any."),
    _f("modality", pa.string(), "asserted, reported, speculative, planned, generic (not "
       "one real event: a question, every case, a habit), conditional or negated.", False),
    _f("source", ARGUMENT, "Who claims it: the speaker of the quotation the event is told "
       "in (\"X zufolge\", \"sagte X, ...\", reported speech carried on); a speech act's "
       "own speaker; null when the article asserts it itself."),
    _f("quote_id", pa.string(), "A speech act: the quotation it introduces (quotes.quote_id); "
       "null for other events and in the headline (whose quotations are no quotes rows)."),
    _f("sentence", pa.int32(), "0-based sentence index.", False),
    _f("evidence_start", pa.int32(), "Start offset of the evidence sentence.", False),
    _f("evidence_end", pa.int32(), "End offset of the evidence sentence.", False),
    _f("confidence", pa.float32(), "0-1: lower without a parse or with unresolved "
       "arguments.", False),
    _f("extractor", pa.string(), "Extractor name and version.", False),
    _f("source_uri", pa.string(), "Source file of the article.", False),
    MONTH,
    *_provenance(),
])

CUE = _struct(
    _f("text", pa.string(), "The cue as written (a verb with its particle: \"teilte mit\").",
       False),
    _f("lemma", pa.string(), "Its lemma (mitteilen), or the attribution word (laut, "
       "zufolge, angaben, so, demnach).", False),
    _f("start", pa.int32(), "Character offset (inclusive) of its first word.", False),
    _f("end", pa.int32(), "Character offset (exclusive) of its last word.", False),
)

QUOTES = pa.schema([
    _f("article_id", pa.string(), "Article the quotation is in.", False),
    _f("quote_id", pa.string(), "Deterministic id from article, offsets and kind.", False),
    _f("quote_text", pa.string(), "The quoted or reported words; the parts of an "
       "interrupted quote joined by a space.", False),
    _f("spans", pa.list_(_struct(
        _f("start", pa.int32(), "Character offset (inclusive).", False),
        _f("end", pa.int32(), "Character offset (exclusive).", False))),
       "Where the words are in the article text: two or more parts when the quote is "
       "interrupted (\"…\", sagte er, \"…\") or an attribution stands inside it.", False),
    _f("kind", pa.string(), "direct (in quotation marks), indirect (a clause a cue "
       "introduces, or the clause an attribution phrase stands in), reported (a speech act "
       "told as an event: \"X warf Y vor, ...\"), free_indirect (reported speech carried on "
       "in the subjunctive, or \"soll\"-hearsay, after a quotation or a sentence naming its "
       "speaker; consecutive sentences of one mood are one row).", False),
    _f("speaker", ARGUMENT, "Who says it: the cue's subject or the attribution's noun "
       "phrase; for a pronoun or role noun its own words, with the entity it refers to."),
    _f("cue", CUE, "What introduces it: a speech verb or noun, or an attribution word; "
       "null for a quote or reported speech that goes on in an earlier speaker's voice."),
    _f("addressee", ARGUMENT, "To whom, when named (the cue's dative, \"gegenüber X\")."),
    _f("sentence_start", pa.int32(), "0-based index of its first sentence.", False),
    _f("sentence_end", pa.int32(), "0-based index of its last sentence.", False),
    _f("extractor", pa.string(), "Extractor name and version.", False),
    _f("source_uri", pa.string(), "Source file of the article.", False),
    MONTH,
    *_provenance(),
])

ERRORS = pa.schema([
    _f("source_uri", pa.string(), "File the error is about.", False),
    _f("article_id", pa.string(), "Article id (from the file's name and URI, as in "
       "articles).", False),
    _f("stage", pa.string(), "read, parse, nlp, or extract_<table> (entities, events, quotes).",
       False),
    _f("reason", pa.string(), "Reason code: too_large, empty_file, not_text, "
       "contains_nul, missing_date_header, invalid_date, empty_article, unreadable, "
       "not_regular_file, dangling_symlink, symlink_loop, parse_failed, nlp_failed, "
       "extractor_failed, extract_timeout (see the README's reason table).", False),
    _f("message", pa.string(), "Human-readable detail.", False),
    _f("bytes", pa.int64(), "Size of the file in bytes (as listed, when it was rejected "
       "unread).", False),
    _f("pipeline_version", pa.string(), "newsbeam version.", False),
    _f("run_id", pa.string(), "Id of the run that rejected it.", False),
    _f("month", pa.string(), "Partition key: the article's month when the header was "
       "read, else 'unknown'.", False),
])

# Not written: the row the NLP step hands to the extractors. Token attributes are
# columns (one list per attribute) so a row is cheap to build and to turn back into a
# spaCy Doc; the words and their trailing spaces reproduce `text` exactly.
ANNOTATED = pa.schema([
    _f("article_id", pa.string(), "Article id.", False),
    _f("source_uri", pa.string(), "Source file.", False),
    _f("bytes", pa.int64(), "Size of the source file in bytes.", False),
    _f("date", pa.date32(), "Article date.", False),
    _f("date_precision", pa.string(), "Article date precision.", False),
    MONTH,
    _f("topic", pa.string(), "The article's topic.", False),
    _f("lead_end", pa.int32(), "End offset of the lead in `text`.", False),
    _f("text", pa.string(), "Canonical article text.", False),
    _f("label_scheme", pa.string(), "ud or tiger; null without a parse."),
    _f("has_parse", pa.bool_(), "Whether heads and deps come from a parser.", False),
    _f("words", pa.list_(pa.string()), "Token texts.", False),
    _f("spaces", pa.list_(pa.bool_()), "Whether a space follows each token.", False),
    _f("lemmas", pa.list_(pa.string()), "Lemmas.", False),
    _f("pos", pa.list_(pa.string()), "Universal POS tags.", False),
    _f("tags", pa.list_(pa.string()), "Fine-grained tags (STTS).", False),
    _f("morphs", pa.list_(pa.string()), "Morphological features, UD string form.", False),
    _f("deps", pa.list_(pa.string()), "Dependency labels.", False),
    _f("heads", pa.list_(pa.int32()), "Absolute head index per token.", False),
    _f("sent_starts", pa.list_(pa.bool_()), "Whether a token starts a sentence.", False),
    _f("ents", pa.list_(_struct(
        _f("start", pa.int32(), "First token.", False),
        _f("end", pa.int32(), "Token after the last.", False),
        _f("label", pa.string(), "Entity label.", False),
        _f("gazetteer_id", pa.string(), "Canonical name when the gazetteer tagged it."),
    )), "Entities after the gazetteer and the news patterns.", False),
    *_provenance(),
])

# The ingest ledger (``<output>/_ledger/*.parquet``, one file per committed run): which
# source files this output holds, so a scheduled run processes only new and changed
# files.
LEDGER = pa.schema([
    _f("source_uri", pa.string(), "Input file.", False),
    _f("article_id", pa.string(), "Article id (as in articles).", False),
    _f("size", pa.int64(), "File size in bytes when it was ingested.", False),
    _f("last_modified", pa.float64(), "File modification time (Unix seconds) when it "
       "was ingested.", False),
    _f("content_sha256", pa.string(), "sha256 of the bytes read; null when the file "
       "was rejected without being read (too_large, unreadable, not a regular file) or "
       "newsbeam failed on it (parse_failed)."),
    _f("status", pa.string(), "parsed; rejected (errors has why); or failed: parsed, "
       "but the NLP step or an extractor failed on it, so some of its rows are missing "
       "and the next run retries it.", False),
    _f("reason", pa.string(), "Reason code of a rejected or failed file, else null."),
    _f("run_id", pa.string(), "Run that ingested it.", False),
    _f("run_started_at", pa.timestamp("us", tz="UTC"), "When that run started: runs are "
       "ordered by it (the latest committed run of a file holds its current rows).", False),
    _f("model", pa.string(), "spaCy pipeline of that run, as name==version.", False),
    _f("pipeline_version", pa.string(), "newsbeam version of that run.", False),
])


# The identities of an output (``<output>/identities/*.parquet``): every run writes the
# whole table anew from the last one and its own entities, and its commit removes the
# version before; readers take the latest run's (two versions only while a commit runs).
IDENTITIES = pa.schema([
    _f("identity_key", pa.string(), "Key of one real-world entity.", False),
    _f("canonical_name", pa.string(), "Its name: the most frequent full form.", False),
    _f("label", pa.string(), "PER, LOC, ORG or MISC: the majority over its articles.",
       False),
    _f("aliases", pa.list_(_struct(
        _f("entity_key", pa.string(), "An entities.entity_key that is this identity.",
           False),
        _f("name", pa.string(), "That entity's canonical name.", False),
        _f("label", pa.string(), "That entity's label.", False),
        _f("articles", pa.int64(), "Articles under that key (a file processed again "
           "counts once).", False),
        _f("article_identity", pa.string(), "The identity its articles gave it "
           "(entities.identity_key, the majority); it differs from identity_key where "
           "the corpus folded it (a surname, an acronym defined elsewhere).", False),
    )), "Every entity key that names it: join entities.entity_key to these.", False),
    _f("geo", GEO, "Places: the place."),
    _f("articles", pa.int64(), "Articles, all aliases together (a file processed again "
       "counts once).", False),
    _f("first_seen", pa.date32(), "Earliest article date.", False),
    _f("last_seen", pa.date32(), "Latest article date.", False),
    _f("pipeline_version", pa.string(), "newsbeam version of that run.", False),
    _f("run_id", pa.string(), "Run that wrote this version of the table.", False),
    _f("run_started_at", pa.timestamp("us", tz="UTC"), "When that run started: the "
       "current table is the latest run's rows (the folder holds one version, two only "
       "while a commit runs).", False),
])


PARTITION_KEY = "month"


@dataclass(frozen=True)
class Table:
    name: str
    schema: pa.Schema  # every column, the partition column included
    partitioned: bool  # hive-partitioned by PARTITION_KEY
    folder: str  # under the output
    counted_by: str | None = None  # a run's manifest counts the rows by this column
    whole: bool = False  # every run writes the whole table: its commit drops older versions

    @property
    def file_schema(self) -> pa.Schema:
        """The schema inside the Parquet files: without the partition column."""
        if not self.partitioned:
            return self.schema
        return self.schema.remove(self.schema.get_field_index(PARTITION_KEY))

    @property
    def columns(self) -> frozenset[str]:
        """The keys of one of its rows, as the transforms build them."""
        return frozenset(self.schema.names)

    def tally_keys(self, row: dict):
        """What one written row adds to the run's counts: a row of this table, and the
        value of the column it is counted by (an error's reason, a ledger entry's
        status). Counted in the job, where the rows are written, so the manifest holds
        what was written, whichever runner ran it (``pipeline/summary.py``)."""
        yield f"rows:{self.name}"
        if self.counted_by:
            yield f"{self.name}:{self.counted_by}={row[self.counted_by]}"


# In publishing order: the ledger last, so it never lists a file whose rows are not
# visible yet; one file per run, so publishing it is one atomic step.
TABLES: dict[str, Table] = {t.name: t for t in (
    Table("articles", ARTICLES, True, "articles"),
    Table("entities", ENTITIES, True, "entities"),
    Table("events", EVENTS, True, "events"),
    Table("quotes", QUOTES, True, "quotes"),
    Table("errors", ERRORS, True, "errors", counted_by="reason"),
    Table("identities", IDENTITIES, False, "identities", whole=True),
    Table("ledger", LEDGER, False, "_ledger", counted_by="status"),
)}
