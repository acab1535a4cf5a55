"""What every desk ModelAdmin for versioned, audited rows shares.

- The form carries the version it was opened at; saving over a newer save is refused.
- History is visible (django-simple-history) but never used to revert: a revert would
  bypass corrections, publishing and the version check.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from ..concurrency import changed_since_message, current_version


class VersionCheckedForm(forms.ModelForm):
    """A ModelForm that refuses to save if the row changed since the form was opened."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["opened_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            # Locks the row until the admin's transaction ends, so no save slips in after the check.
            now = current_version(type(self.instance), self.instance.pk)
            if cleaned.get("opened_version") != now:
                raise ValidationError(changed_since_message(self.instance), code="stale")
        return cleaned


class DeskHistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin with the history visible and reverting turned off."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            self.message_user(
                request,
                "Old versions can be read but not restored: edit the current version instead.",
                messages.ERROR,
            )
            return HttpResponseRedirect(request.path)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        self.bump_version(obj, form, change)
        super().save_model(request, obj, form, change)

    def bump_version(self, obj, form, change) -> None:
        """The row's next version, counted from the one the editor opened (checked in the form)."""
        if change and "opened_version" in form.cleaned_data:
            obj.version = form.cleaned_data["opened_version"] + 1

    def change_url(self, obj) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


class ProtectedDeletionMixin:
    """Refuse to delete rows readers have seen, with a message, on the single and the bulk delete."""

    def deletion_refusal(self, obj) -> str:
        """Why `obj` may not be deleted, or "" if it may."""
        return ""

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self.deletion_refusal(obj):
            return False
        return super().has_delete_permission(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None:
            refusal = self.deletion_refusal(obj)
            if not refusal and not super().has_delete_permission(request, obj):
                refusal = f"You do not have permission to delete this {self.model._meta.verbose_name}."
            if refusal:
                self.message_user(request, refusal, messages.ERROR)
                return HttpResponseRedirect(self.change_url(obj))
        return super().delete_view(request, object_id, extra_context)

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        refusals = [refusal for refusal in map(self.deletion_refusal, objs) if refusal]
        if refusals:
            # has_delete_permission() says no for these rows; the refusal says why, better than "no permission".
            perms_needed = perms_needed - {self.model._meta.verbose_name}
        return deleted, model_count, perms_needed, [*protected, *refusals]
