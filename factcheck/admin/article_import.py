"""The admin's "Import articles" page: files, pasted text or a web address, through the import service.

The admin has no view for making several rows from uploaded files, so this is a
custom admin view, wired into ArticleAdmin by ArticleImportMixin (its URL, and the
button on the article list). Every file is imported on its own: one refused file
never stops or undoes the others.
"""

import logging
import secrets
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date, datetime, time

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpResponseRedirect
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import dateformat, timezone

from ..concurrency import person
from ..importing import (
    ArticleImportError,
    ImportResult,
    Overrides,
    complete_article_details,
    import_article,
    import_url,
)
from ..models import Article, Outlet

logger = logging.getLogger(__name__)

# How the results name each outcome, in the order the summary counts them.
STATUS_WORDS = {"imported": "imported", "duplicate": "already imported", "refused": "refused"}
# The outlet fields offer the names already known, so that "BBC" is not typed for "BBC News".
KNOWN_OUTLETS_LISTED = 500


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Any number of files. Empty or odd files are not refused here: the import service refuses each on its own."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.text,.html,.htm"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [upload for upload in files if isinstance(upload, UploadedFile)]


class ImportArticlesForm(forms.Form):
    files = MultipleFileField(
        required=False,
        label="Files",
        help_text="One or more articles saved as plain text (.txt) or web pages (.html, .htm).",
    )
    text = forms.CharField(
        required=False,
        label="Or paste an article",
        widget=forms.Textarea(attrs={"rows": 8, "cols": 80}),
        strip=False,
        help_text="The headline on the first line, then the article.",
    )
    url = forms.URLField(
        required=False,
        label="Or a web address",
        assume_scheme="https",
        help_text="The page is fetched now and imported like a saved web page.",
    )
    outlet = forms.CharField(
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"list": "known-outlets"}),
        help_text="Optional. Wins over the outlet found in the article.",
    )
    published_on = forms.DateField(
        required=False,
        label="Published on",
        widget=AdminDateWidget,
        help_text="Optional. Wins over the date found in the article.",
    )
    source_url = forms.URLField(
        required=False,
        label="Source URL",
        assume_scheme="https",
        max_length=2000,
        help_text="Optional. Where the article was published; wins over a fetched page's address.",
    )

    def clean(self):
        cleaned = super().clean()
        given = cleaned.get("files") or (cleaned.get("text") or "").strip() or cleaned.get("url")
        if not given and not self.errors:
            raise forms.ValidationError("Choose files, paste an article or give a web address.")
        return cleaned

    def source_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("files", "text", "url")]

    def metadata_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("outlet", "published_on", "source_url")]

    def overrides(self) -> Overrides:
        return Overrides(
            outlet=self.cleaned_data.get("outlet", "").strip(),
            published_at=_midnight(self.cleaned_data.get("published_on")),
            source_url=self.cleaned_data.get("source_url", ""),
        )


@dataclass(frozen=True)
class ResultLine:
    """One file's outcome: what was imported from where, or why not. Kept in the session between pages."""

    source: str
    status: str  # "imported", "duplicate" or "refused"
    message: str = ""
    article_id: int | None = None
    suggestions: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


