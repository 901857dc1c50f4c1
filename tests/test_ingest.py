"""Ingest: press releases become drafts with evidence; drafts merge only when they validate.

The articles are in tests/fixtures/ingest: a copy of the seed press release and of two
development articles with their gold labels, and articles written for these tests that
exercise the general cues (a planned meeting, a Russian summit with genitive lists, a
yearless dateline with "on Thursday", an online meeting known to the month, an HTML page
with a sidebar of other meetings), and five articles written from the research tables as a
held-out check of the general cues (numbered 36-45: a summit with initials and a planned
forum, a ministers' meeting dated by "в субботу" and a context year, a hybrid summit with a
yearless dateline, a summit page in HTML, an online conference hosted by a ministry).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sco_analysis.ingest import acceptance as accept_mod
from sco_analysis.ingest import pipeline
from sco_analysis.ingest.drafting import draft
from sco_analysis.ingest.evaluate import Scores, pair, score_article
from sco_analysis.ingest.gold import to_gold
from sco_analysis.ingest.model import IngestError

ROOT = Path(__file__).resolve().parent.parent
FIX = Path(__file__).parent / "fixtures" / "ingest"
PUBLISHED = {"beijing-video-thursday-en": "2024-11-15"}
ARTICLES = sorted(p for p in FIX.iterdir() if p.suffix in (".md", ".html"))


def gold_of(article: Path) -> dict:
    return yaml.safe_load((FIX / f"{article.name.split('.')[0]}.gold.yaml").read_text("utf-8"))


def extract(article: Path):
    return pipeline.extract(article, published=PUBLISHED.get(article.name.split(".")[0]))


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled data directory (records + reference), shared by the module."""
    target = tmp_path_factory.mktemp("ingest") / "data"
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("parquet"))
    return target


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file() and "parquet" not in p.parts:
            h.update(p.relative_to(folder).as_posix().encode() + p.read_bytes())
    return h.hexdigest()


# -- extraction against the gold labels ----------------------------------------------------

@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name)
def test_extraction_matches_the_gold_labels(article: Path) -> None:
    gold, pred = gold_of(article), to_gold(extract(article))
    pairs = pair(gold["events"], pred["events"])
    assert len(pairs) == len(gold["events"]) == len(pred["events"]), pred["events"]
    for gi, pi in pairs:
        g, p = gold["events"][gi], pred["events"][pi]
        for key in ("date_start", "date_end", "date_precision", "status", "format", "series",
                    "series_number", "city", "host_country"):
            assert str(g[key]) == str(p[key]), (key, g[key], p[key])
        assert sorted(p["parties"]) == sorted(g["parties"])
        assert sorted((d["doc_type"], d["action"]) for d in p["documents"]) == sorted(
            (d["doc_type"], d["action"]) for d in g["documents"])
    scores = Scores()
    score_article(scores, gold, pred)
    assert scores.prf("people")[2] == 1.0, pred["events"]
    assert scores.prf("mentioned_documents")[2] == 1.0


def test_russian_case_forms_and_adjectives_become_codes() -> None:
    from sco_analysis.ingest.parties import find

    text = ("Делегации Кыргызской Республики, Белоруссии и Исламской Республики Пакистан, "
            "а также представители китайской стороны и белорусской делегации прибыли.")
    assert [m.code for m in find(text, "ru")] == ["KGZ", "BLR", "PAK", "CHN", "BLR"]


def test_russian_names_are_put_back_in_the_nominative() -> None:
    ex = pipeline.extract(
        "БИШКЕК, 5 марта 2025 г. – Во вторник в Бишкеке состоялась встреча Президента "
        "Кыргызской Республики Садыра Жапарова с Премьер-министром Республики Беларусь "
        "Романом Головченко.")
    names = [p.name.value for p in ex.events[0].people]
    assert names == ["Садыр Жапаров", "Роман Головченко"]
    assert ex.events[0].value("date_start") == "2025-03-04"


def test_relative_dates_resolve_against_the_dateline() -> None:
    ex = pipeline.extract("MINSK, 20 May 2025 – The ministries of Belarus and China held a "
                          "working meeting by video link last Thursday.")
    assert ex.events[0].value("date_start") == "2025-05-15"
    assert ex.events[0].value("format") == "videoconference"


