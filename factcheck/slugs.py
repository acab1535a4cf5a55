"""Readable, unique slugs for permanent URLs."""

from collections.abc import Container

from django.db import models
from django.utils.text import slugify


def slug_base(text: str, *, max_length: int = 200) -> str:
    """The slug `text` gets when no other row has it: room is left for a "-2", "-3"… suffix."""
    return (slugify(text) or "item")[: max_length - 8].strip("-")


def unique_slug(
    model: type[models.Model], text: str, *, max_length: int = 200, reserved: Container[str] = frozenset()
) -> str:
    """Slugify `text`, adding -2, -3… until no row of `model` has it, nor is it one of `reserved`."""
    base = slug_base(text, max_length=max_length)
    slug, n = base, 1
    while slug in reserved or model._default_manager.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
