r"""From an article to an :class:`~sco_analysis.ingest.model.Extraction`: the whole chain.

read (text, HTML, Markdown) -> language -> sentences and dateline -> reference date ->
anchors and events -> each event's fields, parties, people and documents -> background
documents. Nothing here writes files; :mod:`sco_analysis.ingest.drafting` does that.

Examples:
    >>> ex = extract("## **Talks**\n\nISLAMABAD, July 21, 2022 – Secretary-General of the "
    ...              "SCO Zhang Ming called on the Minister for IT of Pakistan here on Thursday.")
    >>> e = ex.events[0]
    >>> e.value("date_start"), e.value("city"), e.party_codes()
    ('2022-07-21', 'Islamabad', ['PAK', 'ORG:SCO_SECRETARIAT'])
"""

from __future__ import annotations

import datetime
import itertools
import os
import re

from . import dates, documents, events, fields, language, participants, places, text
from .cues import spans
from .model import (
    Article,
    DateValue,
    DocumentStep,
    Event,
    Extraction,
    Field,
    IngestError,
    Sentence,
)
from .sentences import dateline, only_dateline, sentences_of


def read(source: str | os.PathLike[str], *, url: str | None = None,
         published: str | None = None) -> Article:
    """Read and clean an article; refuse bad input with :class:`IngestError`."""
    raw, name = text.load(source)
    body = text.read_text(raw)
    if not body.paragraphs:
        raise IngestError("no event found: the article has no paragraphs of text")
    full, sents = sentences_of(body.paragraphs, body.italic)
    lang = language.detect(body.title + "\n" + full)
    pub, basis = _published(published, body.published)
    return Article(full, body.title, url or body.url, pub, lang, sents, name, basis)


def _published(given: str | None, meta: str | None) -> tuple[DateValue | None, str]:
    if given:
        value = dates.parse_published(given)
        if value is None:
            raise IngestError(f"--published {given!r}: expected a date written YYYY-MM-DD")
        return value, "given on the command line"
    value = dates.parse_published(meta)
    return (value, "the page's metadata") if value else (None, "")


def context(article: Article, known: dict[str, str | None]) -> events.Context:
    """The reference date (publication, dateline, URL) and the dateline of an article.

    A dateline without a year ("DUSHANBE, September 17") takes the year of the article's
    publication or URL; failing those, the first year in which that day is not before a
    date the article tells of as past ("since November 2020" makes it 2021), unless one of
    the two years after makes it the weekday the lead names ("on Saturday").
    """
    ref = article.published or dates.from_url(article.url)
    city = line_date = None
    for s in article.sentences:
        if s.dateline:
            found = dateline(s.text)
            if found:
                city = found[0]
                line_date = _dateline_date(found[1], article, ref)
            break
    return events.Context(article, ref or line_date or _latest_date(article), line_date,
                          city, known)


def _dateline_date(text: str, article: Article, ref: DateValue | None) -> DateValue | None:
    lang = article.language
    ms = dates.find(text, lang, ref)
    if ms and ms[0].kind == "explicit" and ms[0].value is not None:
        return ms[0].value
    floor = None if ref is not None else _latest_past(article)
    if floor is None:
        return None
    found = []
    for year in range(floor.first.year, floor.first.year + 3):
        ms = dates.find(text, lang, DateValue(floor.first.replace(year=year, month=1, day=1),
                                              "year"))
        if ms and ms[0].kind == "explicit" and ms[0].value is not None \
                and ms[0].value.first >= floor.first:
            found.append(ms[0].value)
    weekday = _lead_weekday(article)
    same = [d for d in found if d.first.weekday() == weekday]
    return (same or found or [None])[0]


def _lead_weekday(article: Article) -> int | None:
    """The weekday the lead names ("on Saturday"): a dateline of that weekday is its day."""
    for s in article.sentences:
        if s.background or only_dateline(s):
            continue
        return next((m.weekday for m in dates.find(s.text, article.language, None)
                     if m.kind == "weekday"), None)
    return None


def _latest_past(article: Article) -> DateValue | None:
    """The latest date with a year that the article tells of as past (not as planned)."""
    found = [m.value for s in article.sentences
             if not events.is_planned(s.text, article.language)
             for m in dates.find(s.text, article.language, None)
             if m.value is not None and m.kind in ("explicit", "month", "year")]
    return max(found, key=lambda d: d.first) if found else None