class ArticleDetailsForm(forms.Form):
    """The outlet and date of one imported article that lacks them, given on the results line."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput)
    outlet = forms.CharField(required=False, max_length=200)
    published_on = forms.DateField(required=False, widget=AdminDateWidget)

    def __init__(self, *args, article: Article, **kwargs):
        super().__init__(*args, prefix=f"article-{article.pk}", initial={"opened_version": article.version}, **kwargs)
        self.article = article
        if article.outlet_id:
            del self.fields["outlet"]
        else:
            self.fields["outlet"].widget.attrs.update(
                {"aria-label": f"Outlet of “{article.title}”", "list": "known-outlets", "size": 18}
            )
        if article.published_at:
            del self.fields["published_on"]
        else:
            self.fields["published_on"].widget.attrs.update({"aria-label": f"Publication date of “{article.title}”"})

    def given(self) -> bool:
        return bool(self.given_details())

    def given_details(self) -> str:
        """What was typed, in words: "outlet", "publication date", "outlet and publication date" or ""."""
        given = [
            label
            for name, label in (("outlet", "outlet"), ("published_on", "publication date"))
            if str(self.cleaned_data.get(name) or "").strip()
        ]
        return " and ".join(given)

    def save(self, user) -> Article:
        """Hand what was typed to the import service, which owns the rules; its refusal goes on this form."""
        try:
            return complete_article_details(
                article=self.article,
                user=user,
                outlet_name=self.cleaned_data.get("outlet", ""),
                published_at=_midnight(self.cleaned_data.get("published_on")),
                expected_version=self.cleaned_data["opened_version"],
            )
        except ValidationError as error:
            for field, errors in getattr(error, "error_dict", {None: error.error_list}).items():
                field = {"published_at": "published_on"}.get(field, field)
                self.add_error(field if field in self.fields else None, errors)
        except PermissionDenied as error:
            self.add_error(None, str(error) or "You do not have permission to change this article.")
        return self.article


@dataclass
class ResultRow:
    """A results line as shown: the file's outcome, its article as it is now, and fields for what it lacks."""

    line: ResultLine
    article: Article | None = None
    form: ArticleDetailsForm | None = None

    @property
    def note(self) -> str:
        if self.line.status == "refused":
            return self.line.message
        if self.article is None:
            return "The article has since been deleted."
        if self.line.status == "imported":
            count = self.line.suggestions
            return f"{count or 'No'} statement{pluralize(count)} suggested"
        imported = dateformat.format(timezone.localtime(self.article.imported_at), "j M Y")
        by = f" by {person(self.article.imported_by)}" if self.article.imported_by else ""
        return f"Imported on {imported}{by}"


class ImportBatches:
    """The results of an editor's recent imports, in their session, so the results page can be reloaded."""

    KEY = "factcheck_article_imports"
    KEPT = 10

    def __init__(self, session):
        self.session = session

    def add(self, lines: list[ResultLine], *, outlet: str) -> str:
        batches = dict(self.session.get(self.KEY, {}))
        token = secrets.token_urlsafe(9)
        batches[token] = {"lines": [line.as_dict() for line in lines], "outlet": outlet}
        self.session[self.KEY] = dict(list(batches.items())[-self.KEPT :])
        return token

    def get(self, token: str) -> tuple[list[ResultLine], str] | None:
        batch = self.session.get(self.KEY, {}).get(token)
        if batch is None:
            return None
        return [ResultLine(**line) for line in batch["lines"]], batch["outlet"]


