"""How many public statements each speaker and topic has, kept as running counts.

The tracker lists topics and its most-quoted speakers by these counts; counting the statements
behind them on every request scanned every public statement (a fifth of a second at 100,000).
A statement enters the counts when it becomes public and leaves them when it stops being public
(publishing.refresh_current_verdict), and moves between them when an editor changes the speaker
or topics of a public statement (tagging.update_statement); the generator and the data migration
count in bulk with `recount`.
"""

from collections.abc import Iterable

from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from .models import Speaker, Statement, Topic


def add_to_counts(*, speaker_id: int, topic_ids: Iterable[int], delta: int) -> None:
    """Add `delta` (+1 or -1) to one statement's speaker and topics."""
    Speaker.objects.filter(pk=speaker_id).update(public_statements=F("public_statements") + delta)
    topic_ids = list(topic_ids)
    if topic_ids:
        Topic.objects.filter(pk__in=topic_ids).update(public_statements=F("public_statements") + delta)


def recount() -> None:
    """Count every speaker's and topic's public statements afresh: two UPDATEs."""
    public = Statement.objects.public().order_by()
    by_speaker = public.filter(speaker=OuterRef("pk")).values("speaker").annotate(n=Count("pk")).values("n")
    Speaker.objects.update(public_statements=Coalesce(Subquery(by_speaker, output_field=IntegerField()), Value(0)))
    by_topic = public.filter(topics=OuterRef("pk")).values("topics").annotate(n=Count("pk")).values("n")
    Topic.objects.update(public_statements=Coalesce(Subquery(by_topic, output_field=IntegerField()), Value(0)))
