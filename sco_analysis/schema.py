"""The data contract, declared once: tables, columns, types, allowed values, descriptions.

Everything else derives from the declarations here: the explicit pyarrow schema the Parquet
files are written with (:func:`arrow_schema`), the pandas dtypes they load as
(:func:`pandas_dtypes`), the field checks of record validation (``records``), the table
checks at the build boundary (``contract``) and the data dictionary
(:func:`data_dictionary`, written to ``docs/data-dictionary.md``).

This module imports nothing of the package. Column naming follows PUDL's conventions:
``*_id`` identifiers, ``*_type`` readable categories, dates as ``date_*``/``*_date``.

Examples:
    >>> TABLES["events"].column("format").enum.values
    ('in_person', 'videoconference', 'hybrid', 'unknown')
    >>> [c.name for c in TABLES["participants"].columns][:3]
    ['event_id', 'party', 'role']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa

SCHEMA_VERSION = "1.1.0"

ID_PATTERN = r"^[a-z0-9][a-z0-9_]*$"
PARTY_PATTERN = r"^([A-Z]{3}|ORG:[A-Z0-9_]+)$"

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()


@dataclass(frozen=True)
class Style:
    """How charts show one value: legend label, colour, marker; ``group`` merges values.

    Declared beside the value it styles, so a value and its look are written once; a value
    declared without a style is drawn in a neutral grey, labelled by its own name.
    """

    label: str | None = None
    color: str | None = None
    marker: str | None = None
    group: str | None = None


#: The look of a value no style was declared for (a new value is never dropped).
NEUTRAL = Style(color="#8c8c8c", marker="o")


@dataclass(frozen=True)
class Enum:
    """A fixed list of allowed values; ``ordered`` when their order means something."""

    name: str
    values: tuple[str, ...]
    meanings: tuple[str, ...]
    ordered: bool = False
    styles: tuple[Style | None, ...] = ()

    def __post_init__(self) -> None:
        if len(self.values) != len(self.meanings):
            raise ValueError(f"enum {self.name}: {len(self.values)} values, "
                             f"{len(self.meanings)} meanings")

    def style(self, value: str) -> Style:
        """The complete style of ``value``: its declared one over the neutral defaults.

        Examples:
            >>> EVENT_FORMAT.style("videoconference").marker
            's'
            >>> EVENT_FORMAT.style("hologram")
            Style(label='hologram', color='#8c8c8c', marker='o', group='hologram')
        """
        declared: Style | None = None
        if value in self.values and self.values.index(value) < len(self.styles):
            declared = self.styles[self.values.index(value)]
        declared = declared or Style()
        label = declared.label or str(value).replace("_", " ")
        return Style(label, declared.color or NEUTRAL.color,
                     declared.marker or NEUTRAL.marker, declared.group or label)


def _enum(name: str, items: list[tuple[Any, ...]], ordered: bool = False) -> Enum:
    """An Enum from (value, meaning) or (value, meaning, Style) items."""
    return Enum(name, tuple(i[0] for i in items), tuple(i[1] for i in items), ordered,
                tuple(i[2] if len(i) > 2 else None for i in items))


PRECISION = _enum(
    "precision",
    [
        ("day", "the day is known"),
        ("month", "only the month is known; the date column holds the 1st of that month"),
        ("year", "only the year is known; the date column holds 1 January of that year"),
    ],
    ordered=True,
)
EVENT_STATUS = _enum(
    "event_status",
    [
        ("held", "took place"),
        ("planned", "announced as still to come"),
        ("postponed", "moved to a later date"),
        ("cancelled", "called off"),
    ],
)
EVENT_FORMAT = _enum(
    "event_format",
    [
        ("in_person", "participants physically together, no remote participation reported",
         Style("in person", "#0072B2", "o")),
        ("videoconference", "held online / by video link", Style(None, "#D55E00", "s")),
        ("hybrid", "some participants on site, some remote", Style(None, "#009E73", "D")),
        ("unknown", "no source says", Style("format not reported", "#777777", "X")),
    ],
)
EVENT_LEVEL = _enum(
    "event_level",
    [
        ("heads_of_state", "Council of Heads of State or meetings of leaders"),
        ("heads_of_government", "Council of Heads of Government (prime ministers)"),
        ("ministerial", "ministers (or the ministerial mechanism even if a deputy chaired)"),
        ("deputy_minister", "vice / deputy ministers"),
        ("working", "officials below deputy minister, agency heads, deputy secretaries-general"),
        ("expert", "preparatory expert meetings"),
        ("unknown", "no official is named in any source seen"),
    ],
    ordered=True,
)
PERSON_LEVEL = _enum(
    "person_level",
    [
        # colours: blues for heads and ministers, purples for SCO officials, orange for
        # ambassadors, greens for officials, sand when no level is reported
        ("head_of_state", "president", Style(color="#08306b")),
        ("head_of_government", "prime minister, premier", Style(color="#08519c")),
        ("deputy_head_of_state", "vice president", Style(color="#2171b5")),
        ("deputy_head_of_government", "vice premier, deputy prime minister",
         Style(color="#2171b5")),
        ("secretary_general", "SCO Secretary-General (head of an SCO body)",
         Style(color="#54278f")),
        ("minister", "minister", Style(color="#4292c6")),
        ("deputy_minister", "vice, deputy or first deputy minister", Style(color="#9ecae1")),
        ("deputy_secretary_general", "deputy secretary-general of an SCO body",
         Style(color="#9e9ac8")),
        ("ambassador", "ambassador or head of mission", Style(color="#e69f00")),
        ("senior_official", "director general, chief engineer, secretary, agency head",
         Style(color="#41ab5d")),
        ("regional_official", "provincial, regional or city leadership",
         Style(color="#a1d99b")),
        ("other", "institute heads, legislators, company people, others",
         Style(color="#fdd0a2")),
        ("unknown", "no person of this party is named",
         Style("took part, level not reported", "#cdb48c")),
    ],
    ordered=True,
)
PARTICIPANT_ROLE = _enum(
    "participant_role",
    [
        ("chair", "chaired the event (derived from the event's chair)"),
        ("host", "hosted the event (derived from the event's host)"),
        ("participant", "took part"),
        ("guest", "invited guest, not a full participant"),
    ],
)
PARTICIPANT_BASIS = _enum(
    "participant_basis",
    [
        ("stated", "a source states the party took part"),
        ("host", "added by the build: the host of an event takes part in it"),
        ("chair", "added by the build: the chair of an event takes part in it"),
    ],
)
SCO_STATUS = _enum(
    "sco_status",
    [
        ("member", "member state (founding or admitted)"),
        ("observer", "observer state (until the 2025 merger into 'partner')"),
        ("dialogue_partner", "dialogue partner (until the 2025 merger into 'partner')"),
        ("partner", "SCO partner (single status from 2025-09-01)"),
        ("sco_body", "an organ of the SCO itself (Secretariat, RATS)"),
        ("none", "no SCO status on that date"),
    ],
)
MEMBERSHIP_STATUS = Enum(
    "membership_status", SCO_STATUS.values[:4], SCO_STATUS.meanings[:4]
)
BASIS = _enum(
    "basis",
    [
        ("stated", "a source says who held the chair"),
        ("stated_chaired_meeting", "a source says that country's leader chaired the meeting"),
        ("stated_ambiguous", "the wording supports the attribution but leaves timing unclear"),
        ("inferred_from_host", "no page seen confirms it; inferred from who hosted"),
    ],
)
CONFIDENCE = _enum(
    "confidence",
    [
        ("high", "official or several agreeing sources"),
        ("medium", "a single or secondary source, or an inference"),
        ("low", "placeholder date or weak sourcing"),
    ],
    ordered=True,
)
DOC_TYPE = _enum(
    "doc_type",
    [
        (v, m)
        for v, m in [
            ("charter", "founding charter"),
            ("treaty", "treaty"),
            ("agreement", "agreement between governments or bodies"),
            ("convention", "convention"),
            ("concept", "concept of cooperation"),
            ("strategy", "development strategy"),
            ("programme", "programme of cooperation"),
            ("action_plan", "action plan"),
            ("plan", "plan (of interaction, construction ...)"),
            ("roadmap", "roadmap"),
            ("declaration", "declaration of a council"),
            ("statement", "statement of a council"),
            ("communique", "joint communiqué"),
            ("decision", "decision of a council"),
            ("initiative", "initiative"),
            ("regulations", "regulations of a body"),
            ("memorandum", "memorandum of understanding"),
            ("agenda", "agenda of a meeting"),
            ("minutes", "minutes / protocol of a meeting"),
            ("proposal", "proposal"),
            ("report", "report or collection"),
            ("other", "anything else"),
        ]
    ],
)
TITLE_BASIS = _enum(
    "title_basis",
    [
        ("official", "the official English title, as seen in a source"),
        ("source_wording", "English wording used by a source, not confirmed official"),
        ("rendering", "the researcher's translation of a Russian or Chinese title"),
        ("descriptive", "a description; no title was seen"),
    ],
)
TRACK = _enum(
    "track",
    [
        ("digital", "digitalisation, ICT, digital economy, AI, digital public infrastructure"),
        ("information_security", "international information security"),
        ("trade_economy", "trade and economic cooperation"),
        ("innovation_startups", "startups, technology parks, innovation"),
        ("general", "declarations, communiqués, charter: many areas at once"),
    ],
)
RELATION = _enum(
    "relation",
    [
        ("implements", "puts the parent document into practice"),
        ("follows", "is a new version of, or successor to, the parent document"),
    ],
)
ACTION = _enum(
    "action",
    [
        ("proposed", "someone proposed the document",
         Style(color="#999999", group="proposed / commissioned")),
        ("commissioned", "a body decided that it be prepared",
         Style(color="#999999", group="proposed / commissioned")),
        ("drafted", "a draft was prepared",
         Style(color="#56B4E9", group="drafted / discussed")),
        ("discussed", "discussed (a draft, or its implementation)",
         Style(color="#56B4E9", group="drafted / discussed")),
        ("agreed", "agreed (typically a draft, at working level)", Style(color="#0072B2")),
        ("approved", "approved by a decision",
         Style(color="#009E73", group="adopted / approved / signed")),
        ("adopted", "adopted by a council or meeting",
         Style(color="#009E73", group="adopted / approved / signed")),
        ("signed", "signed", Style(color="#009E73", group="adopted / approved / signed")),
        ("noted", "a council took note of it", Style(color="#CC79A7", group="noted / cited")),
        ("presented", "presented to an audience",
         Style(color="#E69F00", group="presented / published")),
        ("published", "published or released",
         Style(color="#E69F00", group="presented / published")),
        ("entered_into_force", "entered into force", Style(color="#000000")),
        ("implemented", "an implementing step was taken", Style(color="#D55E00")),
        ("cited", "cited later as a basis or reference",
         Style(color="#CC79A7", group="noted / cited")),
    ],
    ordered=True,
)
SOURCE_KIND = _enum(
    "source_kind",
    [
        ("official", "government, ministry, SCO body or embassy"),
        ("news", "news agency, newspaper or broadcaster"),
        ("secondary", "think tank, blog or analysis site"),
        ("archive", "document database"),
        ("mirror", "third-party copy or repost on an unrelated domain"),
        ("reference", "encyclopaedia or code list"),
    ],
)
SERIES_KIND = _enum(
    "series_kind",
    [
        ("mechanism", "a recurring meeting with numbered sessions"),
        ("category", "one-off events grouped by kind"),
    ],
)
CADENCE_BASIS = _enum(
    "cadence_basis",
    [
        ("stated", "a founding text states how often the body meets"),
        ("inferred", "inferred from how the meetings are planned or have been held"),
    ],
)
PARTY_TYPE = _enum(
    "party_type",
    [
        ("state", "a state, by ISO 3166-1 alpha-3 code"),
        ("sco_body", "an organ of the SCO (ORG: code)"),
        ("organisation", "another organisation (ORG: code)"),
    ],
)
RECORD_TYPE = _enum(
    "record_type",
    [
        ("event", "events.event_id"),
        ("participant", "participants: event_id/party"),
        ("person", "people: event_id/person_id"),
        ("document", "documents.doc_id"),
        ("document_action", "document_actions: doc_id/step"),
        ("series", "series.series_id"),
        ("membership", "membership: party:status:date_from"),
        ("chairmanship", "chairmanship.cycle"),
    ],
)

ENUMS: dict[str, Enum] = {
    e.name: e
    for e in [
        PRECISION, EVENT_STATUS, EVENT_FORMAT, EVENT_LEVEL, PERSON_LEVEL, PARTICIPANT_ROLE,
        PARTICIPANT_BASIS, SCO_STATUS, MEMBERSHIP_STATUS, BASIS, CONFIDENCE, DOC_TYPE,
        TITLE_BASIS, TRACK, RELATION, ACTION, SOURCE_KIND, SERIES_KIND, CADENCE_BASIS,
        PARTY_TYPE, RECORD_TYPE,
    ]
}


@dataclass(frozen=True)
class Column:
    """One column of a built table, and the record field it comes from, if any.

    Attributes:
        name: Column name in Parquet and pandas.
        dtype: Logical type: ``string``, ``category``, ``date``, ``int16``, ``bool``, ``list``.
        description: What the column holds, for the data dictionary.
        nullable: Whether the column may hold missing values.
        enum: The fixed categories of a ``category`` column.
        domain: For ``category``/``list`` columns whose values come from the data itself:
            ``party`` (party codes), ``series`` (series ids), ``language`` (ISO 639-1).
        key: The field name in the YAML record or CSV row; ``None`` when derived by the build.
        required: The record must give the field.
        default: The value when the record omits it (``MISSING``: no default).
        references: ``table.column`` the values must exist in.
        pattern: Regular expression the value must match.
        precision_of: For a precision column, the date column whose precision it holds.
    """

    name: str
    dtype: str
    description: str
    nullable: bool = True
    enum: Enum | None = None
    domain: str | None = None
    key: str | None = None
    required: bool = False
    default: Any = MISSING
    references: str | None = None
    pattern: str | None = None
    precision_of: str | None = None

    @property
    def derived(self) -> bool:
        """True when the build computes the column; records must not type it."""
        return self.key is None


@dataclass(frozen=True)
class Table:
    """One table of the dataset: what a row is, its columns, key and sort order."""

    name: str
    row: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    origin: str
    sort_by: tuple[str, ...] = field(default=())

    def column(self, name: str) -> Column:
        """Return the column called ``name``."""
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name} has no column {name!r}")

    @property
    def names(self) -> list[str]:
        """Column names in order."""
        return [c.name for c in self.columns]

    def fields(self) -> dict[str, Column]:
        """Record field name -> column, for the columns typed by hand."""
        return {c.key: c for c in self.columns if c.key is not None}

    @property
    def order(self) -> tuple[str, ...]:
        """Sort order of the rows (the primary key unless said otherwise)."""
        return self.sort_by or self.primary_key


def _c(name: str, dtype: str, description: str, **kw: Any) -> Column:
    return Column(name, dtype, description, **kw)


def _party(name: str, description: str, **kw: Any) -> Column:
    kw.setdefault("key", name)
    kw.setdefault("references", "parties.party")
    return Column(name, "category", description, domain="party", **kw)


_EVENTS = Table(
    "events",
    "one meeting or occurrence",
    (
        _c("event_id", "string", "Stable slug of the event; the name of its record file.",
           nullable=False, key="id", required=True, pattern=ID_PATTERN),
        _c("title", "string", "What happened, in English.", nullable=False, key="title",
           required=True),
        _c("series_id", "category", "The mechanism or category the event belongs to.",
           nullable=False, domain="series", key="series", required=True,
           references="series.series_id"),
        _c("series_number", "int16", "Ordinal of the meeting within its series, if known.",
           key="series_number"),
        _c("date_start", "date", "First day (or first day of the month/year when the date "
           "is less precise; see date_precision).", nullable=False, key="date_start",
           required=True),
        _c("date_end", "date", "Last day, same precision as date_start; missing when no "
           "source gives the end.", key="date_end"),
        _c("date_precision", "category", "Precision of date_start and date_end.",
           nullable=False, enum=PRECISION, precision_of="date_start"),
        _c("status", "category", "Whether the event took place.", nullable=False,
           enum=EVENT_STATUS, key="status", required=True),
        _c("level", "category", "Level of the meeting (of the mechanism, for series).",
           nullable=False, enum=EVENT_LEVEL, key="level", default="unknown"),
        _c("format", "category", "In person, by video or both.", nullable=False,
           enum=EVENT_FORMAT, key="format", default="unknown"),
        _c("city", "string", "Where the event took place, in English.", key="city"),
        _party("host", "The hosting party."),
        _party("chair", "The chairing party of this meeting (not always the host, nor the "
               "SCO chair of that date)."),
        _c("chair_basis", "category", "How the chair is known.", enum=BASIS, key="chair_basis"),
        _c("participants_complete", "bool", "True when the sources list every participating "
           "party; attendance rates use only such events.", nullable=False,
           key="participants_complete", default=False),
        _c("confidence", "category", "Confidence in the record as a whole.", nullable=False,
           enum=CONFIDENCE, key="confidence", default="high"),
        _c("notes", "string", "Caveats and what the sources say beyond the fields.",
           key="notes"),
    ),
    ("event_id",),
    "records/events/<year>/<event_id>.yaml, key `event:`",
    sort_by=("date_start", "event_id"),
)

_SERIES = Table(
    "series",
    "one recurring mechanism, or one category of one-off events",
    (
        _c("series_id", "string", "Slug of the series.", nullable=False, key="id",
           required=True, pattern=ID_PATTERN),
        _c("name", "string", "Name of the mechanism or category.", nullable=False, key="name",
           required=True),
        _c("short_name", "string", "A short label for charts and tables.", nullable=False,
           key="short_name", required=True),
        _c("kind", "category", "Mechanism or category.", nullable=False, enum=SERIES_KIND,
           key="kind", required=True),
        _c("body", "string", "The body the mechanism belongs to.", key="body"),
        _c("cadence_months", "int16", "Expected months between meetings.",
           key="cadence_months"),
        _c("cadence_basis", "category", "How the expected cadence is known.",
           enum=CADENCE_BASIS, key="cadence_basis"),
        _c("established_by", "string", "Event where the mechanism was set up.",
           key="established_by", references="events.event_id"),
        _c("implements", "list", "Documents the mechanism exists to implement.",
           key="implements", references="documents.doc_id", default=()),
        _c("notes", "string", "Notes.", key="notes"),
    ),
    ("series_id",),
    "records/series.yaml, key `series:`",
)

_PARTICIPANTS = Table(
    "participants",
    "one party at one event",
    (
        _c("event_id", "string", "The event.", nullable=False, references="events.event_id"),
        _party("party", "ISO 3166-1 alpha-3 code of a state, or ORG: code of a body.",
               nullable=False, required=True),
        _c("role", "category", "chair and host are derived from the event; otherwise as "
           "recorded.", nullable=False, enum=PARTICIPANT_ROLE, key="role",
           default="participant"),
        _c("is_host", "bool", "The party hosted the event.", nullable=False),
        _c("is_chair", "bool", "The party chaired the event.", nullable=False),
        _c("delegation_level", "category", "Highest level among the party's named people; "
           "else as recorded; else unknown.", nullable=False, enum=PERSON_LEVEL,
           key="delegation_level", default="unknown"),
        _c("status_at_event", "category", "The party's SCO status on the event's dates, "
           "derived from the membership intervals (never typed).", nullable=False,
           enum=SCO_STATUS),
        _c("basis", "category", "Why the party is listed.", nullable=False,
           enum=PARTICIPANT_BASIS),
        _c("notes", "string", "Notes.", key="notes"),
    ),
    ("event_id", "party"),
    "records/events/..., key `participants:`",
)

_PEOPLE = Table(
    "people",
    "one named person at one event",
    (
        _c("event_id", "string", "The event.", nullable=False, references="events.event_id"),
        _c("person_id", "string", "Slug of the name, the same across events.",
           nullable=False),
        _c("name", "string", "Name as spelled by the source.", nullable=False, key="name",
           required=True),
        _c("aliases", "list", "Other spellings seen.", key="aliases", default=()),
        _party("party", "The party the person represented, if any."),
        _c("organisation", "string", "The person's organisation.", key="organisation"),
        _c("position", "string", "The post, as the source gives it.", key="position"),
        _c("level", "category", "Level of the post.", nullable=False, enum=PERSON_LEVEL,
           key="level", required=True),
        _c("role", "string", "What the person did at the event.", key="role"),
        _c("notes", "string", "Notes.", key="notes"),
    ),
    ("event_id", "person_id"),
    "records/events/..., key `people:`",
)

_DOCUMENTS = Table(
    "documents",
    "one document",
    (
        _c("doc_id", "string", "Stable slug of the document; the name of its record file.",
           nullable=False, key="id", required=True, pattern=ID_PATTERN),
        _c("title", "string", "English title (see title_basis).", nullable=False,
           key="title", required=True),
        _c("title_basis", "category", "Where the English title comes from.",
           nullable=False, enum=TITLE_BASIS, key="title_basis", required=True),
        _c("aliases", "list", "Other titles seen, any language.", key="aliases", default=()),
        _c("doc_type", "category", "Kind of document.", nullable=False, enum=DOC_TYPE,
           key="doc_type", required=True),
        _c("track", "category", "Field of cooperation.", nullable=False, enum=TRACK,
           key="track", required=True),
        _c("parties", "list", "Parties to the document (party codes).", key="parties",
           domain="party", references="parties.party", default=()),
        _c("parent_doc_id", "string", "Document this one implements or follows.",
           key="parent", references="documents.doc_id"),
        _c("relation", "category", "How it relates to the parent.", enum=RELATION,
           key="relation"),
        _c("prepared_for_event_id", "string", "Event the document was prepared for.",
           key="prepared_for", references="events.event_id"),
        _c("notes", "string", "Notes, including undated steps.", key="notes"),
    ),
    ("doc_id",),
    "records/documents/<doc_id>.yaml, key `document:`",
)

_ACTIONS = Table(
    "document_actions",
    "one step in a document's life",
    (
        _c("doc_id", "string", "The document.", nullable=False, references="documents.doc_id"),
        _c("step", "int16", "1-based position of the step in the document's record.",
           nullable=False),
        _c("date", "date", "Date of the step (first day of the period when less precise).",
           nullable=False, key="date", required=True),
        _c("date_precision", "category", "Precision of date.", nullable=False,
           enum=PRECISION, precision_of="date"),
        _c("action", "category", "What was done, in life-cycle order.", nullable=False,
           enum=ACTION, key="action", required=True),
        _c("draft", "bool", "The step was taken on a draft.", nullable=False, key="draft",
           default=False),
        _c("event_id", "string", "Event where it happened.", key="event",
           references="events.event_id"),
        _c("parties", "list", "Who took the step (party codes).", key="parties",
           domain="party", references="parties.party", default=()),
        _c("notes", "string", "Notes.", key="notes"),
    ),
    ("doc_id", "step"),
    "records/documents/<doc_id>.yaml, key `actions:`",
    sort_by=("doc_id", "step"),
)

_SOURCES = Table(
    "sources",
    "one cited source",
    (
        _c("source_id", "string", "Slug of the source.", nullable=False, key="id",
           required=True, pattern=ID_PATTERN),
        _c("url", "string", "Address; missing when the research did not record it.",
           key="url", pattern=r"^https?://\S+$"),
        _c("publisher", "string", "Outlet or body that published it.", nullable=False,
           key="publisher", required=True),
        _c("language", "category", "ISO 639-1 language of the page.", nullable=False,
           domain="language", key="language", required=True),
        _c("kind", "category", "Kind of source.", nullable=False, enum=SOURCE_KIND,
           key="kind", required=True),
        _c("published", "date", "Publication date, when known.", key="published"),
        _c("published_precision", "category", "Precision of published.", enum=PRECISION,
           precision_of="published"),
        _c("title", "string", "Title of the page.", key="title"),
        _c("notes", "string", "Notes (reposts, caveats).", key="notes"),
        _c("defined_in", "string", "File that defines the source, relative to the data "
           "directory.", nullable=False),
    ),
    ("source_id",),
    "any record file's top-level `sources:`, or reference/sources.csv",
)

_CITATIONS = Table(
    "citations",
    "one record citing one source",
    (
        _c("record_type", "category", "Kind of record.", nullable=False, enum=RECORD_TYPE),
        _c("record_id", "string", "Id of the record (see record_type).", nullable=False),
        _c("source_id", "string", "The source.", nullable=False,
           references="sources.source_id"),
        _c("inherited", "bool", "True when the record cites no source of its own and takes "
           "those of its event or document (a host or chair added by the build takes its "
           "event's).", nullable=False),
        _c("via_claim", "bool", "True when the record cites the source only for a value of "
           "one of its disputed fields (see claims).", nullable=False),
    ),
    ("record_type", "record_id", "source_id"),
    "`sources:` of every record; reference `source_id` columns; sources of `conflicts:`",
)

_CLAIMS = Table(
    "claims",
    "one value of a disputed field, as given by one source",
    (
        _c("record_type", "category", "Kind of record.", nullable=False, enum=RECORD_TYPE,
           key="record_type", required=True),
        _c("record_id", "string", "Id of the record.", nullable=False, key="record_id",
           required=True),
        _c("field", "string", "The disputed field.", nullable=False, key="field",
           required=True),
        _c("value", "string", "The value this source gives, as written in the record.",
           nullable=False, key="value", required=True),
        _c("preferred", "bool", "The value the record uses.", nullable=False,
           key="preferred", default=False),
        _c("source_id", "string", "The source giving the value.", nullable=False,
           key="source_id", required=True, references="sources.source_id"),
        _c("note", "string", "What the source says, in words.", key="note"),
        _c("conflict_note", "string", "Why the preferred value is preferred.",
           key="conflict_note"),
    ),
    ("record_type", "record_id", "field", "value", "source_id"),
    "`conflicts:` of events, documents and actions; reference/claims.csv",
)

_PARTIES = Table(
    "parties",
    "one state or body that can take part in events",
    (
        _party("party", "ISO 3166-1 alpha-3 code, or ORG: code.", nullable=False,
               key="code", required=True, references=None),
        _c("party_type", "category", "State, SCO body or other organisation.",
           nullable=False, enum=PARTY_TYPE, key="party_type", required=True),
        _c("name_en", "string", "Short English name.", nullable=False, key="name_en",
           required=True),
        _c("name_ru", "string", "Russian name.", key="name_ru"),
        _c("name_zh", "string", "Chinese name.", key="name_zh"),
        _c("official_name_en", "string", "Official English name from ISO 3166 (pycountry)."),
        _c("iso2", "string", "ISO 3166-1 alpha-2 code (pycountry)."),
        _c("notes", "string", "Notes.", key="notes"),
    ),
    ("party",),
    "reference/parties.csv",
    sort_by=("party",),
)

_NAME_VARIANTS = Table(
    "name_variants",
    "one spelling of a party's name",
    (
        _party("party", "The party.", nullable=False, key="code", required=True),
        _c("language", "category", "ISO 639-1 language of the spelling.", nullable=False,
           domain="language", key="language", required=True),
        _c("variant", "string", "The spelling.", nullable=False, key="variant",
           required=True),
        _c("notes", "string", "Where it is used (HK/TW, misspelling ...).", key="notes"),
    ),
    ("party", "language", "variant"),
    "reference/name_variants.csv",
)

_MEMBERSHIP = Table(
    "membership",
    "one SCO status interval of one state",
    (
        _party("party", "The state.", nullable=False, required=True),
        _c("status", "category", "The status held.", nullable=False, enum=MEMBERSHIP_STATUS,
           key="status", required=True),
        _c("date_from", "date", "First day of the status (the decision).", nullable=False,
           key="date_from", required=True),
        _c("date_to", "date", "First day without it (exclusive); missing while it lasts.",
           key="date_to"),
        _c("founding", "bool", "Founding member of 2001.", nullable=False, key="founding",
           default=False),
        _c("how", "string", "How the status was granted.", key="how"),
    ),
    ("party", "date_from", "status"),
    "reference/membership.csv",
)

_CHAIRMANSHIP = Table(
    "chairmanship",
    "one chairmanship cycle of the SCO",
    (
        _c("cycle", "string", "The cycle, e.g. 2024-2025.", nullable=False, key="cycle",
           required=True, pattern=r"^\d{4}-\d{4}$"),
        _party("party", "The chair.", nullable=False, required=True),
        _c("date_from", "date", "Summit after which the chair took office.", nullable=False,
           key="date_from", required=True),
        _c("date_to", "date", "Summit the chair closed (and chaired); missing while it "
           "lasts.", key="date_to"),
        _c("start_event", "string", "The opening summit, in words.", key="start_event"),
        _c("end_event", "string", "The closing summit, in words.", key="end_event"),
        _c("basis", "category", "How the chair is known.", nullable=False, enum=BASIS,
           key="basis", required=True),
        _c("notes", "string", "Notes.", key="notes"),
    ),
    ("cycle",),
    "reference/chairmanship.csv",
    sort_by=("date_from",),
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in [
        _EVENTS, _SERIES, _PARTICIPANTS, _PEOPLE, _DOCUMENTS, _ACTIONS, _SOURCES,
        _CITATIONS, _CLAIMS, _PARTIES, _NAME_VARIANTS, _MEMBERSHIP, _CHAIRMANSHIP,
    ]
}

#: Record keys accepted besides the table's own fields.
EXTRA_KEYS: dict[str, tuple[str, ...]] = {
    "events": ("sources", "conflicts"),
    "participants": ("sources",),
    "people": ("sources",),
    "documents": ("sources", "conflicts"),
    "document_actions": ("sources", "conflicts"),
    "series": ("sources",),
}
#: Reference CSV files: table, columns of the file (the table's keys plus citation columns).
REFERENCE_FILES: dict[str, tuple[str, tuple[str, ...]]] = {
    "parties.csv": ("parties", ("code", "party_type", "name_en", "name_ru", "name_zh", "notes")),
    "name_variants.csv": ("name_variants", ("code", "language", "variant", "notes")),
    "membership.csv": ("membership", ("party", "status", "date_from", "date_to", "founding",
                                      "how", "source_id")),
    "chairmanship.csv": ("chairmanship", ("cycle", "party", "date_from", "date_to",
                                          "start_event", "end_event", "basis", "source_id",
                                          "related_source_id", "notes")),
    "sources.csv": ("sources", ("id", "url", "publisher", "language", "kind", "published",
                                "title", "notes")),
    "claims.csv": ("claims", ("record_type", "record_id", "field", "value", "preferred",
                              "source_id", "note")),
}


def arrow_type(column: Column) -> pa.DataType:
    """The pyarrow type a column is written with.

    Categories are dictionary-encoded strings, so other engines read them as such.

    Examples:
        >>> str(arrow_type(TABLES["events"].column("status")))
        'dictionary<values=string, indices=int16, ordered=0>'
    """
    import pyarrow as pa

    return {
        "string": pa.string(),
        "category": pa.dictionary(pa.int16(), pa.string()),
        "date": pa.date32(),
        "int16": pa.int16(),
        "bool": pa.bool_(),
        "list": pa.list_(pa.string()),
    }[column.dtype]


def arrow_schema(table: Table, metadata: dict[str, str] | None = None) -> pa.Schema:
    """The explicit pyarrow schema of a table, with column descriptions as field metadata."""
    import pyarrow as pa

    fields = [
        pa.field(c.name, arrow_type(c), nullable=c.nullable,
                 metadata={"description": c.description})
        for c in table.columns
    ]
    return pa.schema(fields, metadata=metadata)


def categories(column: Column, domains: dict[str, list[str]]) -> list[str]:
    """The fixed categories of a category column: its enum, or the dataset's domain."""
    if column.enum is not None:
        return list(column.enum.values)
    assert column.domain is not None, column.name
    return list(domains[column.domain])


