"""Speakers and topics, saved through factcheck.people."""

from django.contrib import admin

from ..models import Speaker, Topic
from ..people import create_speaker, update_speaker, update_topic
from .safeguards import DeskHistoryAdmin, SeenByReadersMixin, ServiceForm, ServiceFormAdmin


class PublicAddressMixin(SeenByReadersMixin):
    """Once readers have seen the row, its web address is fixed: shown, not offered for typing."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and self.has_been_public(obj):
            fields.append("slug")
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and self.has_been_public(obj):
            return {}
        return super().get_prepopulated_fields(request, obj)


class SpeakerForm(ServiceForm):
    class Meta:
        model = Speaker
        fields = ["name", "slug", "role", "party"]


@admin.register(Speaker)
class SpeakerAdmin(ServiceFormAdmin, PublicAddressMixin, DeskHistoryAdmin):
    form = SpeakerForm
    list_display = ["name", "role", "party"]
    list_filter = ["party"]
    search_fields = ["name", "role", "party"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "role", "party", "opened_version"]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            form.instance = create_speaker(
                name=data["name"], slug=data["slug"], role=data["role"], party=data["party"], user=request.user
            )
            obj.pk = form.instance.pk
            return
        update_speaker(
            speaker=obj,
            user=request.user,
            name=data["name"],
            slug=data.get("slug", obj.slug),
            role=data["role"],
            party=data["party"],
            expected_version=data.get("opened_version"),
        )
        obj.refresh_from_db()


class TopicForm(ServiceForm):
    class Meta:
        model = Topic
        fields = ["name", "slug"]


@admin.register(Topic)
class TopicAdmin(ServiceFormAdmin, PublicAddressMixin, DeskHistoryAdmin):
    form = TopicForm
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "opened_version"]

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)  # a new topic has no rule beyond its fields'
        update_topic(
            topic=obj,
            user=request.user,
            name=form.cleaned_data["name"],
            slug=form.cleaned_data.get("slug", obj.slug),
            expected_version=form.cleaned_data.get("opened_version"),
        )
        obj.refresh_from_db()
