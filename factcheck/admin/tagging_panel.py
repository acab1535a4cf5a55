"""The article change page as a tagging desk: the highlighted body, the selection form, suggestions."""

from django.forms import Media

from ..models import Statement, Suggestion
from ..tagging import title_from_quote
from .highlighting import highlighted_body


class ArticleTaggingMixin:
    """Adds the tagging desk to ArticleAdmin's change page; the add page and the list are untouched."""

    change_form_template = "admin/factcheck/article/change_form.html"

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.statements.exists():
            # Statements point into the body by offset: editing it would move every quote.
            fields.append("body")
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        # The desk above shows the body: fold the raw text away below.
        return [
            (name, {**options, "classes": [*options.get("classes", []), "collapse"]})
            if "body" in options.get("fields", [])
            else (name, options)
            for name, options in fieldsets
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            statements = list(obj.statements.select_related("speaker").order_by("start", "end"))
            context["desk_body"] = highlighted_body(obj.body, statements)
            context["desk_statements"] = statements
            suggestions = list(obj.suggestions.filter(status=Suggestion.Status.PENDING))
            for suggestion in suggestions:
                suggestion.working_title = suggestion.title or title_from_quote(suggestion.quote)
            context["desk_suggestions"] = suggestions
            statement_admin = self.admin_site._registry[Statement]
            if statement_admin.has_add_permission(request):
                tag_form = statement_admin.get_form(request)(
                    initial={"article": obj.pk, "return_to_article": True}, auto_id="tag_%s"
                )
                context["desk_tag_form"] = tag_form
                context["media"] = context["media"] + Media(js=["factcheck/desk.js"])
            context["media"] = context["media"] + Media(css={"all": ["factcheck/desk.css"]})
        return super().render_change_form(request, context, add, change, form_url, obj)
