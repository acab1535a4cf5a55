"""Evidence candidates from import to decision: found, listed, used as a source, dismissed for good."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from factcheck.evidence import EvidenceError, Match, dismiss_candidate, find_evidence_for_statement, record_matches
from factcheck.importing import ImportItem, import_article, import_articles_batch
from factcheck.models import EvidenceCandidate, Statement, Verdict
from factcheck.scales import Kind
from factcheck.tagging import tag_statement
from tests.factories import SpeakerFactory

pytestmark = pytest.mark.django_db

SEEDS = Path(settings.BASE_DIR) / "seeds"
INDEPENDENT = SEEDS / "independent-2009-social-services-58m-overhaul.txt"
BBC = SEEDS / "bbc-2010-03-17-ed-balls-23m-social-workers.txt"
SINGLETON = "Sir Roger Singleton, chief adviser on the safety of children, will report annually to Parliament"


@pytest.fixture
def pledge():
    article = import_article(data=INDEPENDENT.read_bytes(), filename=INDEPENDENT.name).article
    speaker = SpeakerFactory(name="Ed Balls")
    return tag_statement(article=article, speaker=speaker, kind=Kind.PLEDGE, title="Annual report", quote=SINGLETON)


def _best(statement) -> EvidenceCandidate:
    return statement.evidence_candidates.order_by("-score").first()


def test_the_admin_import_finds_candidates(client, fact_checker, pledge):
    client.force_login(fact_checker)
    with BBC.open("rb") as upload:
        client.post(reverse("admin:factcheck_article_import"), {"files": [upload]})
    assert _best(pledge).status == EvidenceCandidate.Status.NEW


def test_the_import_command_finds_candidates_in_a_batch(pledge, tmp_path):
    (tmp_path / "bbc.txt").write_bytes(BBC.read_bytes())
    call_command("import_articles", str(tmp_path), verbosity=0)
    assert _best(pledge).origin == EvidenceCandidate.Origin.IMPORT


def test_the_one_by_one_fallback_of_a_batch_finds_candidates(pledge, monkeypatch):
    from factcheck import importing

    def refuse(prepared):
        raise IntegrityError("a concurrent import")

    monkeypatch.setattr(importing, "_write_batch", refuse)
    (outcome,) = import_articles_batch(items=[ImportItem(BBC.read_bytes(), "bbc.txt")])
    assert outcome.created
    assert pledge.evidence_candidates.exists()


def test_a_dismissed_passage_is_kept_and_never_suggested_again(pledge, fact_checker):
    import_article(data=BBC.read_bytes(), filename=BBC.name)
    best = _best(pledge)
    dismiss_candidate(candidate=best, user=fact_checker)
    find_evidence_for_statement(statement=pledge)
    again = EvidenceCandidate.objects.filter(statement=pledge, article=best.article, start=best.start, end=best.end)
    assert again.count() == 1
    assert again.get().status == EvidenceCandidate.Status.DISMISSED
    with pytest.raises(EvidenceError, match="already dismissed"):
        dismiss_candidate(candidate=best, user=fact_checker)


def test_find_evidence_looks_through_articles_imported_before_the_statement_was_tagged(fact_checker):
    earlier = import_article(data=INDEPENDENT.read_bytes(), filename=INDEPENDENT.name).article
    import_article(data=BBC.read_bytes(), filename=BBC.name)
    statement = tag_statement(
        article=earlier, speaker=SpeakerFactory(name="Ed Balls"), kind=Kind.PLEDGE, title="Report", quote=SINGLETON
    )
    assert not statement.evidence_candidates.exists()
    assert find_evidence_for_statement(statement=statement) >= 1
    assert _best(statement).origin == EvidenceCandidate.Origin.SEARCH


def test_find_evidence_searches_by_the_statements_own_words_not_its_headline(fact_checker):
    """On PostgreSQL the articles scored are found by the statement's rarer words; the headline's
    words are context, and an article need not share them."""
    earlier = import_article(
        data=(
            b"Zebra crossings review launched\n\nTransport Secretary Priya Shah promised that 300 new railway "
            b"stations would open across Wales by 2012, paid for by the Treasury."
        ),
        filename="earlier.txt",
    ).article
    import_article(
        data=(
            b"Rail building begins\n\nWork started on the first of 300 new railway stations across Wales on "
            b"Monday, the Treasury said, as Priya Shah had promised."
        ),
        filename="later.txt",
    )
    statement = tag_statement(
        article=earlier,
        speaker=SpeakerFactory(name="Priya Shah"),
        kind=Kind.PLEDGE,
        title="300 new railway stations across Wales",
        quote="300 new railway stations would open across Wales by 2012",
    )
    assert find_evidence_for_statement(statement=statement) >= 1


def test_a_candidate_for_a_deleted_statement_is_not_written(pledge):
    later = import_article(data=BBC.read_bytes(), filename=BBC.name).article
    EvidenceCandidate.objects.all().delete()
    match = Match(pledge.pk, later.pk, 0, 10, 9.0, {})
    Statement.objects.filter(pk=pledge.pk).delete()
    assert record_matches(matches=[match], origin=EvidenceCandidate.Origin.IMPORT) == 0
    assert not EvidenceCandidate.objects.exists()


def test_the_database_refuses_a_candidate_with_offsets_out_of_order(pledge):
    later = import_article(data=BBC.read_bytes(), filename=BBC.name).article
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceCandidate.objects.create(statement=pledge, article=later, start=10, end=5, score=1)


def test_the_statement_page_lists_candidates_with_the_passage_and_why(client, fact_checker, pledge):
    import_article(data=BBC.read_bytes(), filename=BBC.name)
    client.force_login(fact_checker)
    page = client.get(reverse("admin:factcheck_statement_change", args=[pledge.pk])).content.decode()
    assert "in his first annual report published today" in page
    assert "Use as source" in page and "Not relevant" in page and "Find evidence" in page
    assert "shared names" in page


def test_not_relevant_from_the_desk_dismisses(client, fact_checker, pledge):
    import_article(data=BBC.read_bytes(), filename=BBC.name)
    best = _best(pledge)
    client.force_login(fact_checker)
    response = client.post(reverse("admin:factcheck_statement_dismiss_evidence", args=[best.pk]))
    assert response.status_code == 302
    best.refresh_from_db()
    assert best.status == EvidenceCandidate.Status.DISMISSED
    assert best.decided_by == fact_checker


def test_dismissing_a_candidate_that_is_gone_says_so(client, fact_checker):
    client.force_login(fact_checker)
    response = client.post(reverse("admin:factcheck_statement_dismiss_evidence", args=[999999]), follow=True)
    assert "no longer exists" in response.content.decode()


def test_use_as_source_starts_a_draft_citing_the_article_and_quoting_the_passage(client, fact_checker, pledge):
    later = import_article(data=BBC.read_bytes(), filename=BBC.name).article
    best = _best(pledge)
    client.force_login(fact_checker)
    url = reverse("admin:factcheck_verdict_add") + f"?statement={pledge.pk}&evidence={best.pk}"
    page = client.get(url)
    initial = page.context["inline_admin_formsets"][0].formset.forms[0].initial
    assert initial["article"] == later.pk
    assert initial["quote"] == best.passage
    response = client.post(
        url,
        {
            "statement": pledge.pk,
            "rating": "in-the-works",
            "headline": "First annual report published",
            "explanation": "Sir Roger's first report came out in March 2010.",
            "checked_on": "2010-03-17",
            "sources-TOTAL_FORMS": "1",
            "sources-INITIAL_FORMS": "0",
            "sources-MIN_NUM_FORMS": "0",
            "sources-MAX_NUM_FORMS": "1000",
            "sources-0-order": "1",
            "sources-0-title": initial["title"],
            "sources-0-article": later.pk,
            "sources-0-quote": best.passage,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    verdict = Verdict.objects.get(headline="First annual report published")
    assert verdict.status == Verdict.Status.DRAFT
    assert verdict.sources.get().article == later
    best.refresh_from_db()
    assert best.status == EvidenceCandidate.Status.USED
    assert best.verdict == verdict


def test_find_evidence_from_the_desk(client, fact_checker):
    earlier = import_article(data=INDEPENDENT.read_bytes(), filename=INDEPENDENT.name).article
    import_article(data=BBC.read_bytes(), filename=BBC.name)
    statement = tag_statement(
        article=earlier, speaker=SpeakerFactory(name="Ed Balls"), kind=Kind.PLEDGE, title="Report", quote=SINGLETON
    )
    client.force_login(fact_checker)
    response = client.post(reverse("admin:factcheck_statement_find_evidence", args=[statement.pk]), follow=True)
    assert "may speak to this statement" in response.content.decode()
    assert statement.evidence_candidates.exists()


def test_editing_an_evidence_articles_text_matches_it_again(pledge, fact_checker):
    """Found in review: after a body edit the undecided candidates still quoted the old text's offsets."""
    from factcheck.importing import update_article

    bbc = import_article(data=BBC.read_bytes(), filename=BBC.name).article
    assert _best(pledge) is not None
    new_body = "Fishing quotas were agreed today.\n\n" + bbc.body
    update_article(
        article=bbc,
        user=fact_checker,
        title=bbc.title,
        slug=bbc.slug,
        outlet=bbc.outlet,
        byline=bbc.byline,
        published_at=bbc.published_at,
        source_url=bbc.source_url,
        body=new_body,
    )
    candidates = list(pledge.evidence_candidates.filter(article=bbc))
    assert candidates
    for candidate in candidates:
        assert new_body[candidate.start : candidate.end] == candidate.passage
    assert any("Singleton" in candidate.passage for candidate in candidates)
