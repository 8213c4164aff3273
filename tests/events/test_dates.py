"""Tests of legation.events.dates: date expressions resolved against publication dates (issue 5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legation.errors import InputError, LexiconError
from legation.events.dates import (
    DateExpression,
    DateRules,
    DateWords,
    find_date_expressions,
    infer_publication_date,
    resolve_event_date,
)
from legation.model import EventDate

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"

MONDAY = "2020-03-30"  # a Monday
THURSDAY = "2020-04-02"
NEW_YEAR = "2021-01-05"  # a Tuesday, in the first week of a year


@pytest.fixture(scope="module")
def rules() -> DateRules:
    return DateRules.load()


def day(value: str) -> EventDate:
    return EventDate(value, "day", "header")


YEAR_2020 = EventDate("2020", "year", "inferred")

# (sentence, publication date, tense, expected value, precision, basis)
TABLE = [
    # absolute dates
    ("They signed on 26 March 2020 in Minas Tirith.", day(MONDAY), "past", "2020-03-26", "day", "text"),
    ("They signed on March 26, 2020 in Minas Tirith.", day(MONDAY), "past", "2020-03-26", "day", "text"),
    ("They signed on March 26th, 2020.", day(MONDAY), "past", "2020-03-26", "day", "text"),
    ("They signed on Mar. 26, 2020.", day(MONDAY), "past", "2020-03-26", "day", "text"),
    ("ARNOR, MARCH 26, 2020 (Wire) - talks ended.", day(MONDAY), "past", "2020-03-26", "day", "text"),
    ("Leaders met in Minas Tirith, Gondor July 7, 2017.", day(MONDAY), "past", "2017-07-07", "day", "text"),
    ("Aragorn's September 21, 2009, decree stands.", day(MONDAY), "past", "2009-09-21", "day", "text"),
    ("The accord is dated 2020-03-26.", day(MONDAY), "past", "2020-03-26", "day", "text"),
    ("The accord is dated 2020/03/26.", day(MONDAY), "past", "2020-03-26", "day", "text"),
    ("The accord is dated 3/26/2020.", day(MONDAY), "past", "2020-03-26", "day", "text"),
    ("The accord is dated 26.03.2020.", day(MONDAY), "past", "2020-03-26", "day", "text"),
    ("The accord is dated 3/4/2020.", day(MONDAY), "past", "2020", "year", "text"),  # March 4 or April 3
    ("Leap day: the pact was sealed on February 29, 2020.", day(MONDAY), "past", "2020-02-29", "day", "text"),
    ("They signed the declaration in May 2016.", day(MONDAY), "past", "2016-05", "month", "text"),
    ("They signed the declaration in March of 2019.", day(MONDAY), "past", "2019-03", "month", "text"),
    ("The pact was sealed in late May 2016.", day(MONDAY), "past", "2016-05", "month", "text"),
    ("Gondor has backed Arnor since 2016.", day(MONDAY), "past", "2016", "year", "text"),
    ("Troops left at the end of 2019.", day(MONDAY), "past", "2019", "year", "text"),
    ("Elections are due in early 2021.", day(MONDAY), "future", "2021", "year", "text"),
    ("Resolution 2231 was adopted in 2015.", day(MONDAY), "past", "2015", "year", "text"),
    ("Talks ran from March 3 to March 5 in Rivendell.", day(MONDAY), "past", "2020-03", "month", "text"),
    ("Talks ran March 3-5, 2020 in Rivendell.", day(MONDAY), "past", "2020-03", "month", "text"),
    ("Between 2016 and 2019, trade grew.", day(MONDAY), "past", None, None, None),
    ("Relations soured in the 1990s.", day(MONDAY), "past", None, None, None),
    ("Relations soured in the '90s.", day(MONDAY), "past", None, None, None),
    # month and day without a year: nearest past occurrence, the next one when the tense is future
    ("On March 26, the government closed a deal.", day(MONDAY), "past", "2020-03-26", "day", "text"),
    ("The summit opened on March 30.", day(MONDAY), "past", "2020-03-30", "day", "text"),
    ("The summit opened on April 2.", day(MONDAY), "past", "2019-04-02", "day", "text"),
    ("The summit will open on April 2.", day(MONDAY), "future", "2020-04-02", "day", "text"),
    ("The leaders met on December 28.", day(MONDAY), "past", "2019-12-28", "day", "text"),
    ("Talks will resume on March 2.", day(MONDAY), "future", "2021-03-02", "day", "text"),
    ("The talks of the 26th of March failed.", day(MONDAY), "past", "2020-03-26", "day", "text"),
    ("The virus had 516 cases as of Monday, March 30.", day(MONDAY), None, "2020-03-30", "day", "text"),
    ("Fighting resumed in mid-March.", day(MONDAY), "past", "2020-03", "month", "text"),
    ("Gondor recalled its envoy in May.", day(MONDAY), "past", "2019-05", "month", "text"),
    ("Gondor will recall its envoy in May.", day(MONDAY), "future", "2020-05", "month", "text"),
    ("Gondor recalled its envoy last May.", day(MONDAY), None, "2019-05", "month", "text"),
    # relative to the publication day
    ("Talks took place today.", day(MONDAY), "past", MONDAY, "day", "text"),
    ("The minister will speak tonight.", day(MONDAY), "future", MONDAY, "day", "text"),
    ("The envoy arrived this morning.", day(MONDAY), "past", MONDAY, "day", "text"),
    ("The envoy arrived earlier today.", day(MONDAY), "past", MONDAY, "day", "text"),
    ("The envoy arrived yesterday.", day(MONDAY), "past", "2020-03-29", "day", "text"),
    ("Shelling was heard last night.", day(MONDAY), "past", "2020-03-29", "day", "text"),
    ("The envoy arrives tomorrow.", day(MONDAY), "future", "2020-03-31", "day", "text"),
    ("The talks ended two days ago.", day(MONDAY), "past", "2020-03-28", "day", "text"),
    ("The talks ended 10 days ago.", day(MONDAY), "past", "2020-03-20", "day", "text"),
    ("The talks ended three weeks ago.", day(MONDAY), "past", "2020-03", "month", "text"),
    ("The talks ended two months ago.", day(MONDAY), "past", "2020-01", "month", "text"),
    ("The talks ended five years ago.", day(MONDAY), "past", "2015", "year", "text"),
    ("The talks ended a year ago.", day(MONDAY), "past", "2019", "year", "text"),
    ("The ministers spoke on Monday.", day(MONDAY), "past", MONDAY, "day", "text"),
    ("The ministers spoke Monday.", day(MONDAY), None, MONDAY, "day", "text"),
    ("The ministers spoke on Friday.", day(MONDAY), "past", "2020-03-27", "day", "text"),
    ("The ministers speak on Wednesday.", day(MONDAY), "present", "2020-03-25", "day", "text"),
    ("The ministers will speak on Friday.", day(MONDAY), "future", "2020-04-03", "day", "text"),
    ("The ministers will speak on Monday.", day(MONDAY), "future", "2020-04-06", "day", "text"),
    ("The ministers speak next Monday.", day(MONDAY), None, "2020-04-06", "day", "text"),
    ("The ministers spoke last Monday.", day(MONDAY), "past", "2020-03-23", "day", "text"),
    ("The ministers meet this coming Friday.", day(MONDAY), "past", "2020-04-03", "day", "text"),
    ("Protesters gathered on Tuesday night.", day(MONDAY), "past", "2020-03-24", "day", "text"),
    ("Sunday's vote was calm.", day(MONDAY), "past", "2020-03-29", "day", "text"),
    ("Rebels attacked over the weekend.", day(MONDAY), "past", "2020-03", "month", "text"),
    (
        "The ministers talked between Monday and Wednesday.",
        day("2020-03-27"),
        "past",
        "2020-03",
        "month",
        "text",
    ),
    ("On Monday, the ministers spoke.", day("2021-01-01"), "past", "2020-12-28", "day", "text"),
    ("The envoy arrived yesterday.", day("2021-01-01"), "past", "2020-12-31", "day", "text"),
    # weeks, months, years: the finest precision that covers the whole period
    ("Last week, the government closed a deal.", day(MONDAY), "past", "2020-03", "month", "text"),
    ("Last week, the government closed a deal.", day(THURSDAY), "past", "2020-03", "month", "text"),
    ("Last week, the government closed a deal.", day("2020-04-07"), "past", "2020", "year", "text"),
    ("Last week, the government closed a deal.", day(NEW_YEAR), "past", None, None, None),
    ("Talks were held earlier this week.", day(MONDAY), "past", MONDAY, "day", "text"),
    ("Talks were held this week.", day(THURSDAY), "past", "2020", "year", "text"),
    ("Talks will be held next week.", day(MONDAY), "future", "2020-04", "month", "text"),
    ("Talks were held earlier this month.", day(MONDAY), "past", "2020-03", "month", "text"),
    ("Talks were held last month.", day(MONDAY), "past", "2020-02", "month", "text"),
    ("Talks were held last month.", day(NEW_YEAR), "past", "2020-12", "month", "text"),
    ("Talks will be held next month.", day(MONDAY), "future", "2020-04", "month", "text"),
    ("Talks were held last year.", day(MONDAY), "past", "2019", "year", "text"),
    ("Talks will be held next year.", day(MONDAY), "future", "2021", "year", "text"),
    ("Talks were held earlier this year.", day(MONDAY), "past", "2020", "year", "text"),
    # a publication date known only to the year
    ("On August 20, the two sides signed a deal.", YEAR_2020, "past", "2020-08-20", "day", "text"),
    ("The king held a call on Monday.", YEAR_2020, "past", "2020", "year", "text"),
    ("Monday’s call went well.", YEAR_2020, "past", "2020", "year", "text"),
    ("Talks took place today.", YEAR_2020, "past", "2020", "year", "text"),
    ("Talks were held last year.", YEAR_2020, "past", "2019", "year", "text"),
    ("Gondor recalled its envoy in March.", YEAR_2020, "past", "2020-03", "month", "text"),
    ("The two sides met in Rabat.", YEAR_2020, "past", "2020", "year", "publication"),
    # no publication date: relative dates cannot be resolved, absolute ones still can
    ("They signed the declaration in May 2016.", None, "past", "2016-05", "month", "text"),
    ("The ministers spoke on Monday.", None, "past", None, None, None),
    ("On August 20, the two sides signed a deal.", None, "past", None, None, None),
    ("The two sides met in Rabat.", None, "past", None, None, None),
    # not dates
    ("The envoy may attend the summit.", day(MONDAY), "future", MONDAY, "day", "publication"),
    ("Gondor reported 100,000 cases of COVID-19.", day(MONDAY), "past", MONDAY, "day", "publication"),
    ("Gondor reported 2,020 cases and 19.5% growth.", day(MONDAY), "past", MONDAY, "day", "publication"),
    ("The Good Friday Agreement holds.", day(MONDAY), "present", MONDAY, "day", "publication"),
    ("Theresa May spoke to Arnor.", day(MONDAY), "past", MONDAY, "day", "publication"),
    ("The accord is dated February 30, 2020.", day(MONDAY), "past", MONDAY, "day", "publication"),
    ("Crowds march on the capital.", day(MONDAY), "present", MONDAY, "day", "publication"),
]


@pytest.mark.parametrize(("text", "reference", "tense", "value", "precision", "basis"), TABLE)
def test_resolve_event_date_table(
    rules: DateRules,
    text: str,
    reference: EventDate | None,
    tense: str | None,
    value: str | None,
    precision: str | None,
    basis: str | None,
) -> None:
    assert resolve_event_date(text, reference, tense=tense, rules=rules) == EventDate(value, precision, basis)


def test_table_has_at_least_sixty_rows() -> None:
    assert len(TABLE) >= 60


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On March 26, the deal closed.", "March 26"),
        ("Rebels attacked on Tuesday night.", "Tuesday night"),
        ("Sunday's vote was calm.", "Sunday"),
        ("Between 2016 and 2019, trade grew.", "2016 and 2019"),
        ("Fighting resumed in mid-March.", "mid-March"),
        ("As of Monday, March 30, cases rose.", "Monday, March 30"),
        ("Last week, the deal closed.", "Last week"),
    ],
)
def test_find_date_expressions_span(rules: DateRules, text: str, expected: str) -> None:
    [expression] = find_date_expressions(text, day(MONDAY), rules=rules)
    assert expression.text == expected
    assert text[expression.start : expression.end] == expected


def test_find_date_expressions_keeps_unresolvable_with_no_value(rules: DateRules) -> None:
    found = find_date_expressions("Talks on Monday followed the accord of May 2016.", None, rules=rules)
    assert found == [
        DateExpression(9, 15, "Monday", None, None),
        DateExpression(39, 47, "May 2016", "2016-05", "month"),
    ]


@pytest.mark.parametrize(
    ("tense", "value"),
    [("past", "2020-03-27"), (None, "2020-03-27"), ("present", "2020-03-27"), ("future", "2020-04-03")],
)
def test_resolve_event_date_weekday_follows_tense(rules: DateRules, tense: str | None, value: str) -> None:
    assert resolve_event_date("They meet on Friday.", day(MONDAY), tense=tense, rules=rules).value == value


@pytest.mark.parametrize(("tense", "value"), [("past", "2019-04-02"), ("future", "2020-04-02")])
def test_resolve_event_date_month_day_follows_tense(rules: DateRules, tense: str, value: str) -> None:
    assert resolve_event_date("They meet on April 2.", day(MONDAY), tense=tense, rules=rules).value == value


FOCUS_TEXT = "After talks on Monday, the ministers will sign the accord on April 2."


@pytest.mark.parametrize(
    ("trigger", "tense", "value"),
    [("talks", "past", MONDAY), ("sign", "past", "2019-04-02"), ("talks", "future", "2020-04-06"),
     ("sign", "future", "2020-04-02")],
)  # fmt: skip
def test_resolve_event_date_prefers_nearest_to_focus(
    rules: DateRules, trigger: str, tense: str, value: str
) -> None:
    focus = FOCUS_TEXT.index(trigger)
    assert resolve_event_date(FOCUS_TEXT, day(MONDAY), tense=tense, focus=focus, rules=rules).value == value


def test_resolve_event_date_tie_goes_to_the_expression_after_the_trigger(rules: DateRules) -> None:
    text = "Monday xx Friday"  # the focus at 8 is two characters from each date
    assert resolve_event_date(text, day(MONDAY), tense="past", focus=8, rules=rules).value == "2020-03-27"


def test_resolve_event_date_prefers_the_same_clause(rules: DateRules) -> None:
    text = "Rebels attacked on Sunday; the ministers met in Rivendell for long talks on Friday."
    focus = text.index("met")
    assert resolve_event_date(text, day(MONDAY), tense="past", focus=focus, rules=rules).value == "2020-03-27"


def test_resolve_event_date_without_focus_takes_the_first(rules: DateRules) -> None:
    text = "On Friday and again on Sunday, envoys met."
    assert resolve_event_date(text, day(MONDAY), tense="past", rules=rules).value == "2020-03-27"


def test_resolve_event_date_prefers_a_resolved_date_over_a_vague_one(rules: DateRules) -> None:
    text = "Ties, strained since the 1990s, improved on Monday."
    focus = text.index("improved")
    assert resolve_event_date(text, day(MONDAY), tense="past", focus=focus, rules=rules) == EventDate(
        MONDAY, "day", "text"
    )


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        (day(MONDAY), EventDate(MONDAY, "day", "publication")),
        (EventDate("2020-03", "month", "metadata"), EventDate("2020-03", "month", "publication")),
        (YEAR_2020, EventDate("2020", "year", "publication")),
        (None, EventDate(None, None, None)),
    ],
)
def test_resolve_event_date_falls_back_to_publication(
    rules: DateRules, reference: EventDate | None, expected: EventDate
) -> None:
    assert resolve_event_date("Gondor and Arnor met.", reference, tense="past", rules=rules) == expected


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("They met yesterday.", "2020-03", "month"),
        ("They met on March 20.", "2020-03-20", "day"),
        ("They met in February.", "2020-02", "month"),
        ("They met last month.", "2020-02", "month"),
    ],
)
def test_resolve_event_date_month_only_reference(
    rules: DateRules, text: str, value: str, precision: str
) -> None:
    reference = EventDate("2020-03", "month", "metadata")
    assert resolve_event_date(text, reference, tense="past", rules=rules) == EventDate(
        value, precision, "text"
    )


@pytest.mark.parametrize(
    "reference",
    [
        EventDate("30/03/2020", "day", "header"),
        EventDate("2020-02-30", "day", "header"),
        EventDate("2020", "day", "x"),
    ],
)
def test_find_date_expressions_rejects_bad_reference(rules: DateRules, reference: EventDate) -> None:
    with pytest.raises(InputError, match="reference: expected"):
        find_date_expressions("today", reference, rules=rules)


def test_find_date_expressions_rejects_unknown_tense(rules: DateRules) -> None:
    with pytest.raises(InputError, match="tense: expected one of"):
        find_date_expressions("today", day(MONDAY), tense="pluperfect", rules=rules)


def test_find_date_expressions_loads_default_rules_when_none_given() -> None:
    assert find_date_expressions("yesterday", day(MONDAY))[0].value == "2020-03-29"


@pytest.mark.parametrize(
    ("text", "year"),
    [
        (
            "Gondor and Arnor met. In November 2020, the two countries will celebrate 62 years of ties.",
            "2020",
        ),
        ("This year's summit in June 2021 will focus on trade.", "2021"),
        ("Last year's summit, held in Rivendell in 2019, was a success.", "2020"),
        ("Next year's summit is planned for 2022.", "2021"),
        ("The pact was signed in May 2016. The envoys are set to meet on March 3, 2021.", "2021"),
        ("The talks are scheduled for October 2019. They will resume in January 2020.", "2020"),
    ],
)
def test_infer_publication_date_from_present_references(rules: DateRules, text: str, year: str) -> None:
    assert infer_publication_date(text, rules=rules) == EventDate(year, "year", "inferred")


@pytest.mark.parametrize(
    "text",
    [
        "The two leaders signed the declaration in May 2016, during a visit.",
        "Between 2016 and 2019, the number of visitors increased.",
        "Gondor will be carbon neutral by 2050.",
        "The ministers will keep talking until June 2030.",
        "Arnor will send more envoys.",
        "The ministers met on Monday and will meet again on March 3.",
        "Relations have grown since the 1990s and will keep growing.",
        "",
    ],
)
def test_infer_publication_date_gives_none_without_evidence(rules: DateRules, text: str) -> None:
    assert infer_publication_date(text, rules=rules) is None


@pytest.mark.shared
def test_infer_publication_date_on_undated_seed(rules: DateRules) -> None:
    seed = SHARED / "seeds" / "001_1bf891e917cb0aa7.txt"
    if not seed.is_file():
        pytest.skip("shared seeds are absent")
    assert infer_publication_date(seed.read_text(encoding="utf-8"), rules=rules) == EventDate(
        "2020", "year", "inferred"
    )


def test_date_words_load_reports_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "words.csv"
    path.write_text(
        "phrase,kind,value\nmarch,month,13\nyesterday,day_offset,-1\nFortnight,week_offset,2\nsoon,vague,\n"
        "day,unit,decade\ntoday,day_offset,0\ntoday,day_offset,0\n",
        encoding="utf-8",
    )
    with pytest.raises(LexiconError, match=r"words.csv:2: value: expected an integer from 1 to 12") as raised:
        DateWords.load(path)
    message = str(raised.value)
    assert "words.csv:4: phrase: expected lowercase words, found 'Fortnight'" in message
    assert "words.csv:5: kind: expected one of" in message
    assert "words.csv:6: value: expected one of ['day', 'month', 'week', 'year'], found 'decade'" in message
    assert "words.csv:8: phrase: expected a phrase new to kind day_offset, found 'today'" in message
    assert "words.csv:3" not in message


def test_date_words_load_rejects_wrong_header(tmp_path: Path) -> None:
    path = tmp_path / "words.csv"
    path.write_text("word,kind\nmarch,month\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"words.csv:1: header: expected phrase,kind,value"):
        DateWords.load(path)


def test_date_rules_use_the_word_list_given(tmp_path: Path) -> None:
    path = tmp_path / "words.csv"
    path.write_text("phrase,kind,value\nmarch,month,3\nyesterday,day_offset,-1\nin,cue,\n", encoding="utf-8")
    rules = DateRules.load(path)
    assert [e.value for e in rules.find("yesterday, today and in March", day(MONDAY))] == [
        "2020-03-29",
        "2020-03",
    ]


TOKENS = [
    "March", "26", ",", "2020", "May", "may", "in", "on", "last", "next", "this", "week", "month",
    "year", "Monday", "night", "-", "–", "/", "3/4/2020", "2020-03-26", "the", "1990s", "'90s",
    "between", "and", "to", "from", "ago", "two", "days", "mid-", "early", "COVID-19", "100,000",
    "31", "February", "30", "Sept.", "today", "yesterday", ";", ".", "19.5%", "since", "weekend",
    "over", "the end of", "0", "99", "1800", "2099", "ſince", "Ｍarch", "٣",
]  # fmt: skip
REFERENCES = [None, day(MONDAY), day("2020-02-29"), day("1800-01-01"), day("2099-12-31"), YEAR_2020,
              EventDate("2020-12", "month", "metadata")]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(st.text(max_size=80), st.lists(st.sampled_from(TOKENS), max_size=14).map(" ".join)),
    reference=st.sampled_from(REFERENCES),
    tense=st.sampled_from([None, "past", "present", "future"]),
)
def test_find_date_expressions_never_raises_and_offsets_slice(
    text: str, reference: EventDate | None, tense: str | None
) -> None:
    rules = DateRules.load()
    previous_end = 0
    for expression in find_date_expressions(text, reference, tense=tense, rules=rules):
        assert text[expression.start : expression.end] == expression.text
        assert expression.start >= previous_end
        assert (expression.value is None) == (expression.precision is None)
        previous_end = expression.end
    resolve_event_date(text, reference, tense=tense, focus=len(text) // 2, rules=rules)


@pytest.mark.parametrize(
    ("text", "focus_word", "expected"),
    [
        # The possessive date names its own noun's event: the trigger elsewhere keeps the publication date.
        (
            "Togo thanked Ghana for its support during last year's floods.",
            "thanked",
            ("2020-03-30", "publication"),
        ),
        # ... unless the trigger is that noun.
        ("Sunday's vote was calm.", "vote", ("2020-03-29", "text")),
    ],
)
def test_resolve_event_date_possessive_date_belongs_to_its_noun(
    text: str, focus_word: str, expected: tuple[str, str]
) -> None:
    reference = EventDate("2020-03-30", "day", "header")
    resolved = resolve_event_date(text, reference, tense="past", focus=text.index(focus_word))
    assert (resolved.value, resolved.basis) == expected
