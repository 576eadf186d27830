"""The seed call is transcribed faithfully and broken call files get precise errors."""

import pytest
import yaml

from inputdesk.services.call_definitions import CallDefinitionError, parse_call, seed_call_text

SEED_CATEGORIES = [
    "states", "international_regional_organizations", "un_agencies", "nhris", "law_enforcement",
    "civil_society_hotlines", "academics", "lawyers", "policy_experts", "child_protection_officers", "educators",
    "communities_children", "other",
]


def _seed() -> dict:
    return yaml.safe_load(seed_call_text())


def test_seed_call_has_the_nine_questions_in_order_and_every_category():
    call = parse_call(seed_call_text())
    assert len(call.questions) == 9
    assert call.questions[0].text.startswith("Please provide information on how technologies are used")
    assert "generative Artificial Intelligence and end-to-end encryption" in call.question("q7").text
    assert [c.id for c in call.stakeholder_categories] == SEED_CATEGORIES
    assert all(q.child_text for q in call.questions), "the child path needs simple wording for every question"
    assert call.word_limit == 3000
    assert call.confidentiality.default == "public"
    assert "moment of submission" in call.confidentiality.notice
    assert call.deadline.tzinfo is not None


def test_every_problem_is_listed_with_its_location():
    raw = _seed()
    raw["questions"][2]["id"] = "Q 3"
    raw["word_limit"] = -5
    raw["languages"] = ["english"]
    del raw["mandate"]
    with pytest.raises(CallDefinitionError) as info:
        parse_call(yaml.safe_dump(raw), source="mycall.yaml")
    text = str(info.value)
    assert "mycall.yaml" in text
    assert "questions[2].id" in text
    assert "word_limit" in text
    assert "languages" in text and "english" in text
    assert "mandate: Field required" in text


def test_duplicate_question_ids_are_refused():
    raw = _seed()
    raw["questions"][1]["id"] = "q1"
    with pytest.raises(CallDefinitionError, match="question id 'q1' is used twice"):
        parse_call(yaml.safe_dump(raw))


def test_deadline_without_time_zone_is_refused():
    raw = _seed()
    raw["deadline"] = "2024-05-15T23:59:00"
    with pytest.raises(CallDefinitionError, match="time zone"):
        parse_call(yaml.safe_dump(raw))


def test_unknown_keys_are_typos_not_silently_ignored():
    raw = _seed()
    raw["deadlne"] = "2024-01-01"
    with pytest.raises(CallDefinitionError, match="deadlne"):
        parse_call(yaml.safe_dump(raw))


def test_invalid_yaml_points_at_the_line():
    with pytest.raises(CallDefinitionError, match="line 2"):
        parse_call("id: x\n  bad: [unclosed\n")
