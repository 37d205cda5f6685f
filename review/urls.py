"""The jurisdictions' list, export and status pages (namespace "jurisdictions")."""

from django.urls import path

from . import views

app_name = "jurisdictions"
urlpatterns = [
    path("export.<str:fmt>", views.export_jurisdictions, name="export"),
    path("", views.JurisdictionListView.as_view(), name="list"),
    path("<slug:slug>/", views.JurisdictionDetailView.as_view(), name="detail"),
]
