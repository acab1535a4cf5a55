"""The admin's "Import articles" page: files, pasted text or a web address, through the import service.

The admin has no view for making several rows from uploaded files, so this is a
custom admin view, wired into ArticleAdmin by ArticleImportMixin (its URL, and the
button on the article list). Every file is imported on its own: one refused file
never stops or undoes the others.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, time

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from ..importing import ArticleImportError, ImportResult, Overrides, import_article, import_url

logger = logging.getLogger(__name__)


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
        required=False, max_length=200, help_text="Optional. Wins over the outlet found in the article."
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
        day = self.cleaned_data.get("published_on")
        published_at = timezone.make_aware(datetime.combine(day, time())) if day else None
        return Overrides(
            outlet=self.cleaned_data.get("outlet", "").strip(),
            published_at=published_at,
            source_url=self.cleaned_data.get("source_url", ""),
        )


@dataclass(frozen=True)
class ResultLine:
    """One line of the results: what was imported from where, or why not."""

    source: str
    status: str  # "imported", "duplicate" or "refused"
    message: str
    title: str = ""
    link: str = ""


class ArticleImportMixin:
    """Adds the import page to ArticleAdmin: its URL and the "Import articles" button on the list."""

    change_list_template = "admin/factcheck/article/change_list.html"

    def get_urls(self):
        urls = [path("import/", self.admin_site.admin_view(self.import_view), name="factcheck_article_import")]
        return urls + super().get_urls()

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        results: list[ResultLine] = []
        if request.method == "POST":
            form = ImportArticlesForm(request.POST, request.FILES)
            if form.is_valid():
                results = self._import_all(request, form)
                form = ImportArticlesForm(initial={"outlet": form.cleaned_data["outlet"]})
        else:
            form = ImportArticlesForm()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import articles",
            "form": form,
            "media": self.media + form.media,
            "results": results,
            "max_megabytes": f"{settings.PLEDGEBOOK_IMPORT_MAX_BYTES / (1024 * 1024):g}",
        }
        return TemplateResponse(request, "admin/factcheck/article/import.html", context)

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
        article = result.article
        link = reverse("admin:factcheck_article_change", args=[article.pk])
        if result.created:
            return ResultLine(source, "imported", f"{result.suggestions} statements suggested.", article.title, link)
        return ResultLine(source, "duplicate", "Already imported.", article.title, link)
