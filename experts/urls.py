from django.urls import path

from experts import views

app_name = "experts"

urlpatterns = [
    path("experts/", views.zoeken, name="zoeken"),
    path("experts/export.csv", views.export_csv, name="export"),
    path("experts/actualiteit/", views.actualiteit, name="actualiteit"),
    path("experts/actualiteit/herinneren/", views.herinneren, name="herinneren"),
    path("experts/<slug:slug>/", views.detail, name="detail"),
    path("experts/<slug:slug>/contact.vcf", views.vcard, name="vcard"),
    path("experts/<slug:slug>/bewerken/", views.bewerken, name="bewerken"),
    path("mijn-profiel/", views.mijn_profiel, name="mijn_profiel"),
    path("mijn-profiel/bevestigen/", views.bevestigen, name="bevestigen"),
    path("mijn-profiel/verwijderen/", views.verwijderen, name="verwijderen"),
    path("organisaties/", views.organisaties, name="organisaties"),
    path("organisaties/<slug:slug>/", views.organisatie, name="organisatie"),
]