def _latest_date(article: Article) -> DateValue | None:
    """The latest full date of the body: the reference when the article gives no other."""
    found = [m.value for s in article.sentences if not s.background
             for m in dates.find(s.text, article.language, None)
             if m.value is not None and m.value.precision == "day"]
    return max(found, key=lambda d: d.first) if found else None


def extract(source: str | os.PathLike[str], *, url: str | None = None,
            published: str | None = None, records: str | None = None,
            known_cities: dict[str, str | None] | None = None) -> Extraction:
    """Everything the article says about its meetings, with evidence."""
    article = read(source, url=url, published=published)
    if known_cities is None:
        from .resources import known_cities as _known

        known_cities = _known(records)
    ctx = context(article, known_cities)
    ctx.orgs = participants.org_parties(article.sentences, article.language)
    anchors = events.find_anchors(ctx)
    groups = events.group(ctx, anchors) if anchors else []
    if not groups:
        raise IngestError(_no_event(article))
    ctx.article = _with_recalled(ctx, groups)
    evs = [_event(ctx, g, groups, i) for i, g in enumerate(groups)]
    keep = [g for g, e in zip(groups, evs, strict=True) if _is_event(e)]
    if len(keep) < len(groups):  # a dropped plan's sentences belong to the event before it
        evs = [_event(ctx, g, keep, i) for i, g in enumerate(keep)]
    if not evs:
        raise IngestError(_no_event(article, planned=True))
    _steps_of_plans(evs)
    mentioned = _background_documents(ctx)
    mentioned += _past_steps_of_plans(ctx, evs)
    return Extraction(article, evs, _not_acted(mentioned, evs))


def _with_recalled(ctx: events.Context, groups: list[list[events.Anchor]]) -> Article:
    """The article with the sentences that tell of an earlier occasion made background.

    A sentence dated only well before the reported meetings ("At the SCO summit in June
    2019, the President proposed ...") is history: its people are not at the meeting and
    the documents it names are background. So is a sentence right after one such that
    refers back to it ("The same summit approved ...", "Тогда же ..."). A document's own
    date ("the memorandum signed in August 2024") does not date the sentence.
    """
    import dataclasses

    from ..dates import parse_date, period_last_day
    from .lexicon import ACTED_THERE, BACK_REFERENCE

    held = [parse_date(g[0].date.value)[0] for g in groups
            if g[0].date.known and not g[0].planned]
    if not held:
        return ctx.article
    limit = min(held) - datetime.timedelta(days=events.DAYS_OLD)
    anchored = {a.sentence.index for g in groups for a in g}
    lang, ref = ctx.lang, ctx.dateline_date or ctx.ref
    sents, previous = list(ctx.article.sentences), False
    for s in ctx.article.sentences:
        if s.background or s.index in anchored or only_dateline(s):
            previous = False
            continue
        # a document's own date ("the memorandum signed in 2024") does not date the sentence
        docs = bool(documents.find(s.text, lang))
        found = [m for m in dates.find(s.text, lang, ref)
                 if m.value is not None and m.kind in ("explicit", "month", "year")
                 and not (docs and events.own_date(s.text, lang, m.start))]
        back = bool(re.match(BACK_REFERENCE[lang], s.text) or re.search(ACTED_THERE[lang],
                                                                         s.text))
        recalled = (previous and back) or (bool(found) and all(
            period_last_day(m.value.first, m.value.precision) < limit for m in found))
        if recalled:
            sents[s.index] = dataclasses.replace(s, background=True)
        previous = recalled
    return dataclasses.replace(ctx.article, sentences=sents)


def _steps_of_plans(evs: list[Event]) -> None:
    """Steps and speakers told beside a meeting to come belong to the meeting before it.

    "The ministers adopted a statement and agreed to hold the next meeting in 2024";
    "Speaking at the summit, the President announced that his country will hold a forum".
    """
    for prev, ev in itertools.pairwise(evs):
        if ev.value("status") == "planned" and prev.value("status") == "held":
            prev.documents += ev.documents
            ev.documents = []
            names = {p.name.value for p in prev.people}
            prev.people += [p for p in ev.people if p.name.value not in names]
            ev.people = []


def _not_acted(mentioned: list[DocumentStep], evs: list[Event]) -> list[DocumentStep]:
    """Background documents that no reported meeting acts on.

    "The Action Plan was adopted on 17 June" in a reference note, and "the participants
    discussed the Action Plan" in the report: one document, acted on, not only mentioned.
    """
    from rapidfuzz import fuzz

    steps = [d for ev in evs for d in ev.documents]
    return [m for m in mentioned if not any(
        d.doc_type.value == m.doc_type.value
        and fuzz.token_sort_ratio(d.title.value.lower(), m.title.value.lower()) >= 85
        for d in steps)]


