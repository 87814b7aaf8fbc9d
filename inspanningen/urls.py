from django.urls import path

from inspanningen import views, views_samen

app_name = "inspanningen"

urlpatterns = [
    path("matrix/", views.matrix, name="matrix"),
    path("matrix/rondes/", views.rondes, name="rondes"),
    path("matrix/rondes/nieuw/", views.ronde_nieuw, name="ronde_nieuw"),
    path("matrix/vergelijk/", views.vergelijk, name="vergelijk"),
    path("matrix/<int:jaar>/", views.matrix, name="matrix_jaar"),
    path("matrix/<int:jaar>/bewerken/", views.matrix_bewerken, name="matrix_bewerken"),
    path("matrix/<int:jaar>/importeren/", views.importeren, name="importeren"),
    path("matrix/<int:jaar>/export.csv", views.export_csv, name="export_csv"),
    path("matrix/<int:jaar>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("matrix/<int:jaar>/status/<slug:actie>/", views.ronde_status, name="ronde_status"),
    path("matrix/<int:jaar>/verwijderen/", views.ronde_verwijderen, name="ronde_verwijderen"),
    path("matrix/<int:jaar>/scoren/", views_samen.scoren, name="scoren"),
    path("matrix/<int:jaar>/bespreking/", views_samen.bespreking, name="bespreking"),
    path("matrix/<int:jaar>/bespreking/aanvaarden/", views_samen.aanvaarden, name="aanvaarden"),
    path("matrix/<int:jaar>/instellingen/", views_samen.instellingen, name="instellingen"),
    path("matrix/<int:jaar>/verslag/", views_samen.verslag, name="verslag"),
    path("matrix/<int:jaar>/verslag.xlsx", views_samen.verslag_xlsx, name="verslag_xlsx"),
    path(
        "matrix/<int:jaar>/verslag/versturen/",
        views_samen.verslag_versturen,
        name="verslag_versturen",
    ),
    path(
        "matrix/<int:jaar>/score/<int:pk>/geschiedenis/", views.score_history, name="score_history"
    ),
    path("inspanningen/", views.inspanningen_lijst, name="lijst"),
    path("inspanningen/<int:nummer>/", views.inspanning_detail, name="detail"),
    path("inspanningen/<int:nummer>/bewerken/", views.dossier_bewerken, name="dossier_bewerken"),
    path("aanbevelingen/", views.aanbevelingen, name="aanbevelingen"),
    # The handover writes roles, so it lives here, beside the expert's own pages.
    path("experts/<slug:slug>/vertrek/", views.vertrek, name="vertrek"),
]
