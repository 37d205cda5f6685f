from django.urls import path

from . import views

app_name = "litigation"
urlpatterns = [
    path("<slug:slug>/", views.CaseDetailView.as_view(), name="detail"),
]
