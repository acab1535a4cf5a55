"""What readers have seen changes only through an editor, and changes of meaning carry a public note.

The rule every service that edits published material applies (tagging.update_statement,
importing.update_article, people.update_speaker and people.update_topic), written once:

- before anything is public, the desk's own roles decide (fact-checkers may fix their work);
- once readers have seen a row, only an editor may change what they saw of it;
- a change that alters meaning (`needs_note`) is refused without a correction note, which is
  saved as a `Correction` readers see beside what it corrects and on /corrections/.

Everything else an editor changes stays in the row's history, with who changed it.
"""

from collections.abc import Iterable, Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError

from .models import Article, Correction, Statement, Verdict

EDITOR_PERMISSION = "factcheck.publish_verdict"


def is_editor(user: AbstractBaseUser | None) -> bool:
    """Editors publish and change what readers see; `None` is a trusted script (the demo loader)."""
    return user is None or user.has_perm(EDITOR_PERMISSION)


def check_public_change(
    *,
    user: AbstractBaseUser | None,
    thing: str,
    changed: Iterable[str],
    labels: Mapping[str, str],
    needs_note: Iterable[str] = (),
    note: str = "",
) -> None:
    """Refuse a change to something readers have seen, unless an editor makes it (with a note where needed).

    `thing` names it for the message ("statement"), `changed` are the fields changed, `labels`
    their names for people, `needs_note` the fields whose change alters meaning.
    """
    changed = [field for field in labels if field in set(changed)]
    if not changed:
        return
    if not is_editor(user):
        raise PermissionDenied(
            f"Readers have seen this {thing}, so only an editor can change its "
            f"{_listed(labels[field] for field in changed)}. Ask an editor to make the change."
        )
    meaningful = [field for field in changed if field in set(needs_note)]
    if meaningful and not note.strip():
        raise ValidationError(
            {
                "correction_note": f"Readers have seen this {thing}: changing its "
                f"{_listed(labels[field] for field in meaningful)} needs a correction note, shown to readers, "
                "saying what changed and why."
            },
            code="correction_note_required",
        )


def record_correction(
    *,
    editor: AbstractBaseUser | None,
    note: str,
    changes: Mapping[str, list],
    verdict: Verdict | None = None,
    statement: Statement | None = None,
    article: Article | None = None,
) -> Correction:
    """Save the public note for a change: what it corrects, what changed (field: [before, after]) and why."""
    correction = Correction(
        verdict=verdict, statement=statement, article=article, note=note.strip(), changes=dict(changes), editor=editor
    )
    correction.full_clean()
    correction.save()
    return correction


def _listed(names: Iterable[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