class ArticleImportMixin:
    """Adds the import page to ArticleAdmin: its URL and the "Import articles" button on the list."""

    change_list_template = "admin/factcheck/article/change_list.html"

    def get_urls(self):
        urls = [path("import/", self.admin_site.admin_view(self.import_view), name="factcheck_article_import")]
        return urls + super().get_urls()

    def import_view(self, request):
        """Import, then show the results (post, redirect, get); each results line can take its outlet and date."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        batches = ImportBatches(request.session)
        token = request.GET.get("batch", "")
        batch = batches.get(token) if token else None
        if token and batch is None:
            self.message_user(
                request, "Those import results are no longer kept; the articles are in the list.", messages.WARNING
            )
        lines, outlet = batch or ([], "")
        form = ImportArticlesForm(initial={"outlet": outlet})
        if request.method == "POST" and request.POST.get("action") == "details":
            if batch is None:
                return HttpResponseRedirect(request.path)
            rows = self._rows(request, lines, data=request.POST)
            if self._save_details(request, rows):
                return HttpResponseRedirect(request.get_full_path())
            rows = self._rows(request, lines, refused=rows)
        else:
            if request.method == "POST":
                form = ImportArticlesForm(request.POST, request.FILES)
                if form.is_valid():
                    lines = self._import_all(request, form)
                    token = batches.add(lines, outlet=form.cleaned_data["outlet"])
                    return HttpResponseRedirect(f"{request.path}?batch={token}")
            rows = self._rows(request, lines)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import articles",
            "form": form,
            "media": self.media + form.media,
            "rows": rows,
            "summary": _summary([row.line for row in rows]),
            "details_wanted": sum(row.form is not None for row in rows),
            "known_outlets": Outlet.objects.order_by("name").values_list("name", flat=True)[:KNOWN_OUTLETS_LISTED],
            "max_megabytes": f"{settings.PLEDGEBOOK_IMPORT_MAX_BYTES / (1024 * 1024):g}",
        }
        return TemplateResponse(request, "admin/factcheck/article/import.html", context)

    def _rows(self, request, lines: list[ResultLine], *, data=None, refused: list[ResultRow] = ()) -> list[ResultRow]:
        """The results lines with their articles as they are now; fields where an article lacks outlet or date.

        `data`: the fields as sent. `refused`: rows just saved; a form the service refused is kept,
        with what was typed and why.
        """
        ids = [line.article_id for line in lines if line.article_id]
        articles = Article.objects.select_related("outlet", "imported_by").in_bulk(ids)
        kept = {row.article.pk: row.form for row in refused if row.form is not None and row.form.errors}
        rows = []
        offered = set()  # a file imported twice in one batch is one article: its fields go on the first line
        for line in lines:
            article = articles.get(line.article_id)
            form = None
            wanted = article is not None and (not article.outlet_id or not article.published_at)
            if wanted and article.pk not in offered and self.has_change_permission(request, article):
                form = kept.get(article.pk) or ArticleDetailsForm(data, article=article)
                offered.add(article.pk)
            rows.append(ResultRow(line, article, form))
        return rows

    def _save_details(self, request, rows: list[ResultRow]) -> bool:
        """Save each results line's outlet and date through the service; True if every one was saved."""
        saved, refused = [], 0
        for row in rows:
            if row.form is None:
                continue
            if not row.form.is_valid():
                refused += 1
            elif row.form.given():
                row.form.save(request.user)
                if row.form.errors:
                    refused += 1
                else:
                    saved.append(row.form)
        for form in saved:
            self.message_user(request, f"Saved the {form.given_details()} of “{form.article.title}”.", messages.SUCCESS)
        if refused:
            self.message_user(
                request, f"{refused} article{pluralize(refused)} could not be saved: see below.", messages.ERROR
            )
        elif not saved:
            self.message_user(request, "Nothing to save: type an outlet or choose a date first.", messages.WARNING)
        return not refused

    def _import_all(self, request, form: ImportArticlesForm) -> list[ResultLine]:
        common = {"overrides": form.overrides(), "imported_by": request.user}
        # Read one byte past the limit: enough for the service to refuse a file that is too large.
        limit = settings.PLEDGEBOOK_IMPORT_MAX_BYTES
        results = [
            self._run(upload.name, import_article, data=upload.read(limit + 1), filename=upload.name, **common)
            for upload in form.cleaned_data["files"]
        ]
        if (text := form.cleaned_data["text"]).strip():
            results.append(
                self._run("Pasted text", import_article, data=text.encode("utf-8"), filename="pasted.txt", **common)
            )
        if url := form.cleaned_data["url"]:
            results.append(self._run(url, import_url, url=url, **common))
        return results

    def _run(self, source: str, service, **kwargs) -> ResultLine:
        try:
            result: ImportResult = service(**kwargs)
        except ArticleImportError as error:
            return ResultLine(source, "refused", str(error))
        except Exception:  # one file's unexpected failure must not stop the batch; it is logged in full
            logger.exception("import of %s failed", source)
            return ResultLine(source, "refused", "An unexpected error stopped this file; it has been logged.")
        status = "imported" if result.created else "duplicate"
        return ResultLine(source, status, article_id=result.article.pk, suggestions=result.suggestions)


def _midnight(day: date | None) -> datetime | None:
    """A publication date as the desk stores one without a time: midnight, local time."""
    return timezone.make_aware(datetime.combine(day, time())) if day else None


def _summary(lines: list[ResultLine]) -> str:
    """ "3 files: 2 imported, 1 refused." for a batch of several; nothing for one file, whose line says it all."""
    if len(lines) < 2:
        return ""
    counts = Counter(line.status for line in lines)
    parts = [f"{counts[status]} {label}" for status, label in STATUS_WORDS.items() if counts[status]]
    return f"{len(lines)} files: {', '.join(parts)}."
