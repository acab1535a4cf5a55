"""What every desk ModelAdmin shares: saves go through the services, and their refusals show on the form.

- A form only collects input; the admin hands it to a service (factcheck.tagging, publishing,
  importing, people), which checks every rule and writes. When the service refuses, the whole
  save is rolled back and the same form is shown again with what was typed and the service's
  message on the field it concerns (`ServiceFormAdmin`).
- The form carries the version it was opened at, for the service's check against a newer save.
- History is visible (django-simple-history) but never used to revert: a revert would bypass
  corrections, publishing and the version check.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from ..concurrency import StaleVersionError, changes_since
from ..public_record import is_editor


class ServiceForm(forms.ModelForm):
    """A ModelForm that collects input for a service, with the version it was opened at.

    `refusal` is the service's ValidationError from a first attempt at saving (ServiceFormAdmin
    sets it): it is added to the form, keyed by field where the form has that field.
    """

    opened_version = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        error_messages={"required": "This form lost the version it was opened at: reload the page, then try again."},
    )
    refusal: ValidationError | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and hasattr(self.instance, "version"):
            self.fields["opened_version"].initial = self.instance.version
            self.fields["opened_version"].required = True

    def clean(self):
        cleaned = super().clean()
        if isinstance(self.refusal, StaleVersionError):
            # Their save stands. The form now stands on their version: what they changed and this
            # editor did not is taken into it, and what this editor typed stays, so saving again
            # applies this editor's changes on top of theirs and undoes nothing of theirs.
            opened = cleaned.get("opened_version")
            self.data = self.data.copy()
            self.data["opened_version"] = self.refusal.version
            kept = self._take_their_changes(opened) if opened is not None else []
            message = "Not saved yet: someone else saved first (see above)."
            if kept:
                message += f" Their changes to {', '.join(kept)} are in the form with yours."
            self.add_error(None, message + " Save again to apply yours on top of theirs.")
        elif self.refusal is not None:
            if hasattr(self.refusal, "error_dict"):
                for field, errors in self.refusal.error_dict.items():
                    self.add_error(field if field in self.fields else None, errors)
            else:
                self.add_error(None, self.refusal)
        return cleaned

    def _take_their_changes(self, opened: int) -> list[str]:
        """Put into the form each field another editor changed since `opened` and this editor left as
        it was then; the labels of those fields. The row as saved now is `self.instance`."""
        base = self.instance.history.filter(version=opened).order_by("-history_date", "-history_id").first()
        if base is None:
            return []
        kept = []
        for field in self.instance._meta.concrete_fields:
            if field.name not in self.fields or field.name not in self.cleaned_data or not hasattr(base, field.attname):
                continue
            mine = self.cleaned_data[field.name]
            mine = getattr(mine, "pk", mine)
            then, now = getattr(base, field.attname), getattr(self.instance, field.attname)
            if mine == then and now != then:
                self.data[field.name] = "" if now is None else now
                kept.append(str(self.fields[field.name].label or field.verbose_name).lower())
        return kept


class ServiceFormAdmin:
    """Shows a service's refusal on the form instead of a server error, keeping everything typed.

    The admin saves inside one transaction; a ValidationError or PermissionDenied from the
    service (in save_form, save_model or save_related) rolls it back, and the view runs once
    more with the refusal handed to the form, which then fails validation with that message.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (ValidationError, PermissionDenied) as error:
            if request.method != "POST" or hasattr(request, "service_refusal"):
                raise
            if isinstance(error, PermissionDenied):
                error = ValidationError(str(error) or "You do not have permission to make this change.")
            request.service_refusal = error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        refusal = getattr(request, "service_refusal", None)
        if refusal is not None:
            form = type(form.__name__, (form,), {"refusal": refusal})
        return form

    def save_related(self, request, form, formsets, change):
        """The services save many-to-many fields and related rows themselves."""

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk and request.method == "POST":
            # The heading and breadcrumbs name the row as saved, not as typed in a refused form.
            saved = type(obj)._default_manager.get(pk=obj.pk)
            context.update(original=saved, subtitle=str(saved))
            refusal = getattr(request, "service_refusal", None)
            if isinstance(refusal, StaleVersionError):
                try:
                    opened = int(request.POST.get("opened_version", ""))
                except ValueError:
                    opened = None
                # "Changed by X at HH:MM since you opened it.", without the advice to reload: the box says what to do.
                headline = " ".join(refusal.messages).split(" since you opened it")[0] + " since you opened it."
                context["conflict"] = {
                    "headline": headline,
                    "changes": changes_since(saved, opened) if opened is not None else [],
                }
        return super().render_change_form(request, context, add, change, form_url, obj)


class SeenByReadersMixin:
    """Rows readers have seen are read-only to fact-checkers; the services refuse them too.

    `has_been_public(obj)` says whether readers have seen the row; editors may still change it,
    through the service, which asks for a correction note where the change alters meaning.
    """

    def has_been_public(self, obj) -> bool:
        return obj.has_been_public()

    def has_change_permission(self, request, obj=None):
        if obj is not None and not is_editor(request.user) and self.has_been_public(obj):
            return False
        return super().has_change_permission(request, obj)


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