def test_ordinals_in_words_digits_and_roman_numerals() -> None:
    from sco_analysis.ingest.fields import ordinal

    assert [ordinal(w, "en") for w in ("third", "22nd", "XV", "twenty-first")] == \
        [3, 22, 15, 21]
    assert [ordinal(w, "ru") for w in ("третье", "четвертого", "IV", "5-го")] == [3, 4, 4, 5]


def test_background_documents_are_not_steps() -> None:
    ex = extract(FIX / "seed.md")
    italic = next(s for s in ex.article.sentences if s.text.startswith("The event is held"))
    assert italic.background  # an italic note, without a "Reference." marker
    steps = [(d.doc_type.value, d.action.value) for d in ex.events[0].documents]
    assert ("concept", "approved") not in steps
    assert ("concept", "2019-06-14") in [(m.doc_type.value, m.date.value)
                                          for m in ex.mentioned]


def test_evidence_points_at_the_sentence_of_each_field() -> None:
    ex = extract(FIX / "planned-tashkent-en.md")
    ev = ex.events[0]
    assert ev.fields["status"].evidence.text.startswith("TASHKENT, 3 March 2025")
    assert "Russia" in next(p for p in ev.parties if p.value == "RUS").evidence.text
    assert ex.article.text[ev.anchor.start:ev.anchor.end] == ev.anchor.text


# -- bad input -----------------------------------------------------------------------------

@pytest.mark.parametrize(("content", "message"), [
    (b"", "the article is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary file"),
    ("Сейсенбі күні Астанада ШЫҰ мемлекет басшылары кеңесінің отырысы өтті. Кездесуге "
     "Қазақстан мен Қытай басшылары қатысты.".encode(), "Kazakh"),
    (b"The SCO was founded in 2001. Its secretariat is in Beijing and its working "
     b"languages are Russian and Chinese.", "no event found"),
])
def test_bad_input_is_refused_with_one_clear_line(tmp_path: Path, content: bytes,
                                                   message: str) -> None:
    article = tmp_path / "article.md"
    article.write_bytes(content)
    run = subprocess.run([sys.executable, "-m", "sco_analysis.cli", "ingest", str(article),
                          "--out", str(tmp_path / "drafts")], capture_output=True, text=True)
    assert run.returncode == 1
    assert message in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "drafts").exists()


def test_oversized_input_is_refused_before_it_is_read(tmp_path: Path, monkeypatch) -> None:
    from sco_analysis.ingest import text

    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(text.MAX_BYTES + 1)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read the big file"))
    with pytest.raises(IngestError, match="larger than the 2,000,000 bytes"):
        draft(big, out=tmp_path / "drafts")
    assert not (tmp_path / "drafts").exists()


# -- drafts --------------------------------------------------------------------------------

def test_a_known_meeting_becomes_an_addition_not_a_duplicate(tmp_path: Path) -> None:
    d = draft(FIX / "astana-summit-ru.md", out=tmp_path)
    assert d.event_ids == [("astana_chs_2024", True)]
    diff = (tmp_path / "astana-summit-ru" / "changes.diff").read_text("utf-8")
    assert "+++ b/records/events/2024/astana_chs_2024.yaml" in diff
    assert f"+  - id: {d.source_id}" in diff
    assert not any(k.startswith("events/") and v.kind == "new" for k, v in d.changes.items())


def test_seed_adds_nothing_the_dataset_already_has(tmp_path: Path) -> None:
    d = draft(ROOT / "sco_analysis" / "ingest" / "examples" / "seed-article.md", out=tmp_path)
    assert d.event_ids == [("blr_miit_working_meeting_2025", True)]
    assert d.changes == {}
    assert [s.match.value for s in d.extraction.events[0].documents] == [
        "agenda_ict_ministers_4_draft", "protocol_ict_ministers_4_draft",
        "action_plan_digital_transformation_2025", "mou_blr_chn_ict_2024"]


def test_drafts_are_deterministic(tmp_path: Path) -> None:
    a = draft(FIX / "planned-tashkent-en.md", out=tmp_path).directory
    first = tree_digest(a)
    b = draft(FIX / "planned-tashkent-en.md", out=tmp_path).directory
    assert a == b and tree_digest(b) == first
    text = (a / "records" / "events" / "2025" / "ict_ministers_5_2025.yaml").read_text("utf-8")
    assert "series_number: 5  # E1 0.85" in text
    review = (a / "review.md").read_text("utf-8")
    assert "**E1** (paragraph 1): TASHKENT, 3 March 2025" in review


