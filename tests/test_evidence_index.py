"""Rebuilding the evidence index after the analysis changed: the same rows as tagging and importing wrote,
and check_derived_data finds a stale index and repairs it."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from factcheck.derived import find_drift
from factcheck.evidence import rebuild_index
from factcheck.importing import import_article
from factcheck.models import ArticleTermCount, EvidenceTerm, EvidenceTermCount, Statement
from factcheck.tagging import tag_statement
from tests.factories import SpeakerFactory

pytestmark = pytest.mark.django_db

SEEDS = Path(settings.BASE_DIR) / "seeds"


def _state():
    return (
        sorted(EvidenceTerm.objects.values_list("statement_id", "term")),
        sorted(EvidenceTermCount.objects.filter(statements__gt=0).values_list("term", "statements")),
        sorted(ArticleTermCount.objects.filter(articles__gt=0).values_list("term", "articles")),
    )


def test_rebuilding_writes_what_tagging_and_importing_wrote_and_mends_stale_rows():
    imported = [import_article(data=path.read_bytes(), filename=path.name).article for path in SEEDS.glob("*.txt")]
    (bbc,) = [article for article in imported if "IT systems" in article.body]
    tag_statement(
        article=bbc,
        speaker=SpeakerFactory(name="Ed Balls"),
        kind="pledge",
        title="£15m for IT systems",
        quote="There will also be £15m to improve IT systems in local areas.",
    )
    written = _state()
    EvidenceTerm.objects.filter(term="~computer").delete()
    ArticleTermCount.objects.filter(term="~computer").update(articles=0)

    assert rebuild_index() == 1
    assert _state() == written


def test_check_derived_data_reports_a_stale_or_missing_index_and_repairs_it(demo):
    stale, missing = Statement.objects.order_by("pk")[:2]
    written = _state()
    lost = EvidenceTerm.objects.filter(statement=stale).order_by("term").first()
    lost.delete()
    EvidenceTerm.objects.create(statement=stale, term="zzstale")
    EvidenceTerm.objects.filter(statement=missing).delete()

    with pytest.raises(CommandError) as refused:
        call_command("check_derived_data", stdout=(out := io.StringIO()))
    assert "2 differences found" in str(refused.value)
    assert (
        f"evidence index: statement {stale.pk} “{stale.title}” terms that differ is ['zzstale'], "
        f"should be [{lost.term!r}]"
    ) in out.getvalue()

    call_command("check_derived_data", "--repair", stdout=io.StringIO())
    assert _state() == written
    assert not find_drift()
