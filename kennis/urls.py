from django.urls import path

from kennis import views
from kennis.feeds import OpenbareKennis

app_name = "kennis"

urlpatterns = [
    path("kennis/", views.lijst, name="lijst"),
    path("kennis/nieuw/", views.nieuw, name="nieuw"),
    path("kennis/feed/", OpenbareKennis(), name="feed"),
    path("kennis/<slug:slug>/", views.detail, name="detail"),
    path("kennis/<slug:slug>/bewerken/", views.bewerken, name="bewerken"),
    path("kennis/<slug:slug>/bevestigen/", views.bevestigen, name="bevestigen"),
    path("kennis/<slug:slug>/archiveren/", views.archiveren, name="archiveren"),
    path("kennis/<slug:slug>/bestand/", views.bestand, name="bestand"),
    path("kennis/<slug:slug>/bestand/<int:versie>/", views.bestand, name="bestand_versie"),
]
