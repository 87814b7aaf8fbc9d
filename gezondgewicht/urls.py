from django.contrib import admin
from django.urls import include, path

from gezondgewicht import views

admin.site.site_header = "Beheer · Gezond Gewicht Drenthe"
admin.site.site_title = "Beheer Gezond Gewicht Drenthe"
admin.site.index_title = "Beheer"

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("inspanningen.urls")),
    path("", include("experts.urls")),
]
