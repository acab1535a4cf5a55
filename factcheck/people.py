"""Speakers and topics: adding a speaker while tagging, and changing either once readers see them.

A speaker's name, role and party and a topic's name are shown on every page of theirs; once one
of their statements has been public, only an editor may change them (factcheck.public_record).
Such changes need no public note (a misspelt name, a new role) but stay in the history. Their web
addresses never change once public.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from .concurrency import check_version, locked
from .models import Speaker, Topic
from .public_record import check_public_change
from .slugs import unique_slug

SPEAKER_PUBLIC_FIELDS = {"name": "name", "slug": "web address", "role": "role", "party": "party or organisation"}
TOPIC_PUBLIC_FIELDS = {"name": "name", "slug": "web address"}


def create_speaker(
    *, name: str, role: str = "", party: str = "", slug: str = "", user: AbstractBaseUser | None = None
) -> Speaker:
    """Add a speaker by name; the web address is made from the name unless one is given. Refuses an empty name."""
    speaker = Speaker(name=" ".join(name.split()), role=role.strip(), party=party.strip())
    if not speaker.name:
        raise ValidationError({"name": "Give the speaker's name."}, code="required")
    speaker.slug = slug or unique_slug(Speaker, speaker.name)
    speaker._history_user = user
    speaker.full_clean()
    speaker.save()
    return speaker


def speaker_for_name(*, name: str, user: AbstractBaseUser | None = None) -> Speaker:
    """The speaker with this name (case and spacing aside), added if the desk has none yet."""
    cleaned = " ".join(name.split())
    existing = Speaker.objects.filter(name__iexact=cleaned).order_by("pk").first()
    return existing or create_speaker(name=cleaned, user=user)


def update_speaker(
    *,
    speaker: Speaker,
    user: AbstractBaseUser | None,
    name: str,
    slug: str,
    role: str,
    party: str,
    expected_version: int | None = None,
) -> Speaker:
    """Save a change to a speaker; once readers have seen them, only an editor may, and not their address."""
    with transaction.atomic():
        current = locked(speaker)
        check_version(current, expected_version)
        before = {field: getattr(current, field) for field in SPEAKER_PUBLIC_FIELDS}
        current.name, current.slug, current.role, current.party = name, slug, role, party
        changed = [field for field in SPEAKER_PUBLIC_FIELDS if getattr(current, field) != before[field]]
        if not changed:
            return current
        _check_public(current, user, changed, SPEAKER_PUBLIC_FIELDS, "speaker")
        current.version += 1
        current._history_user = user
        current.full_clean()
        current.save()
    return current


def update_topic(
    *, topic: Topic, user: AbstractBaseUser | None, name: str, slug: str, expected_version: int | None = None
) -> Topic:
    """Save a change to a topic; once readers have seen it, only an editor may, and not its address."""
    with transaction.atomic():
        current = locked(topic)
        check_version(current, expected_version)
        before = {field: getattr(current, field) for field in TOPIC_PUBLIC_FIELDS}
        current.name, current.slug = name, slug
        changed = [field for field in TOPIC_PUBLIC_FIELDS if getattr(current, field) != before[field]]
        if not changed:
            return current
        _check_public(current, user, changed, TOPIC_PUBLIC_FIELDS, "topic")
        current.version += 1
        current._history_user = user
        current.full_clean()
        current.save()
    return current


def _check_public(row: Speaker | Topic, user, changed: list[str], labels: dict[str, str], thing: str) -> None:
    if not row.has_been_public():
        return
    if "slug" in changed:
        raise ValidationError(
            {"slug": f"Readers know this {thing} by its web address, so the address cannot change."},
            code="public_slug",
        )
    check_public_change(user=user, thing=thing, changed=changed, labels=labels)
