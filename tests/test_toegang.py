"""Every URL pattern, for every role: the status a GET gets. A URL pattern without an entry
here fails the test, so a new page cannot ship without deciding who may see it.
The rules in words are in docs/toegang.md."""

from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import Uitnodiging
from experts.models import Expert
from inspanningen.models import Beoordeling, Inspanning, Ronde, Score, VerslagVerzending
from kennis.models import Bestand
from tests.conftest import recent_ingelogd
from tests.factories import BetrokkenheidFactory, ExpertFactory, KennisitemFactory

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ROLLEN = ("anoniem", "professional", "eigen_profiel", "stuurgroep", "coordinator", "superuser")
INGELOGD = ROLLEN[1:]


def iedereen(status: int) -> dict:
    return dict.fromkeys(ROLLEN, status)


def na_inloggen(status: int, **uitzonderingen) -> dict:
    """Visitors are sent to the login page (302); logged-in users get `status`."""
    return {**iedereen(status), "anoniem": 302, **uitzonderingen}


def alleen(*rollen: str, anders: int = 403) -> dict:
    return {r: (200 if r in rollen else 302 if r == "anoniem" else anders) for r in ROLLEN}


COORDINATOR = ("coordinator", "superuser")


def met_mfa(status: int, *, zonder: int) -> dict:
    """Logged-in users with two-factor authentication get `status`, those without `zonder`."""
    return na_inloggen(status, professional=zonder, eigen_profiel=zonder)


@dataclass
class Toegang:
    args: object  # a function (ctx, rol) -> list of URL arguments, or a list
    status: dict


def _args(toegang: Toegang, ctx, rol):
    return toegang.args(ctx, rol) if callable(toegang.args) else toegang.args


def _slug(ctx, rol):
    """'Professional on their own profile' asks for their own; every other role for someone
    else's."""
    return [ctx.eigen.slug if rol == "eigen_profiel" else ctx.ander.slug]


