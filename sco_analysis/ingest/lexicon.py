"""Every keyword cue of the ingest, declared once, by meaning and language.

Cues are general words of the genre (verbs of adoption and signing, nouns of meetings and
documents, tense and modality markers, format words), never phrases of particular
articles. English cues are regular expressions matched case-insensitively on word
boundaries; Russian cues are *lemmas* (pymorphy3 normal forms), so that every case,
number and tense of a word is one entry. Enum values (actions, doc types, levels, formats)
are those of :mod:`sco_analysis.schema`; the tables below only say which words express them.

Examples:
    >>> sorted(ACTION_VERBS["ru"])[:3]
    ['adopted', 'agreed', 'approved']
    >>> MONTHS["ru"]["августа"], MONTHS["en"]["aug"]
    (8, 8)
"""

from __future__ import annotations

# -- calendar -----------------------------------------------------------------------------

_EN_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december"]
_RU_MONTHS_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                  "сентября", "октября", "ноября", "декабря"]
_RU_MONTHS_NOM = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
                  "сентябрь", "октябрь", "ноябрь", "декабрь"]
_RU_MONTHS_LOC = ["январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе",
                  "сентябре", "октябре", "ноябре", "декабре"]

#: Month words -> month number (English full and abbreviated, Russian in every case used).
MONTHS: dict[str, dict[str, int]] = {
    "en": {**{m: i + 1 for i, m in enumerate(_EN_MONTHS)},
           **{m[:3]: i + 1 for i, m in enumerate(_EN_MONTHS)}, "sept": 9},
    "ru": {**{m: i + 1 for i, m in enumerate(_RU_MONTHS_GEN)},
           **{m: i + 1 for i, m in enumerate(_RU_MONTHS_NOM)},
           **{m: i + 1 for i, m in enumerate(_RU_MONTHS_LOC)}},
}
#: Weekday words (Russian lemmas) -> Python weekday (Monday = 0).
WEEKDAYS: dict[str, dict[str, int]] = {
    "en": {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday",
                                       "saturday", "sunday"])},
    "ru": {d: i for i, d in enumerate(["понедельник", "вторник", "среда", "четверг", "пятница",
                                       "суббота", "воскресенье"])},
}
#: Part of a month: "mid-May", "в середине мая" (all give month precision).
MONTH_PART = {
    "en": r"(?:mid|early|late|the\s+middle\s+of|the\s+beginning\s+of|the\s+end\s+of)",
    "ru": r"(?:середине|начале|конце|первой\s+половине|второй\s+половине)",
}
#: Relative day words: offset in days from the reference date.
RELATIVE_DAYS = {
    "en": {"today": 0, "yesterday": -1, "tomorrow": 1},
    "ru": {"сегодня": 0, "вчера": -1, "завтра": 1},
}
#: "earlier this month", "last year", "в прошлом году": a month or year counted from the
#: reference date (months or years back; precision).
RELATIVE_PERIODS = {
    "en": {r"(?:earlier\s+|later\s+)?this\s+month": (0, "month"),
           r"last\s+month|the\s+previous\s+month": (-1, "month"),
           r"(?:earlier\s+|later\s+)?this\s+year": (0, "year"),
           r"last\s+year|the\s+previous\s+year": (-1, "year")},
    "ru": {r"в\s+(?:этом|текущем|нынешнем)\s+месяце": (0, "month"),
           r"в\s+прошлом\s+месяце": (-1, "month"),
           r"в\s+(?:этом|текущем|нынешнем)\s+году": (0, "year"),
           r"в\s+прошлом\s+году": (-1, "year")},
}
#: "last Thursday" / "в прошлый четверг": the weekday strictly before the reference date.
PAST_WEEKDAY = {"en": r"last|past|previous", "ru": r"прошл\w*|минувш\w*"}
#: "the day before X", "накануне": one day before the event it is relative to.
EVE = {"en": r"(?:the\s+(?:day|evening|eve)\s+before|on\s+the\s+eve\s+of)", "ru": r"накануне"}
#: A sentence that refers back to the occasion of the one before ("The same summit approved
#: ...", "Тогда же ..."): it tells of that occasion too.
BACK_REFERENCE = {
    "en": r"(?i)(?:the\s+same\s+(?:summit|meeting|session|forum|council)|at\s+that\s+"
          r"(?:summit|meeting|session|time)|then\b)",
    "ru": r"(?i)(?:тогда\s+же|тогда\b|на\s+том\s+же\s+(?:саммите|заседании|совещании|форуме)|"
          r"в\s+том\s+же\s+году)",
}
#: "The Declaration adopted there ...", "Принятое там коммюнике": a step of the occasion
#: the sentence before told of (searched anywhere in the sentence).
ACTED_THERE = {
    "en": r"(?i)\b(?:adopted|signed|approved|issued)\s+there\b",
    "ru": r"(?i)(?:принят|подписан|одобрен|утвержд)\w*\s+там\b|\bтам\s+(?:же\s+)?"
          r"(?:принят|подписан|одобрен|утвержд)\w*",
}
#: The edition of a recurring meeting; group 1 is the ordinal.
EDITION = {
    "en": r"(?i)\b(?:in\s+its|for\s+the|for\s+a)\s+([\w-]+)\s+(?:consecutive\s+|straight\s+)?"
          r"(?:edition|year|time)\b",
    "ru": r"(?i)\b([\w-]+)\s+(?:год|раз)\s+подряд\b",
}
#: "on the same day", "в тот же день": another meeting on the day of the one reported before.
SAME_DAY = {"en": r"(?:on\s+)?the\s+same\s+day|later\s+(?:that|the\s+same)\s+day",
            "ru": r"в\s+(?:тот|этот)\s+же\s+день|тем\s+же\s+дн[её]м"}
