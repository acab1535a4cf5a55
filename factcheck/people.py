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
    values = {"name": name, "slug": slug, "role": role, "party": party}
    return _update(speaker, user, values, SPEAKER_PUBLIC_FIELDS, "speaker", expected_version)


def update_topic(
    *, topic: Topic, user: AbstractBaseUser | None, name: str, slug: str, expected_version: int | None = None
) -> Topic:
    """Save a change to a topic; once readers have seen it, only an editor may, and not its address."""
    return _update(topic, user, {"name": name, "slug": slug}, TOPIC_PUBLIC_FIELDS, "topic", expected_version)


def _update(row, user, values: dict, labels: dict[str, str], thing: str, expected_version: int | None):
    """Write `values` to a speaker or topic under the rules above; nothing is written if nothing changed."""
    with transaction.atomic():
        current = locked(row)
        check_version(current, expected_version)
        changed = [field for field, value in values.items() if getattr(current, field) != value]
        if not changed:
            return current
        for field, value in values.items():
            setattr(current, field, value)
        if current.has_been_public():
            if "slug" in changed:
                raise ValidationError(
                    {"slug": f"Readers know this {thing} by its web address, so the address cannot change."},
                    code="public_slug",
                )
            check_public_change(user=user, thing=thing, changed=changed, labels=labels)
        current.version += 1
        current._history_user = user
        current.full_clean()
        current.save()
    return current