TOEGANG = {
    # Public pages
    "home": Toegang([], iedereen(200)),
    "privacy": Toegang([], iedereen(200)),
    "toegankelijkheid": Toegang([], iedereen(200)),
    "gezond": Toegang([], iedereen(200)),
    "set_language": Toegang([], iedereen(302)),  # a POST; a GET only goes back
    "inspanningen:matrix": Toegang([], iedereen(200)),
    "inspanningen:rondes": Toegang([], iedereen(200)),
    "inspanningen:vergelijk": Toegang([], iedereen(200)),
    "inspanningen:lijst": Toegang([], iedereen(200)),
    "inspanningen:detail": Toegang([3], iedereen(200)),
    "inspanningen:aanbevelingen": Toegang([], iedereen(200)),
    "experts:organisaties": Toegang([], iedereen(200)),
    "experts:organisatie": Toegang(lambda c, r: [c.ander.organisatie.slug], iedereen(200)),
    # Kennisbank: public items for everyone, network items after logging in (c.item is one)
    "kennis:lijst": Toegang([], iedereen(200)),
    "kennis:feed": Toegang([], iedereen(200)),
    "kennis:nieuw": Toegang([], na_inloggen(200)),
    "kennis:detail": Toegang(lambda c, r: [c.item.slug], na_inloggen(200)),
    "kennis:bestand": Toegang(lambda c, r: [c.item.slug], na_inloggen(200)),
    "kennis:bestand_versie": Toegang(lambda c, r: [c.item.slug, 1], na_inloggen(200)),
    # Edit and archive: its owner (the professional here) and the coordinator; the stuurgroep
    # edits it because it is linked to an inspanning, but does not archive it
    "kennis:bewerken": Toegang(
        lambda c, r: [c.item.slug],
        alleen("professional", "eigen_profiel", "stuurgroep", *COORDINATOR),
    ),
    "kennis:archiveren": Toegang(
        lambda c, r: [c.item.slug], alleen("professional", "eigen_profiel", *COORDINATOR)
    ),
    "kennis:bevestigen": Toegang(lambda c, r: [c.item.slug], iedereen(405)),  # a POST only
    "inspanningen:dossier_bewerken": Toegang([3], alleen(*COORDINATOR)),
    # A round that is not finalised needs a login (the finalised 2025 round is public)
    "inspanningen:matrix_jaar": Toegang([2026], na_inloggen(200)),
    "inspanningen:export_csv": Toegang([2026], na_inloggen(200)),
    "inspanningen:export_xlsx": Toegang([2026], na_inloggen(200)),
    "inspanningen:score_history": Toegang(lambda c, r: [2026, c.score.pk], na_inloggen(200)),
    # Editing the matrix: the coordinator in any round not finalised, the stuurgroep in open ones
    "inspanningen:matrix_bewerken": Toegang([2026], alleen("stuurgroep", *COORDINATOR)),
    "inspanningen:importeren": Toegang([2026], alleen(*COORDINATOR)),
    "inspanningen:ronde_status": Toegang([2026, "vaststellen"], alleen(*COORDINATOR)),
    "inspanningen:ronde_nieuw": Toegang([], iedereen(302)),  # a POST; a GET goes to Rondes
    # Samen beoordelen: 2027 is a joint round open for scoring, 2024 a finalised one (ctx).
    # Members score; they and the coordinator follow the meeting; the report is for the
    # logged-in, as the individual scores are personal data
    "inspanningen:scoren": Toegang([2027], alleen("stuurgroep")),
    "inspanningen:bespreking": Toegang([2027], alleen("stuurgroep", *COORDINATOR)),
    "inspanningen:aanvaarden": Toegang(  # a POST; a GET goes back to the meeting
        [2027],
        alleen("stuurgroep", *COORDINATOR)
        | {"stuurgroep": 302, "coordinator": 302, "superuser": 302},
    ),
    "inspanningen:instellingen": Toegang([2027], alleen(*COORDINATOR)),
    "inspanningen:verslag": Toegang([2024], na_inloggen(200)),
    "inspanningen:verslag_xlsx": Toegang([2024], na_inloggen(200)),
    "inspanningen:verslag_versturen": Toegang([2024], alleen(*COORDINATOR)),  # confirm first
    # Deleting a round: the confirmation page (2026 is open, so it says it cannot be deleted)
    "inspanningen:ronde_verwijderen": Toegang([2026], alleen(*COORDINATOR)),
    # Wie weet wat
    "experts:zoeken": Toegang([], na_inloggen(200)),
    "experts:detail": Toegang(_slug, na_inloggen(200)),
    "experts:vcard": Toegang(_slug, na_inloggen(200)),  # the contact card: as the contact details
    "experts:bewerken": Toegang(_slug, alleen("eigen_profiel", *COORDINATOR)),
    "inspanningen:vertrek": Toegang(_slug, alleen("eigen_profiel", *COORDINATOR)),
    "experts:export": Toegang([], alleen(*COORDINATOR)),
    "experts:actualiteit": Toegang([], alleen(*COORDINATOR)),
    "experts:herinneren": Toegang([], iedereen(405)),  # a POST only ('Herinner nu')
    "experts:mijn_profiel": Toegang([], na_inloggen(200)),
    "experts:bevestigen": Toegang([], na_inloggen(405)),  # a POST only
    "mijn_gegevens": Toegang([], na_inloggen(200)),
    # Deleting your own profile: the confirmation page; without a profile, back to Mijn profiel
    "experts:verwijderen": Toegang([], na_inloggen(302, professional=200, eigen_profiel=200)),
    # Invitations
    "accounts:uitnodigingen": Toegang([], alleen(*COORDINATOR)),
    "accounts:intrekken": Toegang(lambda c, r: [c.uitnodiging.pk], iedereen(405)),
    "accounts:uitnodiging": Toegang(lambda c, r: [c.token], iedereen(302)),
    # Roles: the coordinator, after giving the password again (recent here)
    "accounts:rollen": Toegang([], alleen(*COORDINATOR)),
    # One's own account: the language of e-mails and which optional messages one gets
    "accounts:mijn_account": Toegang([], na_inloggen(200)),
    # allauth: logging in and out, sign-up, passwords, e-mail, two-factor authentication
    "account_login": Toegang([], {**iedereen(302), "anoniem": 200}),
    "account_signup": Toegang([], {**iedereen(302), "anoniem": 200}),
    "account_logout": Toegang([], na_inloggen(200)),
    "account_inactive": Toegang([], iedereen(200)),
    "account_reauthenticate": Toegang([], na_inloggen(200)),
    "account_email": Toegang([], na_inloggen(200)),
    "account_email_verification_sent": Toegang([], iedereen(200)),
    "account_change_password": Toegang([], na_inloggen(200)),
    "account_set_password": Toegang([], na_inloggen(302)),  # they have a password: change it
    "account_reset_password": Toegang([], iedereen(200)),
    "account_reset_password_done": Toegang([], iedereen(200)),
    "account_reset_password_from_key": Toegang(["1", "onzin"], iedereen(200)),
    "account_reset_password_from_key_done": Toegang([], iedereen(200)),
    "account_confirm_email": Toegang(["onzin"], iedereen(200)),
    "account_confirm_login_code": Toegang([], iedereen(302)),
    "mfa_index": Toegang([], na_inloggen(200)),
    "mfa_authenticate": Toegang([], iedereen(302)),
    # Two-factor pages are allauth's, each about the user's own authenticators: the fixture's
    # stuurgroep, coordinator and superuser have TOTP with recovery codes, the professionals
    # have none (so there is nothing to show or turn off: 404; activating is offered).
    "mfa_reauthenticate": Toegang([], met_mfa(200, zonder=302)),
    "mfa_activate_totp": Toegang([], met_mfa(302, zonder=200)),
    "mfa_deactivate_totp": Toegang([], met_mfa(200, zonder=404)),
    "mfa_view_recovery_codes": Toegang([], met_mfa(200, zonder=404)),
    "mfa_generate_recovery_codes": Toegang([], met_mfa(200, zonder=200)),
    "mfa_download_recovery_codes": Toegang([], met_mfa(200, zonder=404)),
}


