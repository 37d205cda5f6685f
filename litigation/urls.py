from django.urls import path

from . import views

app_name = "litigation"
urlpatterns = [
    path("export.<str:fmt>", views.export_cases, name="export"),
    path("", views.CaseListView.as_view(), name="list"),
    path("<slug:slug>/", views.CaseDetailView.as_view(), name="detail"),
]
