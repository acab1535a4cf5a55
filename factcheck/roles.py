"""The desk's two roles and what each may do, applied by a data migration."""

FACT_CHECKER = "Fact-checker"
EDITOR = "Editor"

_FACT_CHECKER_PERMISSIONS = [
    "add_article",
    "change_article",
    "view_article",
    "view_outlet",
    "add_outlet",
    "add_speaker",
    "change_speaker",
    "view_speaker",
    "add_topic",
    "view_topic",
    "add_statement",
    "change_statement",
    # Only statements that have never been public: tagging.delete_statement refuses the others.
    "delete_statement",
    "view_statement",
    "add_verdict",
    "change_verdict",
    "view_verdict",
    "add_source",
    "change_source",
    "delete_source",
    "view_source",
    "view_correction",
    "change_suggestion",
    "view_suggestion",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    FACT_CHECKER: _FACT_CHECKER_PERMISSIONS,
    EDITOR: [
        *_FACT_CHECKER_PERMISSIONS,
        "change_outlet",
        "change_topic",
        "delete_verdict",
        "add_correction",
        "publish_verdict",
    ],
}


def apply_roles(*, group_model, permission_model) -> None:
    """Create or update the desk's groups with exactly their permissions.

    Takes the models as arguments so the data migration can pass its historical
    models and tests can pass the real ones (a flushed test database loses groups).
    """
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=name)
        permissions = permission_model.objects.filter(content_type__app_label="factcheck", codename__in=codenames)
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Unknown permissions for {name}: {sorted(missing)}")
        group.permissions.set(permissions)