def url_namen(patterns=None, ns=None):
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            binnen = ":".join(x for x in (ns, p.namespace) if x) or None
            yield from url_namen(p.url_patterns, binnen)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{ns}:{p.name}" if ns else p.name


# The admin is for staff (coordinator and superuser here); everyone else is sent to the login
# page. Per model, Django's permissions as accounts/roles.py gives them to each role decide,
# with rules of our own: a finalised round and its scores cannot be changed or deleted, a
# knowledge item is never deleted (it is archived), and invitations are neither added nor
# changed in the admin (the page Uitnodigen does that).
STAFF = ("coordinator", "superuser")
ALLEEN_LEZEN = {
    "accounts.uitnodiging": {"add", "change"},
    "kennis.kennisitem": {"delete"},
    "inspanningen.beoordeling": {"add", "change", "delete"},  # a member's own score
    "inspanningen.verslagverzending": {"add", "change", "delete"},  # a record of a sending
}


def _model_status(rol: str, user, model, actie: str, obj) -> int:
    if rol not in STAFF:
        return 302
    label = model._meta.label_lower
    app, naam = label.split(".")

    def mag(a):
        return user.has_perm(f"{app}.{a}_{naam}")

    vastgesteld = getattr(obj, "is_vastgesteld", False) or getattr(
        getattr(obj, "ronde", None), "is_vastgesteld", False
    )
    if actie == "add":
        return 200 if mag("add") and "add" not in ALLEEN_LEZEN.get(label, ()) else 403
    if actie == "delete":
        verboden = vastgesteld or "delete" in ALLEEN_LEZEN.get(label, ())
        return 200 if mag("delete") and not verboden else 403
    # changelist, change, history and one historical version: read-only with view permission
    return 200 if mag("view") or mag("change") else 403


def admin_toegang(ctx) -> dict[str, Toegang]:
    """An entry for every admin URL: per model and per site-wide page."""
    toegang = {}
    for model in admin.site._registry:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        obj = ctx.objecten[model]
        for actie in ("changelist", "add", "change", "delete", "history", "simple_history"):
            args = [] if actie in ("changelist", "add") else [obj.pk]
            if actie == "simple_history":
                if not isinstance(admin.site._registry[model], SimpleHistoryAdmin):
                    continue
                args = [obj.pk, obj.history.first().history_id]
            toegang[f"{info}_{actie}"] = Toegang(
                args,
                {r: _model_status(r, ctx.users.get(r), model, actie, obj) for r in ROLLEN},
            )
    staff = {r: (200 if r in STAFF else 302) for r in ROLLEN}
    toegang.update(
        {
            "admin:index": Toegang([], staff),
            "admin:app_list": Toegang(["experts"], staff),
            "admin:jsi18n": Toegang([], staff),
            "admin:password_change": Toegang([], staff),
            "admin:password_change_done": Toegang([], staff),
            "admin:autocomplete": Toegang([], {**staff, "coordinator": 403, "superuser": 403}),
            "admin:logout": Toegang([], {**staff, "coordinator": 405, "superuser": 405}),
            # The admin's login is allauth's: visitors go there, non-staff are refused.
            "admin:login": Toegang(
                [], {r: 302 if r in ("anoniem", *STAFF) else 403 for r in ROLLEN}
            ),
            "admin:view_on_site": Toegang(
                lambda c, r: [c.expert_type.pk, c.ander.pk],
                {**staff, "coordinator": 302, "superuser": 302},
            ),
            "admin:experts_expert_importeren": Toegang([], staff),
            # Setting someone's password: a superuser only (after the password again).
            "admin:auth_user_password_change": Toegang(
                lambda c, r: [c.ander_user.pk], {**staff, "coordinator": 403}
            ),
        }
    )
    return toegang