#: "two-day forum", "двухдневный": length of an event in days.
DURATION = {
    "en": {"two-day": 2, "three-day": 3, "four-day": 4, "five-day": 5},
    "ru": {"двухдневный": 2, "трехдневный": 3, "трёхдневный": 3, "четырехдневный": 4},
}

# -- ordinals -----------------------------------------------------------------------------

_EN_ORD = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
           "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
           "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"]
_RU_ORD = ["первый", "второй", "третий", "четвёртый", "пятый", "шестой", "седьмой",
           "восьмой", "девятый", "десятый", "одиннадцатый", "двенадцатый", "тринадцатый",
           "четырнадцатый", "пятнадцатый", "шестнадцатый", "семнадцатый", "восемнадцатый",
           "девятнадцатый", "двадцатый"]
#: Ordinal words (English forms, Russian lemmas) -> number; tens compose ("twenty-second").
ORDINALS: dict[str, dict[str, int]] = {
    "en": {w: i + 1 for i, w in enumerate(_EN_ORD)},
    "ru": {w: i + 1 for i, w in enumerate(_RU_ORD)},
}
TENS = {"en": {"twenty": 20, "thirty": 30}, "ru": {"двадцать": 20, "тридцать": 30}}
#: Cardinal words that multiply a plural document noun ("two statements").
COUNTS = {"en": {"two": 2, "three": 3, "four": 4, "both": 2},
          "ru": {"два": 2, "две": 2, "три": 3, "четыре": 4, "оба": 2}}

# -- meetings -----------------------------------------------------------------------------

#: Nouns that name a meeting (English regex stems; Russian lemmas).
MEETING_NOUNS = {
    "en": r"meetings?|summits?|sessions?|forums?|seminars?|conferences?|talks|negotiations|"
          r"video\s*conferences?|video\s+call|call|consultations|round\s*table|congress|"
          r"dialogue",
    "ru": {"совещание", "заседание", "встреча", "саммит", "сессия", "форум", "семинар",
           "конференция", "переговоры", "консультация", "видеоконференция", "конгресс",
           "круглый"},
}
#: Predicates saying that a meeting happened (past) or met.
HELD_VERBS = {
    "en": r"(?:was|were|has\s+been|had\s+been)\s+(?:held|convened|organi[sz]ed|hosted|"
          r"opened)|took\s+place|met|held|opened|convened|hosted|called\s+on|met\s+with|"
          r"gathered|was\s+attended",
    "ru": {"состояться", "пройти", "проходить", "провести", "открыться", "собраться",
           "встретиться", "проведённый", "состоявшийся", "прошедший", "принять участие",
           "открыть", "стартовать"},
}
#: Predicates and markers saying that a meeting is still to come.
PLANNED_MARKERS = {
    "en": r"will|shall|is\s+to|are\s+to|is\s+scheduled|are\s+scheduled|scheduled\s+for|"
          r"is\s+expected\s+to|is\s+set\s+to|to\s+be\s+held|upcoming|forthcoming|next",
    "ru": {"планироваться", "запланировать", "намечать", "наметить", "предстоящий",
           "следующий", "планировать"},
}
#: Opening verbs: the article gives the first day only (end unknown unless a length is said).
OPENING = {"en": r"opened|opens|kicked\s+off|got\s+under\s+way|began",
           "ru": {"открыться", "стартовать", "начаться", "открыть"}}
