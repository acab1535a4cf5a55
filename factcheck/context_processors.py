from django.conf import settings


def newsroom(request):
    """The newsroom's name and address, for every template."""
    return {"newsroom_name": settings.PLEDGEBOOK_NEWSROOM_NAME, "site_url": settings.PLEDGEBOOK_SITE_URL}