def _past_steps_of_plans(ctx: events.Context, evs: list[Event]) -> list[DocumentStep]:
    """Take out of a meeting still to come the steps told in the past tense; return them.

    "The forum will be held in July. Earlier this month, the ministers adopted the Action
    Plan" is history beside the plan: a background document, dated as the sentence dates it.
    """
    out: list[DocumentStep] = []
    ref = ctx.dateline_date or ctx.ref
    for ev in evs:
        if ev.value("status") != "planned":
            continue
        past = [d for d in ev.documents if d.action.evidence is not None
                and not events.is_planned(d.action.evidence.text, ctx.lang)]
        ev.documents = [d for d in ev.documents if d not in past]
        for d in past:
            s = d.action.evidence
            when = next((m.value.iso() for m in dates.find(s.text, ctx.lang, ref)
                         if m.value is not None), None)
            out.append(DocumentStep(d.title, d.doc_type, Field.of(
                d.action.value, s, 0.6, "told in the past beside a meeting to come"),
                date=Field.of(when, s, 0.6, "the date of the sentence") if when
                else Field.unknown("the sentence gives no date")))
    return out


def _no_event(article: Article, planned: bool = False) -> str:
    reasons = ["no sentence outside the background notes says that a meeting was held or "
               "is planned (e.g. 'was held', 'took place', 'met', 'will host', "
               "'состоялось', 'прошло', 'состоится')"]
    if planned:
        reasons = ["the only meetings found are planned ones without a date, or a host or "
                   "place"]
    bg = sum(1 for s in article.sentences if s.background)
    if bg:
        reasons.append(f"{bg} sentence(s) are background notes and are not read for events")
    return "no event found: " + "; ".join(reasons)


def _scope(ctx: events.Context, group: list[events.Anchor],
           groups: list[list[events.Anchor]], i: int) -> list[Sentence]:
    sents = ctx.article.sentences
    start = group[0].sentence.index if i else 0
    nxt = [g[0].sentence.index for g in groups[i + 1:]]
    end = nxt[0] if nxt else len(sents)
    return [s for s in sents[start:end] if not s.background and not only_dateline(s)]


def _event(ctx: events.Context, group: list[events.Anchor],
           groups: list[list[events.Anchor]], i: int) -> Event:
    lang, first = ctx.lang, group[0]
    scope = _scope(ctx, group, groups, i)
    ev = Event(first.sentence, sentences=scope)
    start = first.date
    if first.eve and i > 0:
        prev = groups[i - 1][0].date
        if prev.known:
            start = Field.of(dates.shift(_dv(prev.value), -1).iso(), first.sentence, 0.7,
                             "the day before the meeting it precedes")
    ev.fields["date_start"] = start
    ev.fields["date_precision"] = Field.of(_dv(start.value).precision, start.evidence,
                                           start.confidence) if start.known else start
    ev.fields["date_end"] = fields.date_end(start, first.last, first.sentence, lang,
                                            first.opening, scope)
    ev.fields["status"] = fields.status(first.planned, first.sentence)
    _place(ctx, ev, group, i, groups)
    ev.people = participants.event_people(scope, lang, ctx.orgs)
    stated = _parties(ev, scope, lang)
    ev.fields["series"] = fields.series(first.sentence, first.noun, lang, stated,
                                        any(p.value.startswith("ORG:") for p in ev.parties))
    if ev.value("series") == "other":
        again = fields.series_elsewhere([s for s in scope if s is not first.sentence], lang)
        if again.known:
            ev.fields["series"] = again
    ev.fields["series_number"] = _number(group, lang)
    if not ev.fields["series_number"].known and ev.value("series") == "forum":
        _edition_elsewhere(ev, scope, lang)  # "the forum is held here for the third year"
    if i > 0:
        _next_of(ev, first, groups[i - 1][0], lang)
    ev.documents = _acted(ctx, scope, ev)
    return ev


