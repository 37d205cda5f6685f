"""The directives' list, export and pages (namespace "directives")."""

from django.urls import path

from . import views

app_name = "directives"
urlpatterns = [
    path("export.<str:fmt>", views.export_directives, name="export"),
    path("", views.DirectiveListView.as_view(), name="list"),
    path("<slug:slug>/", views.DirectiveDetailView.as_view(), name="detail"),
]