def pandas_dtypes(table: Table, domains: dict[str, list[str]]) -> dict[str, Any]:
    """The pandas dtype of every column: no ``object`` columns.

    ``domains`` gives the categories of data-defined domains (``party``, ``series``,
    ``language``), which are fixed for one dataset.

    Examples:
        >>> d = pandas_dtypes(TABLES["series"], {})
        >>> str(d["series_id"]), str(d["cadence_months"]), str(d["implements"])
        ('string', 'Int16', 'list<item: string>[pyarrow]')
    """
    import pandas as pd
    import pyarrow as pa

    out: dict[str, Any] = {}
    for c in table.columns:
        if c.dtype == "string":
            out[c.name] = pd.StringDtype("pyarrow")
        elif c.dtype == "category":
            cats = categories(c, domains)
            out[c.name] = pd.CategoricalDtype(cats, ordered=bool(c.enum and c.enum.ordered))
        elif c.dtype == "date":
            out[c.name] = "datetime64[ns]"
        elif c.dtype == "int16":
            out[c.name] = pd.Int16Dtype()
        elif c.dtype == "bool":
            out[c.name] = pd.BooleanDtype() if c.nullable else bool
        elif c.dtype == "list":
            out[c.name] = pd.ArrowDtype(pa.list_(pa.string()))
        else:  # pragma: no cover - guarded by the declarations above
            raise ValueError(c.dtype)
    return out