#: "the next meeting", "следующее совещание": the next meeting of the series just reported.
NEXT = {"en": r"next|following", "ru": r"следующ\w*|очередн\w*"}
#: Words that put a meeting in the background or out of the event list.
NOT_THIS_MEETING = {
    # purpose: "preparations for the Fourth Meeting"
    "purpose_en": r"preparations?\s+for|preparing|prepare|ahead\s+of|in\s+the\s+run-up\s+to",
    "purpose_ru": {"подготовка", "подготовить", "готовиться", "рассмотрение"},
    # setting: "alongside the Expo", "on the sidelines of", "as part of", "в рамках"
    "setting_en": r"alongside|on\s+the\s+sidelines\s+of|on\s+the\s+margins\s+of|as\s+part\s+of|"
                  r"within\s+the\s+framework\s+of|within|during",
    "setting_ru": {"рамка", "полях", "поле", "ход"},
    # a proposal or intention, or a superseded plan
    "proposal_en": r"proposed|proposes|suggested|offered|invited|intention|intends|originally|"
                   r"initially",
    "proposal_ru": {"предложить", "предлагать", "намерение", "первоначально", "пригласить"},
    # a recalled earlier meeting
    "previous_en": r"previous|last\s+year|the\s+first\s+meeting",
    "previous_ru": {"предыдущий", "прошлый", "прошлогодний"},
}
#: Social programme, press events: not meetings of the record.
SOCIAL = {"en": r"dinner|concert|reception|banquet|briefing|press\s+conference|excursion",
          "ru": {"ужин", "концерт", "приём", "прием", "брифинг", "пресс-конференция",
                 "экскурсия"}}

# -- format -------------------------------------------------------------------------------

FORMAT_CUES = {
    "videoconference": {
        "en": r"video\s*conference|video\s+link|video\s+call|videolink|by\s+video|online|"
              r"virtual(?:ly)?|remotely|video\s+address|via\s+video",
        "ru": {"видеоконференция", "видеосвязь", "онлайн", "онлайн-формат", "дистанционный",
               "видеообращение", "видеоформат", "виртуальный"},
    },
    "in_person": {
        "en": r"on\s+site|in\s+person|came\s+to|arrived|visit(?:ed|ing)?|guests?|"
              r"in\s+the\s+presence\s+of|hospitality|here",
        "ru": {"очный", "очно", "прибыть", "приехать", "визит", "гость", "присутствие",
               "гостеприимство", "здесь"},
    },
    "hybrid": {"en": r"hybrid|mixed\s+format", "ru": {"гибридный", "смешанный"}},
}

# -- series -------------------------------------------------------------------------------