def test_accept_merges_a_new_event_and_it_validates(tmp_path: Path, data_copy: Path) -> None:
    import sco_analysis as sco

    d = draft(FIX / "planned-tashkent-en.md", out=tmp_path)
    written = accept_mod.accept(d.directory, data_copy)
    target = data_copy / "records" / "events" / "2025" / "ict_ministers_5_2025.yaml"
    assert written == [target] and target.is_file()
    assert sco.validate(data_copy) == []
    with pytest.raises(accept_mod.AcceptError, match="exists now"):
        accept_mod.accept(d.directory, data_copy)


def test_accept_refuses_a_draft_with_an_unknown_required_field(tmp_path: Path,
                                                                data_copy: Path) -> None:
    d = draft(FIX / "beijing-video-thursday-en.md", out=tmp_path)  # no date: no dateline year
    assert any("date_start is required" in t for t in d.todo)
    before = tree_digest(data_copy)
    with pytest.raises(accept_mod.AcceptError) as info:
        accept_mod.accept(d.directory, data_copy)
    assert any("event.date_start: found nothing (null)" in p and str(d.directory) in p
               for p in info.value.problems)
    assert tree_digest(data_copy) == before


def test_accept_refuses_when_the_record_changed_since(tmp_path: Path, data_copy: Path) -> None:
    d = draft(FIX / "astana-summit-ru.md", out=tmp_path)
    record = data_copy / "records" / "events" / "2024" / "astana_chs_2024.yaml"
    original = record.read_text("utf-8")
    record.write_text(original + "\n", encoding="utf-8")
    try:
        with pytest.raises(accept_mod.AcceptError, match="changed since the draft was made"):
            accept_mod.accept(d.directory, data_copy)
    finally:
        record.write_text(original, encoding="utf-8")


def test_out_directory_that_is_not_a_draft_is_not_replaced(tmp_path: Path) -> None:
    (tmp_path / "planned-tashkent-en").mkdir()
    (tmp_path / "planned-tashkent-en" / "notes.txt").write_text("mine")
    with pytest.raises(IngestError, match=r"holds files sco-analysis did not write "
                                          r"\(notes\.txt\)"):
        draft(FIX / "planned-tashkent-en.md", out=tmp_path)
    assert (tmp_path / "planned-tashkent-en" / "notes.txt").read_text() == "mine"


# -- command line and layout ---------------------------------------------------------------

