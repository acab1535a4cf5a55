from django.urls import path

from . import views

app_name = "factcheck"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("statements/<slug:slug>/", views.StatementDetailView.as_view(), name="statement_detail"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("speakers/<slug:slug>/", views.SpeakerDetailView.as_view(), name="speaker_detail"),
]
