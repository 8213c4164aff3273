"""Boilerplate regions and datelines in plain text: kinds, exact offsets, prose left alone, cue validation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from legation.errors import LexiconError
from legation.model import Region
from legation.nlp.boilerplate import (
    DEFAULT_CUES,
    BoilerplateRules,
    Cue,
    compile_rules,
    find_boilerplate,
    find_dateline,
    load_rules,
    read_cues,
)

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="module")
def rules() -> BoilerplateRules:
    return load_rules()


def marked(text: str, rules: BoilerplateRules) -> list[tuple[str, str]]:
    return [(region.kind, text[region.start : region.end]) for region in find_boilerplate(text, rules=rules)]


PROSE = (
    "Arnor and Gondor signed a border treaty on Monday after three days of talks in Minas Tirith.\n\n"
    "The foreign minister of Arnor said the accord would open two crossings by the end of the month."
)


def test_find_boilerplate_leaves_prose_untouched(rules: BoilerplateRules) -> None:
    assert find_boilerplate(PROSE, rules=rules) == ()


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Follow us on Twitter @ArnorDaily", "social"),
        ("Share this article", "social"),
        ("We use cookies to give you the best experience. Accept all cookies to continue.", "cookie"),
        ("Subscribe to our newsletter for the morning briefing", "subscribe"),
        ("By Elena Varda", "byline"),
        ("By Elena Varda and Tomas Brandt, Northern Courier", "byline"),
        ("BY ELENA VARDA", "byline"),
        ("Photo: Gondor foreign ministry", "photo_credit"),
        ("Photo by Tomas Brandt / Northern Courier", "photo_credit"),
        ("--", "separator"),
        ("***", "separator"),
        ("* * *", "separator"),
        ("\\###", "separator"),
        ("© 2021 Northern Courier. All rights reserved.", "copyright"),
        ("Home | World | Politics | Business | Sport", "navigation"),
        ("Reporting by Elena Varda; Editing by Tomas Brandt", "credit"),
    ],
)
def test_find_boilerplate_marks_single_line_kinds(rules: BoilerplateRules, line: str, kind: str) -> None:
    text = f"{PROSE}\n\n{line}\n\nThe talks will resume in Annuminas next week."
    assert marked(text, rules) == [(kind, line)]


@pytest.mark.parametrize(
    "line",
    [
        "By Monday evening the two delegations had agreed on a text.",
        "By contrast, Gondor wants the crossings open at night.",
        "Related talks on fishing rights are due next week.",
        "Share prices in Arnor rose after the treaty was signed.",
        "Photo evidence presented by Gondor shows the damaged bridge.",
        "Latest figures show trade between the two countries doubled.",
    ],
)
def test_find_boilerplate_leaves_prose_with_cue_words_alone(rules: BoilerplateRules, line: str) -> None:
    assert find_boilerplate(f"{line}\n\n{PROSE}", rules=rules) == ()


def test_find_boilerplate_marks_latest_news_block_with_exact_offsets(rules: BoilerplateRules) -> None:
    block = (
        "Latest News\n"
        "- 17:10 Rhovanion army stages drills near the eastern hills\n"
        "- 16:20 Harad expels trade envoy after customs dispute\n"
        "- 15:45 Lindon court jails protest leaders"
    )
    text = f"{PROSE}\n{block}\n"
    (region,) = find_boilerplate(text, rules=rules)
    assert region == Region(text.index("Latest News"), len(text) - 1, "link_list")
    assert text[region.start : region.end] == block


def test_find_boilerplate_marks_read_also_line_and_following_headlines(rules: BoilerplateRules) -> None:
    after = "The lake towns will share the catch."
    text = f"{PROSE}\n\nLire aussi\n\nDale and Esgaroth sign fishing accord\n\n{after}"
    assert marked(text, rules) == [("read_also", "Lire aussi\n\nDale and Esgaroth sign fishing accord")]


def test_find_boilerplate_marks_read_also_with_headline_on_same_line(rules: BoilerplateRules) -> None:
    text = f"{PROSE}\nRead also: Harad recalls its envoy from Umbar\nGondor said the talks were useful."
    assert marked(text, rules) == [("read_also", "Read also: Harad recalls its envoy from Umbar")]


def test_find_boilerplate_stops_section_block_at_prose(rules: BoilerplateRules) -> None:
    text = "Related\n\nUmbar fleet seizes fishing boats\n\nThe ministry said the seizure broke the treaty."
    assert marked(text, rules) == [("link_list", "Related\n\nUmbar fleet seizes fishing boats")]


def test_find_boilerplate_marks_timestamped_run_without_section_title(rules: BoilerplateRules) -> None:
    run = "09:15 Rohan closes its western pass\n08:40 Dale lifts ban on Esgaroth grain"
    text = f"{PROSE}\n{run}"
    assert marked(text, rules) == [("link_list", run)]


def test_find_boilerplate_leaves_bulleted_content_list_alone(rules: BoilerplateRules) -> None:
    text = (
        "The two governments agreed on these points\n"
        "- Reopen the northern crossing to freight lorries\n"
        "- Send engineers to repair the damaged bridge\n"
        "- Hold a joint commission every three months"
    )
    assert find_boilerplate(text, rules=rules) == ()


def test_find_boilerplate_marks_parenthesised_credit_inside_paragraph(rules: BoilerplateRules) -> None:
    text = "Gondor said it would reply on Friday. (Reporting by Elena Varda; Editing by Tomas Brandt)"
    (region,) = find_boilerplate(text, rules=rules)
    assert (region.kind, text[region.start : region.end]) == (
        "credit",
        "(Reporting by Elena Varda; Editing by Tomas Brandt)",
    )


def test_find_boilerplate_offsets_skip_indentation_and_carriage_returns(rules: BoilerplateRules) -> None:
    text = "Gondor signed the accord.\r\n   Follow us on Twitter @ArnorDaily  \r\n"
    assert marked(text, rules) == [("social", "Follow us on Twitter @ArnorDaily")]


@pytest.mark.parametrize(
    ("text", "dateline", "place"),
    [
        ("Rabat – Arnor's king received the envoy of Gondor.", "Rabat –", "Rabat"),
        ("RABAT, Morocco — Arnor's king received the envoy.", "RABAT, Morocco —", "Rabat"),
        ("BEIJING (Reuters) - Gondor's envoy arrived on Monday.", "BEIJING (Reuters) -", "Beijing"),
        (
            "WASHINGTON, Jan 5 (Reuters) - Gondor's envoy arrived.",
            "WASHINGTON, Jan 5 (Reuters) -",
            "Washington",
        ),
        ("Baku, July 26, AZERTAC Gondor's envoy arrived.", "Baku, July 26, AZERTAC", "Baku"),
        ("BEIJING, Jan. 5 (Xinhua) -- Gondor's envoy arrived.", "BEIJING, Jan. 5 (Xinhua) --", "Beijing"),
        ("SEATTLE/WASHINGTON (Reuters) - Gondor's envoy.", "SEATTLE/WASHINGTON (Reuters) -", "Seattle"),
        ("WEST PALM BEACH, Fla. (AP) — Gondor's envoy.", "WEST PALM BEACH, Fla. (AP) —", "West Palm Beach"),
        ("Washington, D.C. – Gondor's envoy arrived.", "Washington, D.C. –", "Washington"),
        ("(Reuters) - Gondor's envoy arrived on Monday.", "(Reuters) -", None),
    ],
)
def test_find_dateline_returns_region_and_place(
    rules: BoilerplateRules, text: str, dateline: str, place: str | None
) -> None:
    region, found_place = find_dateline(text, rules=rules)
    assert region is not None
    assert (region.kind, text[region.start : region.end], found_place) == ("dateline", dateline, place)


def test_find_dateline_in_second_paragraph_after_teaser(rules: BoilerplateRules) -> None:
    text = "Gondor will also send an ambassador.\n\nRabat – Arnor welcomed the decision of Gondor."
    region, place = find_dateline(text, rules=rules)
    assert region == Region(text.index("Rabat"), text.index("–") + 1, "dateline")
    assert place == "Rabat"


@pytest.mark.parametrize(
    "text",
    [
        "Bourita – the foreign minister – said the talks went well.",
        "President Aliyev – Who else? – asked the crowd.",
        "Sophie Scholl - The Final Days is a film about the resistance.",
        "Minas Tirith – which hosted the talks – was calm.",
        "Arnor and Gondor signed a treaty. Rabat – Gondor said so.",
        "One.\n\nTwo.\n\nThree.\n\nRabat – Arnor welcomed the decision.",
    ],
)
def test_find_dateline_ignores_prose_and_late_paragraphs(rules: BoilerplateRules, text: str) -> None:
    assert find_dateline(text, rules=rules) == (None, None)


def test_read_cues_reads_packaged_file() -> None:
    kinds = {cue.kind for cue in read_cues(DEFAULT_CUES)}
    assert {"section", "read_also", "social", "byline", "agency"} <= kinds


def test_read_cues_reports_every_problem_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "boilerplate.csv"
    path.write_text(
        "cue,kind,language\nLatest News,section,en\n Read also,read_also,en\nFollow us,sociale,en\n"
        "Lire aussi,read_also,french\nLATEST NEWS,section,en\nonly two,fields\n",
        encoding="utf-8",
    )
    with pytest.raises(LexiconError, match=r"boilerplate\.csv:3: cue: expected") as caught:
        read_cues(path)
    message = str(caught.value)
    assert re.search(r":4: kind: expected one of .*, found 'sociale'", message)
    assert re.search(r":5: language: expected a two-letter ISO 639-1 code, found 'french'", message)
    assert re.search(r":6: cue: expected a cue not listed before \(line 2\)", message)
    assert re.search(r":7: row: expected 3 fields, found 2", message)


def test_read_cues_rejects_wrong_header(tmp_path: Path) -> None:
    path = tmp_path / "boilerplate.csv"
    path.write_text("phrase,kind,language\nLatest News,section,en\n", encoding="utf-8")
    with pytest.raises(
        LexiconError, match=r"boilerplate\.csv:1: header: expected cue,kind,language, found phrase"
    ):
        read_cues(path)


def test_compile_rules_uses_only_given_cues() -> None:
    rules = compile_rules([Cue("Other headlines", "section", "en")])
    text = f"{PROSE}\nOther headlines\nLatest News"
    assert marked(text, rules) == [("link_list", "Other headlines\nLatest News")]
    assert find_dateline("Baku, July 26, AZERTAC Gondor's envoy arrived.", rules=rules) == (None, None)


@pytest.mark.shared
def test_find_boilerplate_on_seeds_marks_footer_list_and_byline(rules: BoilerplateRules) -> None:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is absent")
    # CONTRACT: an optional " date YYYY-MM-DD " header starts the first line; the reader removes it.
    texts = {
        path.name[:3]: re.sub(r"^ date \d{4}-\d{2}-\d{2} ", "", path.read_text(encoding="utf-8"))
        for path in seeds.glob("*.txt")
    }
    kinds_002 = [region.kind for region in find_boilerplate(texts["002"], rules=rules)]
    assert kinds_002 == ["byline", "separator", "social"]
    regions_004 = find_boilerplate(texts["004"], rules=rules)
    last_line = texts["004"].rstrip().rsplit("\n", 1)[1]
    assert regions_004[-1].kind == "link_list"
    assert texts["004"][regions_004[-1].start : regions_004[-1].end].endswith(last_line)
    assert all(texts["004"][region.start : region.end].count(".") <= 1 for region in regions_004)
    region, place = find_dateline(texts["000"], rules=rules)
    assert region is not None and place == "Rabat"