#: Series cues, checked in this order on the meeting's noun phrase (regex / lemma sets;
#: a Russian set matches when all its lemmas are present).
SERIES_CUES: list[tuple[str, dict]] = [
    ("ict_expert_group", {"en": r"expert\s+group|experts?'?\s+meeting|group\s+of\s+experts",
                          "ru": [{"экспертный", "группа"}, {"эксперт", "группа"}]}),
    ("ict_ministers", {"en": r"(?:ministries|ministers|agencies|departments).{0,120}"
                             r"(?:ICT|information\s+and\s+communications?\s+technolog)|"
                             r"ICT\s+(?:ministers|heads)|ministers\s+(?:of|for|responsible\s+for)\s+"
                             r"(?:the\s+)?(?:digital|ICT|information|telecommunications?)",
                       "ru": [{"министерство", "ведомство", "икт"},
                              {"министерство", "ведомство", "технология"},
                              {"министр", "икт"}, {"министр", "ответственный", "технология"},
                              {"министр", "ответственный", "цифровой"}]}),
    ("heads_of_government", {"en": r"heads\s+of\s+government|prime\s+ministers'?|"
                                   r"government\s+heads",
                             "ru": [{"совет", "глава", "правительство"},
                                    {"совет", "премьер-министр"}]}),
    ("heads_of_state", {"en": r"heads\s+of\s+state|summit|leaders'?\s+meeting|"
                              r"council\s+of\s+heads",
                        "ru": [{"совет", "глава", "государство"}, {"саммит"}]}),
    ("bilateral", {"en": r"bilateral|one-on-one", "ru": [{"двусторонний"}]}),
    ("forum", {"en": r"forum|seminar|conference|expo|exhibition|congress|round\s*table",
               "ru": [{"форум"}, {"семинар"}, {"конференция"}, {"выставка"}, {"конгресс"}]}),
]
#: Series of the gold vocabulary -> series of the dataset when the dataset has no such id.
SERIES_IN_DATASET = {"other": "side_event", "bilateral_secretariat": "secretariat_bilateral"}

# -- parties and participation -------------------------------------------------------------

#: Predicates that state participation (a party named there takes part).
PARTICIPATION = {
    "en": r"took\s+part|take\s+part|participated|attended|attend|joined|join|represented|"
          r"came\s+from|came\s+to|sent\s+(?=[A-Z]|a\s+delegation)|delegations?|headed|present|"
          r"was\s+also\s+present",
    "ru": {"участвовать", "принять", "присоединиться", "представить", "прибыть",
           "делегация", "присутствовать", "участие"},
}
#: Sentences about status, membership, chairmanship or invitations: their parties are not
#: participants (unless the sentence also states participation).
STATUS_TALK = {
    "en": r"observer\s+status|full\s+member|dialogue\s+partners?|membership|admitted|"
          r"admission|status|chairmanship|took\s+over|handed\s+over|invitations?|invited|"
          r"belongs?\s+to",
    "ru": {"статус", "членство", "председательство", "перейти", "принятый", "пригласить",
           "приглашение", "наблюдатель", "партнёр"},
}
#: Sentences naming the source of the news ("Об этом сообщил Секретариат ШОС", "according
#: to the Secretariat"): the body named there reports, it does not take part.
SOURCE_ATTRIBUTION = {"en": r"according\s+to|reported\s+by|said\s+in\s+a\s+statement|"
                            r"press\s+service|told\s+reporters",
                      "ru": {"сообщить", "сообщать", "пресс-служба", "по данным"}}
#: Collective words: "SCO member states", never expanded into states.
COLLECTIVE = {"en": r"member\s+states|countries|dignitaries", "ru": {"государство-член"}}
#: Adjectives of states (Russian lemmas) whose noun is the state: "китайской стороны".
#: They are resolved by morphology (see ``parties``); these are the head nouns they modify.
SIDE_NOUNS = {"en": r"side|delegation|team|government|president|minister|vice\s+premier|"
                    r"premier|leader|ambassador",
              "ru": {"сторона", "делегация", "правительство", "руководство", "команда"}}
#: Hosting predicates: their subject (or "hosted by" object) is the host.
#: "the Kazakh capital", "в столице Казахстана": with the country, the dateline's city.
CAPITAL = {"en": r"capital", "ru": {"столица"}}
HOST_VERBS = {"en": r"hosts|hosted|will\s+host|to\s+host|is\s+hosting|host|will\s+hold|"
                    r"(?:is|are|plans?)\s+to\s+hold",
              "ru": {"принимать", "принимающий", "организовать", "хозяин"}}
#: Chairing: "under the chairmanship of", "chaired", "председательствовать".
CHAIR_VERBS = {"en": r"chairmanship(?:\s+of)?|chaired|chairs|will\s+chair|to\s+chair|presided|"
                     r"preside|was\s+chaired",
               "ru": {"председательство", "председательствовать", "провести"}}