def data_dictionary() -> str:
    """The data dictionary as Markdown (written to ``docs/data-dictionary.md``)."""
    lines = [
        "# Data dictionary",
        "",
        "<!-- Generated by `sco-analysis dictionary` from sco_analysis/schema.py; do not "
        "edit by hand. -->",
        "",
        f"Schema version {SCHEMA_VERSION}. Every table is one Parquet file in the build "
        "directory and one attribute of `sco.load()`. Types: `string` (pyarrow-backed "
        "pandas strings), `category` (dictionary-encoded in Parquet; pandas categorical with "
        "fixed categories), `date` (Parquet date32; pandas datetime64), `int16` (nullable), "
        "`bool`, `list` (list of strings; pandas ArrowDtype). A column is *derived* when the "
        "build computes it; otherwise the record field that fills it is named.",
        "",
    ]
    for t in TABLES.values():
        lines += [
            f"## `{t.name}`",
            "",
            f"One row is {t.row}. Key: {', '.join(f'`{k}`' for k in t.primary_key)}. "
            f"Typed in: {t.origin}.",
            "",
            "| column | type | null | from | description |",
            "|---|---|---|---|---|",
        ]
        for c in t.columns:
            typ = c.dtype
            if c.enum is not None:
                typ += f" ({c.enum.name})"
            elif c.domain is not None:
                typ += f" ({c.domain})"
            src = "derived" if c.derived else f"`{c.key}`" + (" (required)" if c.required else "")
            ref = f" Must exist in `{c.references}`." if c.references else ""
            lines.append(
                f"| `{c.name}` | {typ} | {'yes' if c.nullable else 'no'} | {src} | "
                f"{c.description}{ref} |"
            )
        lines.append("")
    lines += ["## Allowed values", ""]
    for e in ENUMS.values():
        order = " (ordered)" if e.ordered else ""
        lines += [f"### `{e.name}`{order}", "", "| value | meaning |", "|---|---|"]
        lines += [f"| `{v}` | {m} |" for v, m in zip(e.values, e.meanings, strict=True)]
        lines.append("")
    return "\n".join(lines)
