from django.urls import path

from . import views

app_name = "grants"
urlpatterns = [
    path("export.<str:fmt>", views.export_awards, name="export"),
    path("", views.AwardFigureListView.as_view(), name="list"),
]