#: Words that tie the dateline city to the event.
HERE = {"en": r"here", "ru": {"здесь"}}
#: Words just before "here" that tie it to a report, not to the meeting ("issued here").
REPORTED_HERE = {
    "en": r"(?i)\b(?:issued|released|published|said|told|reported|announced|statement|"
          r"briefing|reporters?)\W+(?:\w+\W+){0,1}$",
    "ru": r"(?i)(?:сообщ\w*|заяв\w*|опубликова\w*|распростран\w*|брифинг\w*)\W+(?:\w+\W+){0,1}$",
}

# -- documents ----------------------------------------------------------------------------

#: Document nouns -> doc_type (English regexes in priority order; Russian lemmas).
DOC_NOUNS: dict[str, list[tuple[str, str]]] = {
    "en": [("action_plan", r"action\s+plan|plan\s+of\s+action"),
           ("roadmap", r"road\s*map"),
           ("agenda", r"agenda"),
           ("minutes", r"minutes|protocol"),
           ("memorandum", r"memorandum(?:\s+of\s+understanding)?|MoU"),
           ("concept", r"concept"),
           ("strategy", r"strategy"),
           ("declaration", r"declaration"),
           ("communique", r"communiqu[eé]"),
           ("statement", r"(?:joint\s+)?statements?"),
           ("agreement", r"agreements?(?!\s+(?:was|were|has\s+been)\s+reached)"),
           ("convention", r"convention"),
           ("programme", r"programme|program"),
           ("plan", r"plan"),
           ("initiative", r"initiative"),
           ("proposal", r"proposals?"),
           ("regulations", r"regulations"),
           ("report", r"report|collection|white\s+paper|compendium|handbook|digest|"
                      r"catalogue"),
           ("other", r"documents?")],
    "ru": [("action_plan", "план действие"),
           ("roadmap", "дорожный карта"),
           ("agenda", "повестка"),
           ("minutes", "протокол"),
           ("memorandum", "меморандум"),
           ("concept", "концепция"),
           ("strategy", "стратегия"),
           ("declaration", "декларация"),
           ("communique", "коммюнике"),
           ("statement", "заявление"),
           ("agreement", "соглашение"),
           ("convention", "конвенция"),
           ("programme", "программа"),
           ("plan", "план"),
           ("initiative", "инициатива"),
           ("proposal", "предложение"),
           ("regulations", "положение"),
           ("report", "доклад"),
           ("report", "сборник"),
           ("report", "справочник"),
           ("other", "документ")],
}
#: Words before a document noun that make it the source of the news, not a document of the
#: meeting ("according to an official statement", "говорится в сообщении").
SOURCE_OF_NEWS = {
    "en": r"(?i)\baccording\s+to\s+(?:an?\s+|the\s+)?(?:official\s+|press\s+|joint\s+)?$",
    "ru": r"(?i)(?:\bсогласно\s+|говорится\s+в\s+)(?:официальному\s+|официальном\s+)?$",
}
#: Document types that are texts only once a decision is taken on them: a proposal adopted
#: is a document, a proposal made, welcomed or discussed is not.
DECIDED_ONLY = {"proposal": ("adopted", "approved", "agreed", "signed")}
#: Draft markers in a document's noun phrase.
DRAFT = {"en": r"drafts?", "ru": {"проект"}}
#: Verbs (and their nominalisations) of what was done to a document -> action.
ACTION_VERBS: dict[str, dict[str, object]] = {
    "en": {
        "signed": r"sign(?:ed|s|ing)?|inked",
        "adopted": r"adopt(?:ed|s|ion|ing)?",
        "approved": r"approv(?:ed|es|e|al|ing)|endorsed|ratified",
        "agreed": r"agreed(?:\s+upon|\s+on)?|reached\s+agreement\s+on|finali[sz]ed|agree\s+on",
        "discussed": r"discuss(?:ed|es|ion)?|considered|reviewed|took\s+stock\s+of|examined|"
                     r"exchanged\s+views\s+on",
        "presented": r"present(?:ed|s)|unveiled|introduced",
        "published": r"publish(?:ed|es)?|released|issued",
        "drafted": r"drafted|prepared",
    },
    "ru": {
        "signed": {"подписать", "подписанный", "подписание", "подписывать"},
        "adopted": {"принять", "принятый", "принятие", "принимать"},
        "approved": {"одобрить", "одобренный", "одобрение", "утвердить", "утверждённый",
                     "утверждение", "одобрять"},
        "agreed": {"согласовать", "согласованный", "согласование", "согласовывать"},
        "discussed": {"обсудить", "обсуждать", "обсуждение", "рассмотреть", "рассматривать",
                      "обсуждённый"},
        "presented": {"представить", "презентовать", "презентация"},
        "published": {"опубликовать", "выпустить", "публикация", "издать"},
        "drafted": {"разработать", "подготовить"},
    },
}
#: Words that give a document's own date: "dated November 10, 2020", "от 10 ноября".
DATED = {"en": r"dated|of(?=\s+\d)", "ru": {"от"}}
#: "implementation", "put into practice": the action on the document is a discussion of it.
IMPLEMENTATION = {"en": r"implementation|put\s+into\s+practice|implementing",
                  "ru": {"выполнение", "реализация", "исполнение"}}
