"""The evidence benchmark's own rules (factcheck.evidence_report): parts reported apart, any evidence passage counts."""

import pytest
import yaml

from factcheck.evidence_report import pairs_story, sentence_around

pytestmark = pytest.mark.django_db

PLEDGE = (
    "Casino plans outlined\n\n"
    "The culture secretary Tessa Jowell said there would be no Las Vegas-style super-casinos in Britain, "
    "whatever the newspapers had rumoured about the gambling bill.\n\n"
    "She will set out her position when the bill is debated in the Commons next week."
)
REPORT = (
    "Casino numbers capped\n\n"
    "Tessa Jowell has announced plans to limit the number of new super-casinos in Britain to eight, "
    "ending talk of Las Vegas-style resorts under the gambling bill.\n\n"
    "Shares in casino operators fell after the announcement on Tuesday, traders said."
)


def test_a_sentence_closed_by_a_quotation_mark_ends_there():
    body = 'He said: "They\'ll be brought to justice." At the headquarters, feelings ran high.'
    start, end = sentence_around(body, body.index("brought"), body.index("brought") + 7)
    assert body[start:end] == 'He said: "They\'ll be brought to justice."'


PAIR = {
    "title": "No Las Vegas-style super-casinos",
    "speaker": "Tessa Jowell",
    "pledge_file": "pledge.txt",
    "pledge_at": "no Las Vegas-style super-casinos",
    "evidence": [{"file": "report.txt", "at": "limit the number of new super-casinos"}],
}


def _folder(tmp_path, pairs):
    """The articles and the pairs' definitions, as bench/evidence_pairs.yaml and ../shared lay them out."""
    (tmp_path / "pledge.txt").write_text(PLEDGE, encoding="utf-8")
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    spec = tmp_path / "pairs.yaml"
    spec.write_text(yaml.safe_dump({"pairs": pairs}), encoding="utf-8")
    return spec


def test_tuned_and_held_aside_pairs_are_reported_apart(tmp_path):
    held = {**PAIR, "title": "Held", "pledge_at": "set out her position", "held_aside": True}
    spec = _folder(tmp_path, [PAIR, held])

    tuned, held = pairs_story(folder=tmp_path, pairs_file=spec)
    assert "tuned on (1 statements" in tuned.name and "held aside (1 statements" in held.name
    assert tuned.found == tuned.cited == 1 and tuned.false == 0
    (only,) = pairs_story(folder=tmp_path, pairs_file=spec, part="held")
    assert len(only.outcomes) == 1 and only.outcomes[0].title == "Held"


def test_alone_imports_only_the_pairs_articles_and_desk_titles_title_it_as_the_desk_would(tmp_path):
    (tmp_path / "other.txt").write_text(REPORT.replace("Tuesday", "Wednesday"), encoding="utf-8")
    second = {
        **PAIR,
        "title": "Second",
        "pledge_at": "set out her position",
        "evidence": [{"file": "other.txt", "at": "limit the number of new"}],
    }
    spec = _folder(tmp_path, [PAIR, second])

    (everything,) = pairs_story(folder=tmp_path, pairs_file=spec, part="tuned")
    assert everything.false > 0  # each report is a candidate outside the other pair's article
    (alone,) = pairs_story(folder=tmp_path, pairs_file=spec, part="tuned", alone=True, desk_titles=True)
    assert "each pair alone, desk titles" in alone.name
    assert alone.found == 1 and alone.false == 0  # the first pair never saw the second pair's evidence article
    assert "There would be no Las Vegas-style super-casinos in Britain" in {o.title for o in alone.outcomes}


def test_a_statement_the_desk_cannot_title_is_refused_with_its_file(tmp_path):
    spec = _folder(tmp_path, [{**PAIR, "pledge_file": "bare.txt", "pledge_at": "..."}])
    (tmp_path / "bare.txt").write_text('Casinos\n\n"..."', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bare\.txt: the desk suggests no title"):
        pairs_story(folder=tmp_path, pairs_file=spec, alone=True, desk_titles=True)