def _place(ctx: events.Context, ev: Event, group: list[events.Anchor], i: int,
           groups: list[list[events.Anchor]]) -> None:
    lang = ctx.lang
    anchors = [a.sentence for a in group]
    acts = [s for s in ev.sentences if s not in anchors and _acts(s, lang)]
    city = fields.city(anchors, acts, lang, ctx.dateline_city, ctx.known_cities)
    ev.fields["city"] = city
    ev.fields["format"] = fields.event_format(ev.sentences, lang, city)
    home = ctx.known_cities.get(places.dateline_city(ctx.dateline_city, ctx.known_cities)) \
        if ctx.dateline_city else None
    host = fields.host(ev.sentences, lang, city, ctx.known_cities, anchors, home)
    if not host.known and group[0].eve and i > 0:
        prev = _event_host(ctx, groups[i - 1])
        if prev.known:
            host = Field.of(prev.value, group[0].sentence, 0.6,
                            "host of the meeting it is held on the eve of")
    ev.fields["host"] = host


def _event_host(ctx: events.Context, group: list[events.Anchor]) -> Field:
    anchors = [a.sentence for a in group]
    city = fields.city(anchors, [], ctx.lang, ctx.dateline_city, ctx.known_cities)
    return fields.host(anchors, ctx.lang, city, ctx.known_cities)


def _acts(s: Sentence, lang: str) -> bool:
    from .lexicon import ACTION_VERBS

    return any(spans(s.text, lang, cue) for cue in ACTION_VERBS[lang].values())


def _parties(ev: Event, scope: list[Sentence], lang: str) -> int:
    """Set the event's parties (stated, the host, people's); return how many are stated."""
    found = participants.event_parties(scope, lang)
    codes = {f.value for f in found}
    host = ev.fields["host"]
    if host.known and host.value not in codes:
        found.insert(0, Field.of(host.value, host.evidence, host.confidence, "the host"))
        codes.add(host.value)
    for p in ev.people:
        if p.party.known and p.party.value not in codes:
            found.append(Field.of(p.party.value, p.party.evidence, 0.7,
                                  f"party of {p.name.value}"))
            codes.add(p.party.value)
    ev.parties = found
    host_only = host.known and host.note.startswith("country of") and not any(
        f.value == host.value for f in found if f.note != "the host")
    return len(found) - int(bool(host_only))


def _next_of(ev: Event, anchor: events.Anchor, prev: events.Anchor, lang: str) -> None:
    """"The next meeting": the series of the meeting reported before it, number + 1."""
    import re

    from .lexicon import NEXT

    if not re.search(rf"(?i)\b(?:{NEXT[lang]})\s+$", anchor.sentence.text[:anchor.noun[0]]):
        return
    series = fields.series(prev.sentence, prev.noun, lang, 0, False)
    if series.value in ("bilateral", "other"):
        return
    ev.fields["series"] = Field.of(series.value, anchor.sentence, 0.6,
                                   "the next meeting of the series reported before")
    number = _number([prev], lang)
    if number.known:
        ev.fields["series_number"] = Field.of(number.value + 1, anchor.sentence, 0.6,
                                              "the next after the meeting reported before")


def _number(group: list[events.Anchor], lang: str) -> Field:
    for a in group:
        f = fields.series_number(a.sentence, a.noun, lang)
        if f.known:
            return f
    first = group[0]
    for noun in events.own_meeting_nouns(first.sentence, lang):  # "at the 24th meeting"
        f = fields.series_number(first.sentence, noun, lang)
        if f.known:
            return f
    return fields.series_number(first.sentence, first.noun, lang)


def _edition_elsewhere(ev: Event, scope: list[Sentence], lang: str) -> None:
    """The edition told in a later sentence that speaks of the forum itself."""
    nouns = [s for s in scope if s is not ev.anchor and events.meeting_nouns(s, lang)]
    for s in nouns:
        found = fields.edition(s, lang)
        if found.known:
            ev.fields["series_number"] = found
            return


def _dv(value: str) -> DateValue:
    from ..dates import parse_date

    first, precision = parse_date(value)
    return DateValue(first, precision)


def _is_event(ev: Event) -> bool:
    """A planned meeting counts only with a date and a host or place."""
    if ev.value("status") != "planned":
        return True
    return ev.fields["date_start"].known and (ev.fields["host"].known
                                              or ev.fields["city"].known)


def _acted(ctx: events.Context, scope: list[Sentence], ev: Event
           ) -> list[DocumentStep]:
    return documents.steps(scope, ctx.lang, ctx.dateline_date or ctx.ref, ev)


def _background_documents(ctx: events.Context) -> list[DocumentStep]:
    return documents.background(ctx.article.sentences, ctx.lang,
                                ctx.dateline_date or ctx.ref)
