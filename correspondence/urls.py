from django.urls import path

from . import views

app_name = "correspondence"
urlpatterns = [
    path("export.<str:fmt>", views.export_letters, name="export"),
    path("", views.LetterListView.as_view(), name="list"),
    path("<int:pk>/", views.LetterDetailView.as_view(), name="detail"),
]
