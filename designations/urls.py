from django.urls import path

from . import views

app_name = "designations"
urlpatterns = [
    path("export.<str:fmt>", views.export_listings, name="export"),
    path("", views.ListingListView.as_view(), name="list"),
    path("<slug:slug>/", views.DesignationDetailView.as_view(), name="detail"),
]