#: A document only referred to: "in accordance with", "based on", "to implement".
REFERENCE_ONLY = {"en": r"builds?\s+on|based\s+on|in\s+accordance\s+with|pursuant\s+to|"
                        r"to\s+implement|provides\s+for|under\s+the",
                  "ru": {"основа", "соответствие", "реализация", "служить", "предусматривать"}}
#: Markers of a background paragraph.
BACKGROUND = {"en": r"reference|background|for\s+reference|note|recall|notes\s+to\s+editors",
              "ru": r"справочно|справка|напомним|напоминаем|для\s+справки"}

#: Track of a new document from the words of its title (first match wins; else digital).
TRACK_CUES: list[tuple[str, str, set[str]]] = [
    ("information_security", r"information\s+security|cyber", {"информационный безопасность"}),
    ("innovation_startups", r"startup|start-up|innovation|technopark|technology\s+park",
     {"стартап", "инновация", "технопарк"}),
    ("trade_economy", r"trade|economic\s+cooperation|e-commerce",
     {"торговля", "торговый", "экономический"}),
    ("digital", r"digital|ICT|information\s+and\s+communication|artificial\s+intelligence|"
                r"\bAI\b|data", {"цифровой", "икт", "информационно-коммуникационный",
                                   "искусственный", "данные"}),
    ("general", r"declaration|communiqu|charter", {"декларация", "коммюнике", "хартия"}),
]

# -- people -------------------------------------------------------------------------------

