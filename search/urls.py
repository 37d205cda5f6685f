from django.urls import path

from . import views

app_name = "search"
urlpatterns = [
    path("", views.SearchView.as_view(), name="list"),
    path("export.<str:fmt>", views.export_results, name="export"),
]