def test_cli_gold_output_and_eval(capsys: pytest.CaptureFixture[str]) -> None:
    from sco_analysis.cli import main

    assert main(["ingest", str(FIX / "seed.md"), "--as", "gold"]) == 0
    out = yaml.safe_load(capsys.readouterr().out)
    assert out["language"] == "en" and out["events"][0]["parties"] == ["CHN", "BLR"]
    assert main(["ingest-eval", str(FIX)]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("overall: events_f1=") and "documents_f1=" in last


def test_cli_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    from sco_analysis.cli import main

    assert main(["ingest"]) == 2
    assert main(["ingest", str(FIX / "seed.md"), "--accept", "x"]) == 2


def test_nothing_but_the_cli_imports_ingest() -> None:
    import ast

    for path in (ROOT / "sco_analysis").rglob("*.py"):
        if path.name == "cli.py" or "ingest" in path.relative_to(ROOT / "sco_analysis").parts:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = [node.module or ""] + [a.name for a in node.names] \
                if isinstance(node, ast.ImportFrom) else \
                [a.name for a in node.names] if isinstance(node, ast.Import) else []
            assert not any("ingest" in n for n in names), path


def test_a_meeting_named_as_purpose_or_setting_is_not_the_event() -> None:
    ex = pipeline.extract("MINSK, 28 May 2025 – Preparations for the fifth summit were the "
                          "subject of talks held here on Wednesday between the ministries of "
                          "Belarus and China, alongside the Digital Forum.")
    ev = ex.events[0]
    assert ev.value("series_number") is None and ev.value("series") == "bilateral"
    assert ev.value("date_start") == "2025-05-28" and ev.value("city") == "Minsk"


def test_a_signing_in_the_lead_is_an_event_and_an_undated_plan_is_not() -> None:
    ex = pipeline.extract(
        "Министр связи и информатизации Республики Беларусь Константин Шульган и министр "
        "цифровых технологий Республики Узбекистан Шерзод Шерматов 12 сентября 2023 года в "
        "Ташкенте подписали соглашение о сотрудничестве в области цифровизации.\n\n"
        "Стороны договорились провести следующее заседание рабочей группы в Минске.")
    assert len(ex.events) == 1
    ev = ex.events[0]
    assert (ev.value("date_start"), ev.value("city"), ev.party_codes()) == (
        "2023-09-12", "Tashkent", ["BLR", "UZB"])
    assert [(d.doc_type.value, d.action.value) for d in ev.documents] == [
        ("agreement", "signed")]


def test_the_next_meeting_continues_the_series_and_only_its_own_host_counts() -> None:
    ex = pipeline.extract(
        "NEW DELHI, 13 May 2023: The second meeting of SCO ministers of digital development "
        "was held virtually under India's chairmanship on Saturday.\n\nThe ministers adopted "
        "a joint statement and agreed to hold the next meeting in Kazakhstan in 2024.")
    held, planned = ex.events
    assert (held.value("series"), held.value("series_number"), held.value("host")) == (
        "ict_ministers", 2, "IND")
    assert [(d.doc_type.value, d.action.value) for d in held.documents] == [
        ("statement", "adopted")]
    assert (planned.value("status"), planned.value("date_start"), planned.value("host"),
            planned.value("series_number")) == ("planned", "2024", "KAZ", 3)


def test_a_body_that_convened_and_talks_on_another_day_are_two_events() -> None:
    ex = pipeline.extract(
        "MOSCOW, November 18 (TASS) – The Council of Heads of Government of the SCO member "
        "states convened here on Monday for a two-day session. Earlier on Sunday, Russian "
        "Prime Minister Mikhail Mishustin held bilateral talks with Chinese Premier Li Qiang.",
        published="2025-11-18")
    council, talks = ex.events
    assert (council.value("series"), council.value("date_start"), council.value("date_end"),
            council.value("city")) == ("heads_of_government", "2025-11-17", "2025-11-18",
                                       "Moscow")
    assert (talks.value("series"), talks.value("date_start")) == ("bilateral", "2025-11-16")
    assert sorted(talks.party_codes()) == ["CHN", "RUS"]


def test_nakanune_alone_is_the_day_before_and_the_same_day_starts_another_event() -> None:
    ex = pipeline.extract(
        "АСТАНА, 26 ноября 2021 года. – Накануне в режиме видеоконференции состоялось "
        "заседание Совета глав правительств государств – членов ШОС.\n\nВ тот же день в "
        "Узбекистане состоялось первое Совещание руководителей министерств и ведомств "
        "государств – членов ШОС, ответственных за развитие ИКТ.")
    council, ict = ex.events
    assert (council.value("date_start"), council.value("series")) == (
        "2021-11-25", "heads_of_government")
    assert (ict.value("date_start"), ict.value("series"), ict.value("series_number"),
            ict.value("host")) == ("2021-11-25", "ict_ministers", 1, "UZB")
    eve = pipeline.extract(
        "МИНСК, 18 июня 2025 года. – Во вторник, 17 июня, состоялось Совещание министров "
        "ШОС по ИКТ.\n\nНакануне совещания состоялась встреча глав делегаций.")
    assert [e.value("date_start") for e in eve.events] == ["2025-06-17", "2025-06-16"]


def test_a_yearless_dateline_takes_the_first_year_after_what_the_article_tells_as_past(
        ) -> None:
    ex = pipeline.extract(
        "DUSHANBE, September 17. /TASS/. The Council of Heads of State of the SCO held its "
        "21st meeting in the Tajik capital on Friday.\n\nTajikistan, which has chaired the "
        "organisation since November 2020, presided.")
    assert ex.events[0].value("date_start") == "2021-09-17"
    # a dateline alone on its line; the lead reports an adoption; "in 2023" is its year
    ru = pipeline.extract(
        "НЬЮ-ДЕЛИ, 13 мая. /ТАСС/.\n\nМинистры государств – членов ШОС, ответственные за "
        "развитие информационно-коммуникационных технологий, в субботу приняли заявление. "
        "Встреча прошла в рамках председательства Индии в 2023 году.")
    assert len(ru.events) == 1
    e = ru.events[0]
    assert (e.value("date_start"), e.value("series")) == ("2023-05-13", "ict_ministers")


def test_a_sentence_of_an_earlier_occasion_lends_the_event_no_people_or_steps() -> None:
    ex = pipeline.extract(
        "TASHKENT, Nov. 26 – The first Meeting of Heads of Ministries and Departments of the "
        "SCO member states responsible for the development of information and communication "
        "technologies was held in Uzbekistan on Thursday.\n\nAt the SCO summit in Bishkek in "
        "June 2019, President Shavkat Mirziyoyev proposed holding such meetings. The same "
        "summit approved the Concept of Cooperation of the SCO Member States in "
        "Digitalisation and ICT.\n\nOn the same day, the Council of Heads of Government of "
        "the SCO member states held its 20th meeting via video link in 2021. Premier of the "
        "State Council of the PRC Li Keqiang addressed the meeting.", published="2021-11-26")
    ict, council = ex.events
    assert (ict.value("date_start"), ict.value("series"), ict.value("series_number"),
            ict.value("city")) == ("2021-11-25", "ict_ministers", 1, None)
    assert ict.people == [] and ict.documents == [] and ict.party_codes() == ["UZB"]
    assert (council.value("date_start"), council.value("series"),
            council.value("series_number")) == ("2021-11-25", "heads_of_government", 20)
    assert [p.name.value for p in council.people] == ["Li Keqiang"]
    assert [d.doc_type.value for d in ex.mentioned] == ["concept"]


def test_a_title_case_dateline_the_leads_weekday_and_an_adopted_proposal() -> None:
    ex = pipeline.extract(
        "New Delhi, May 13 (PTI) Member states of the SCO on Saturday adopted India's "
        "proposal on digital public infrastructure. The proposal was taken up at a meeting "
        "of SCO ministers responsible for information and communication technologies, "
        "chaired by minister Ashwini Vaishnaw. A forum on start-ups was also proposed."
        "\n\nThe previous meeting of these ministers convened in Uzbekistan in "
        "November 2021.")
    assert len(ex.events) == 1
    e = ex.events[0]
    assert (e.value("date_start"), e.value("series")) == ("2023-05-13", "ict_ministers")
    assert [(d.doc_type.value, d.action.value) for d in e.documents] == [
        ("proposal", "adopted")]


def test_a_ministry_hosting_online_and_a_statement_issued_here() -> None:
    ex = pipeline.extract(
        "ISLAMABAD, Feb 1 (APP): The Ministry of Information Technology hosted an SCO "
        "virtual conference on the digital economy on Tuesday.\n\nParticipants from the "
        "Islamic Republic of Iran and Kazakhstan joined online, according to an official "
        "statement issued here on Thursday.", published="2024-02-01")
    e = ex.events[0]
    assert (e.value("date_start"), e.value("format"), e.value("city"), e.value("host")) == (
        "2024-01-30", "videoconference", None, "PAK")
    assert e.party_codes() == ["PAK", "IRN", "KAZ"]
    assert ex.mentioned == [] and e.documents == []


def test_a_summit_in_the_capital_its_declaration_today_and_a_forum_announced_there() -> None:
    ex = pipeline.extract(
        "Astana, 4 July 2024 – The heads of state of the SCO signed the Astana Declaration "
        "today at the 24th meeting of the SCO Council of Heads of State, held in the Kazakh "
        "capital.\n\nBesides the Declaration, the leaders adopted 25 documents, among them "
        "a decision on the Plan of interaction on information security.\n\nSpeaking at the "
        "summit, H.E. Sadyr Japarov, President of the Kyrgyz Republic, announced that "
        "Kyrgyzstan will hold an SCO Youth Digital Forum in 2025.")
    summit, forum = ex.events
    assert (summit.value("city"), summit.value("format"), summit.value("series"),
            summit.value("series_number")) == ("Astana", "in_person", "heads_of_state", 24)
    assert [(d.doc_type.value, d.action.value) for d in summit.documents] == [
        ("declaration", "signed"), ("plan", "adopted")]
    assert [p.name.value for p in summit.people] == ["Sadyr Japarov"]
    assert (forum.value("status"), forum.value("date_start"), forum.value("host"),
            forum.value("series"), forum.people) == ("planned", "2025", "KGZ", "forum", [])


def test_a_city_in_apposition_and_not_the_place_of_another_meeting() -> None:
    ex = pipeline.extract(
        "АСТАНА, 19 июня 2025 года. – В середине июня в китайском городе Карамай состоялся "
        "Форум Китай – ШОС по цифровому развитию.\n\nФорум открыл заместитель Генерального "
        "секретаря ШОС Джанеш Кейн. Он призвал выполнять решения, принятые на саммите "
        "организации в Нью-Дели.")
    e = ex.events[0]
    assert (e.value("date_start"), e.value("city"), e.value("host"), e.value("series")) == (
        "2025-06", "Karamay", "CHN", "forum")
    en = pipeline.extract("BEIJING, June 14, 2024 -- A seminar on digital technology opened "
                          "in the Chinese city of Karamay on Thursday.")
    assert en.events[0].value("city") == "Karamay"


def test_a_communique_is_written_as_a_statement_in_the_gold_vocabulary() -> None:
    ex = pipeline.extract(
        "МОСКВА, 18 ноября 2025 года. – Главы правительств государств – членов ШОС по итогам "
        "заседания Совета глав правительств в Москве приняли совместное коммюнике.")
    assert [d.doc_type.value for d in ex.events[0].documents] == ["communique"]
    gold = to_gold(ex)
    assert [(d["doc_type"], d["action"]) for d in gold["events"][0]["documents"]] == [
        ("statement", "adopted")]


def test_russian_initials_written_together_and_hyphenated() -> None:
    from sco_analysis.ingest import people

    found = people.find("Под председательством Президента Республики Казахстан К.-Ж.К.Токаева "
                        "и при участии Президента Киргизской Республики С.Н.Жапарова.", "ru")
    assert [p.name for p in found] == ["К.-Ж.К.Токаев", "С.Н.Жапаров"]


def test_past_steps_beside_a_meeting_to_come_are_history_dated_by_relative_periods() -> None:
    ex = pipeline.extract(
        "BEIJING, June 30, 2025 -- The SCO Digital Economy Forum will be held in Tianjin on "
        "July 10-11, an official said on Monday.\n\nEarlier this month, the ministers "
        "responsible for ICT adopted the Action Plan on digital transformation.")
    forum = ex.events[0]
    assert (forum.value("status"), forum.value("date_start"), forum.value("date_end")) == (
        "planned", "2025-07-10", "2025-07-11")
    assert forum.documents == []
    assert [(d.doc_type.value, d.date.value) for d in ex.mentioned] == [
        ("action_plan", "2025-06")]


def test_a_document_adopted_there_belongs_to_the_recalled_occasion() -> None:
    ex = pipeline.extract(
        "NEW DELHI, May 13, 2023 -- SCO ministers responsible for information and "
        "communication technologies met on Saturday and adopted a joint statement.\n\nIndia "
        "took over the chairmanship at the Samarkand summit on 16 September 2022. The "
        "Samarkand Declaration adopted there devotes many points to digital topics.")
    e = ex.events[0]
    assert [(d.doc_type.value, d.action.value) for d in e.documents] == [
        ("statement", "adopted")]
    assert [d.doc_type.value for d in ex.mentioned] == ["declaration"]


def test_talks_recalled_from_an_earlier_year_place_nothing_and_bring_no_one() -> None:
    ex = pipeline.extract(
        "ИСЛАМАБАД, 30 января 2024 года. – Министерство информационных технологий Пакистана "
        "во вторник провело в онлайн-формате конференцию ШОС по цифровой экономике.\n\n"
        "Сотрудничество в этой сфере Генеральный секретарь ШОС Чжан Мин обсуждал в "
        "Исламабаде еще в июле 2022 года с тогдашним министром Сайедом Амином уль Хаком.")
    e = ex.events[0]
    assert (e.value("date_start"), e.value("format"), e.value("city")) == (
        "2024-01-30", "videoconference", None)
    assert e.people == []


def test_the_edition_of_a_forum_told_in_a_later_sentence() -> None:
    ex = pipeline.extract(
        "АСТАНА, 19 июня 2025 года. – В середине июня в Карамае состоялся Форум Китай – ШОС "
        "по цифровому развитию. Форум проводится в этом городе третий год подряд.")
    assert ex.events[0].value("series_number") == 3
    en = pipeline.extract("KARAMAY, June 14, 2024 -- The China-SCO digital seminar, held for "
                          "the second year in a row, opened here on Thursday.")
    assert en.events[0].value("series_number") == 2


def test_a_russian_title_with_a_preposition_and_a_style_before_the_name() -> None:
    from sco_analysis.ingest import people

    found = people.find("С приветственным словом обратился федеральный министр по науке и "
                        "технологиям Пакистана доктор Умар Саиф.", "ru")
    assert [(p.name, p.position) for p in found] == [
        ("Умар Саиф", "федеральный министр по науке и технологиям Пакистана")]