#: Position words -> person level (English regex, Russian lemma), most specific first.
POSITION_LEVELS: list[tuple[str, str, str]] = [
    ("deputy_secretary_general", r"deputy\s+secretary[- ]general",
     "заместитель генеральный секретарь"),
    ("secretary_general", r"secretary[- ]general", "генеральный секретарь"),
    ("deputy_head_of_government", r"vice[- ]premier|deputy\s+prime\s+minister",
     "вице-премьер"),
    ("head_of_government", r"prime\s+minister|premier", "премьер-министр"),
    ("head_of_government", r"prime\s+minister|premier", "премьер"),
    ("deputy_head_of_state", r"vice[- ]president", "вице-президент"),
    ("deputy_minister", r"(?:first\s+)?(?:deputy|vice)[- ]minister", "заместитель министр"),
    ("minister", r"minister", "министр"),
    ("ambassador", r"ambassador", "посол"),
    ("head_of_state", r"president|chairman\s+of\s+the\s+people's\s+republic", "президент"),
    ("head_of_state", r"(?!x)x", "председатель"),
    ("senior_official", r"director|chief\s+engineer|secretary|head\s+of|chairman|chair|"
                        r"deputy\s+head", "директор"),
    ("senior_official", r"(?!x)x", "руководитель"),
    ("senior_official", r"(?!x)x", "глава"),
    ("regional_official", r"governor|mayor|party\s+secretary", "губернатор"),
]
#: Title words that start or end a position phrase (English regex; Russian lemmas).
TITLE_WORDS = {
    "en": r"minister|president|premier|secretary|ambassador|director|engineer|chairman|chair|"
          r"head|governor|mayor|deputy|vice|chief|envoy|representative|commissioner|adviser",
    "ru": {"министр", "президент", "премьер", "премьер-министр", "секретарь", "посол",
           "директор", "председатель", "глава", "губернатор", "заместитель", "руководитель",
           "вице-премьер", "представитель", "советник", "мэр", "начальник", "вице-президент"},
}
#: Capitalised words that are never part of a person's name: institutional vocabulary
#: (English words; Russian lemmas). English words with the endings of abstract and
#: institutional nouns (``INSTITUTIONAL_ENDINGS``) are excluded as well.
NOT_NAMES = {
    "en": r"ministry|minister|department|council|committee|commission|republic|state|states|"
          r"president|secretary|general|sco|federal|first|deputy|vice|prime|chief|engineer|"
          r"digital|international|national|regional|political|organisation|organization|"
          r"academy|university|people|people's|the|of|and|mr|mrs|ms|dr|his|her|in|on|"
          r"chairman|chair|ambassador|premier|secretariat|member|head|heads|foreign|affairs|"
          r"government|agency|service|additional|in-charge|director|governor|mayor|"
          r"vice-premier|delegation|mass|media|aerospace|innovations?|trade|science|"
          r"education|culture|security|energy|transport|finance|health|justice|defence|"
          r"interior|economic|social|central|standing|consultative|cooperation|development|"
          r"communications?|information|technology|technologies|telecommunications?|"
          r"industry|economy|good-neighbourliness|friendship|expo|forum|summit|meeting|"
          r"declaration|statement|concept|plan|action|agenda|memorandum|centre|center",
    "ru": {"республика", "министерство", "департамент", "совет", "комитет", "федерация",
           "организация", "служба", "агентство", "администрация", "правительство",
           "управление", "секретариат", "структура", "центр", "форум", "саммит", "совещание",
           "заседание", "декларация", "заявление", "концепция", "план", "меморандум",
           "документ", "итоговый", "председатель", "президент", "министр", "премьер",
           "премьер-министр", "генеральный", "секретарь", "заместитель", "глава", "посол",
           "директор", "руководитель", "государство", "шос"},
}
INSTITUTIONAL_ENDINGS = r"(?:tion|tions|ment|ments|ity|ities|ics|ogy|ogies|ism|ship|ance|ence)$"

# -- sources ------------------------------------------------------------------------------

#: Publishers and kinds of well-known domains (the domain's end, decoded).
PUBLISHERS: dict[str, tuple[str, str]] = {
    "минсвязи.бел": ("Ministry of Communications and Informatization of the Republic of "
                     "Belarus (минсвязи.бел)", "official"),
    "mpt.gov.by": ("Ministry of Communications and Informatization of the Republic of Belarus",
                   "official"),
    "sectsco.org": ("SCO Secretariat", "official"),
    "belta.by": ("BelTA", "news"),
    "tass.ru": ("TASS", "news"),
    "tass.com": ("TASS", "news"),
    "ria.ru": ("RIA Novosti", "news"),
    "xinhuanet.com": ("Xinhua", "news"),
    "news.cn": ("Xinhua", "news"),
    "khovar.tj": ("Khovar", "news"),
    "24.kg": ("24.kg", "news"),
    "kabar.kg": ("Kabar", "news"),
    "inform.kz": ("Kazinform", "news"),
    "astanatimes.com": ("The Astana Times", "news"),
    "inbusiness.kz": ("Inbusiness.kz", "news"),
    "urdupoint.com": ("UrduPoint", "news"),
    "app.com.pk": ("Associated Press of Pakistan", "news"),
    "theprint.in": ("ThePrint", "news"),
    "mea.gov.in": ("Ministry of External Affairs of India", "official"),
    "kremlin.ru": ("President of Russia", "official"),
    "president.uz": ("President of Uzbekistan", "official"),
    "akorda.kz": ("President of Kazakhstan", "official"),
    "miit.gov.cn": ("Ministry of Industry and Information Technology of China", "official"),
    "fmprc.gov.cn": ("Ministry of Foreign Affairs of China", "official"),
    "cri.cn": ("China Radio International", "news"),
    "diplomacy.edu": ("DiploFoundation", "secondary"),
    "infoshos.ru": ("InfoSCO", "news"),
    "uzdaily.uz": ("UzDaily", "news"),
    "dialog.tj": ("Dialog.tj", "news"),
}
#: Languages the ingest reads; others are refused (see ``language``).
LANGUAGES = ("en", "ru")