@pytest.fixture
def ctx(referentie, ronde_2026, coordinator, professional, stuurgroep, superuser):
    from types import SimpleNamespace

    from allauth.account.models import EmailAddress

    for user in (coordinator, professional, stuurgroep, superuser):  # as after signing up
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    # A finalised joint round 2024 (its report), and a joint round 2027 open for scoring
    from inspanningen import samen as samen_lib
    from inspanningen import services

    samen = services.nieuwe_ronde(
        jaar=2024, werkwijze="samen", door=coordinator, ondanks_onvoltooid=ronde_2026.pk
    )
    samen = services.wijzig_status(ronde=samen, actie="openen", door=coordinator)
    samen_lib.bewaar_beoordelingen(
        ronde=samen,
        invoer=[samen_lib.Invoer(samen.scores.first().pk, "sterk", "")],
        door=stuurgroep,
    )
    samen = services.wijzig_status(
        ronde=samen, actie="bespreken", door=coordinator, ondanks_open=True
    )
    services.wijzig_status(
        ronde=samen, actie="vaststellen", door=coordinator, ondanks_open=True, reden="test"
    )
    samen = services.nieuwe_ronde(
        jaar=2027, werkwijze="samen", door=coordinator, ondanks_onvoltooid=ronde_2026.pk
    )
    samen = services.wijzig_status(ronde=samen, actie="openen", door=coordinator)
    samen_lib.bewaar_beoordelingen(
        ronde=samen,
        invoer=[samen_lib.Invoer(samen.scores.first().pk, "deels", "")],
        door=stuurgroep,
    )
    eigen = ExpertFactory(naam="Eigen Profiel", user=professional)
    ander = ExpertFactory(naam="Ander Profiel")
    uitnodiging, token = Uitnodiging.maak(email="nieuw@example.org", door=coordinator)
    score = Score.objects.filter(ronde__jaar=2026).first()
    BetrokkenheidFactory(expert=ander, inspanning=Inspanning.objects.get(nummer=3))
    item = KennisitemFactory(eigenaar=eigen, inspanningen=[Inspanning.objects.get(nummer=3)])
    Bestand.objects.create(
        item=item,
        versie=1,
        naam="a.pdf",
        mime="application/pdf",
        grootte=3,
        sha256="",
        inhoud=b"abc",
        tekststatus="geen",
    )
    # One object of every model in the admin; the round and the score are the finalised 2025.
    objecten = {
        model: model._default_manager.order_by("pk").first() for model in admin.site._registry
    }
    objecten[Ronde] = Ronde.objects.get(jaar=2025)
    # An individual score shows in the admin from its round's bespreking on: the finalised 2024
    objecten[Beoordeling] = Beoordeling.objects.get(score__ronde__jaar=2024)
    objecten[VerslagVerzending] = VerslagVerzending.objects.create(
        ronde=Ronde.objects.get(jaar=2024), door=coordinator, aantal=3
    )
    objecten[Score] = Score.objects.filter(ronde__jaar=2025).first()
    objecten[Expert] = ander
    return SimpleNamespace(
        eigen=eigen,
        ander=ander,
        ander_user=stuurgroep,
        uitnodiging=uitnodiging,
        token=token,
        score=score,
        item=item,
        objecten=objecten,
        expert_type=ContentType.objects.get_for_model(Expert),
        users={
            "professional": professional,
            "eigen_profiel": professional,
            "stuurgroep": stuurgroep,
            "coordinator": coordinator,
            "superuser": superuser,
        },
    )


def _inloggen(client, rol, request):
    if rol == "anoniem":
        return None
    user = request.getfixturevalue("professional" if rol == "eigen_profiel" else rol)
    recent_ingelogd(client, user)
    return user


def test_every_url_pattern_has_an_entry(ctx):
    namen = set(url_namen())
    regels = {**TOEGANG, **admin_toegang(ctx)}
    zonder = sorted(n for n in namen if n not in regels)
    assert not zonder, f"URL zonder toegangsregel: {zonder}"
    assert not set(regels) - namen, "regel voor een URL die niet bestaat"


@pytest.mark.parametrize("rol", ROLLEN)
def test_every_url_for_every_role(client, ctx, rol, request):
    _inloggen(client, rol, request)
    fouten = []
    for naam, toegang in {**TOEGANG, **admin_toegang(ctx)}.items():
        url = reverse(naam, args=_args(toegang, ctx, rol))
        status = client.get(url).status_code
        if status != toegang.status[rol]:
            fouten.append(f"{naam} {url}: {status}, verwacht {toegang.status[rol]}")
    assert not fouten, "\n".join(fouten)
