"""The outside probe, kept: a Coördinator in the admin cannot give themselves or anyone more
rights, set a password without giving their own again, or touch second factors."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.urls import reverse

from accounts import roles
from accounts.models import User
from tests.conftest import recent_ingelogd
from tests.factories import UserFactory
from tests.markup import find, find_all

pytestmark = pytest.mark.django_db


def _wijzig(client, user, **velden):
    data = {
        "email": user.email,
        "naam": user.naam,
        "is_active": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        **velden,
    }
    return client.post(reverse("admin:accounts_user_change", args=[user.pk]), data)


def test_a_coordinator_cannot_make_themselves_superuser(client, coordinator):
    recent_ingelogd(client, coordinator)
    _wijzig(
        client,
        coordinator,
        is_superuser="on",
        is_staff="on",
        groups=[g.pk for g in coordinator.groups.all()],
    )
    coordinator.refresh_from_db()
    assert not coordinator.is_superuser


def test_a_coordinator_cannot_give_anyone_admin_rights(client, coordinator):
    lid = UserFactory(roles=[roles.PROFESSIONAL])
    recent_ingelogd(client, coordinator)
    r = client.get(reverse("admin:accounts_user_change", args=[lid.pk]))
    pagina = r.content.decode()
    for veld in ("is_superuser", "is_staff", "groups", "user_permissions"):
        assert f'name="{veld}"' not in pagina, veld
    _wijzig(client, lid, is_superuser="on", is_staff="on", user_permissions=[1, 2, 3])
    lid.refresh_from_db()
    assert not (lid.is_superuser or lid.is_staff or lid.user_permissions.exists())
    assert sorted(lid.groups.values_list("name", flat=True)) == [roles.PROFESSIONAL]


def test_a_superuser_still_manages_rights(client, superuser):
    lid = UserFactory(roles=[roles.PROFESSIONAL])
    recent_ingelogd(client, superuser)
    r = _wijzig(client, lid, is_staff="on", groups=[g.pk for g in lid.groups.all()])
    assert r.status_code == 302
    lid.refresh_from_db()
    assert lid.is_staff


def test_a_coordinator_cannot_change_or_delete_a_superuser(client, coordinator, superuser):
    recent_ingelogd(client, coordinator)
    r = client.get(reverse("admin:accounts_user_change", args=[superuser.pk]))
    assert r.status_code == 200 and 'name="naam"' not in r.content.decode()  # read only
    r = _wijzig(client, superuser, naam="Overgenomen")
    assert r.status_code == 403
    r = client.post(reverse("admin:accounts_user_delete", args=[superuser.pk]), {"post": "yes"})
    assert r.status_code == 403
    superuser.refresh_from_db()
    assert superuser.naam != "Overgenomen" and superuser.is_active


def test_setting_a_password_is_for_a_superuser_after_giving_their_own_again(
    client, coordinator, superuser
):
    lid = UserFactory()
    oud = lid.password
    url = reverse("admin:auth_user_password_change", args=[lid.pk])
    nieuw = {"password1": "een heel nieuw wachtwoord", "password2": "een heel nieuw wachtwoord"}
    recent_ingelogd(client, coordinator)
    assert client.post(url, {**nieuw, "usable_password": "true"}).status_code == 403
    client.force_login(superuser)  # logged in long ago
    r = client.post(url, {**nieuw, "usable_password": "true"})
    assert r.status_code == 302 and reverse("account_reauthenticate") in r["Location"]
    lid.refresh_from_db()
    assert lid.password == oud
    recent_ingelogd(client, superuser)
    assert client.post(url, {**nieuw, "usable_password": "true"}).status_code == 302
    lid.refresh_from_db()
    assert lid.password != oud


def test_a_coordinator_cannot_touch_second_factors(client, coordinator, stuurgroep):
    recent_ingelogd(client, coordinator)
    apparaat = Authenticator.objects.filter(user=stuurgroep).first()
    assert apparaat is not None and Authenticator in admin.site._registry
    for url in (
        reverse("admin:mfa_authenticator_changelist"),
        reverse("admin:mfa_authenticator_change", args=[apparaat.pk]),
    ):
        assert client.get(url).status_code == 403
    r = client.post(reverse("admin:mfa_authenticator_delete", args=[apparaat.pk]), {"post": "yes"})
    assert r.status_code == 403
    assert Authenticator.objects.filter(pk=apparaat.pk).exists()


def _formulier(html: str) -> dict:
    """The admin form's data as the browser would send it: inputs, checked boxes, selected
    options and text areas."""
    data: dict[str, list[str]] = {}
    formulier = find(
        html,
        "form",
        id=next(
            (
                f.attrs["id"]
                for f in find_all(html, "form")
                if f.attrs.get("id", "").endswith("_form")
            ),
            None,
        ),
    )
    for veld in find_all(formulier, "input"):
        naam, soort = veld.attrs.get("name"), veld.attrs.get("type", "text")
        if not naam or soort in ("submit", "button", "file"):
            continue
        if soort in ("checkbox", "radio") and "checked" not in veld.attrs:
            continue
        data.setdefault(naam, []).append(veld.attrs.get("value", "on"))
    for veld in find_all(formulier, "textarea"):
        data.setdefault(veld.attrs["name"], []).append(veld.text)
    for veld in find_all(formulier, "select"):
        gekozen = [
            o.attrs.get("value", "") for o in find_all(veld, "option") if "selected" in o.attrs
        ]
        data[veld.attrs["name"]] = gekozen
    return data


def test_every_admin_form_as_a_coordinator_leaves_the_rights_alone(client, coordinator):
    """Submit every add and change form of the admin that the coordinator may open, as the
    page gives it, with every right switched on besides: whatever the form may change, no
    account gains a right, and the coordinator's own account least of all."""
    recent_ingelogd(client, coordinator)
    lid = UserFactory(roles=[roles.PROFESSIONAL])
    aanval = {"is_superuser": ["on"], "is_staff": ["on"], "user_permissions": ["1", "2", "3"]}

    def rechten():
        return {
            u.pk: (u.is_superuser, u.is_staff, sorted(u.get_all_permissions()))
            for u in User.objects.all()
        }

    voor = rechten()
    geprobeerd = 0
    for model in admin.site._registry:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls = [reverse(f"{info}_add")]
        urls += [reverse(f"{info}_change", args=[o.pk]) for o in model._default_manager.all()[:2]]
        if model is User:
            urls += [reverse(f"{info}_change", args=[u.pk]) for u in (coordinator, lid)]
        for url in urls:
            r = client.get(url)
            if r.status_code != 200 or 'name="_save"' not in r.content.decode():
                continue  # the coordinator may not open it, or it is read-only
            client.post(url, {**_formulier(r.content.decode()), **aanval})
            geprobeerd += 1
    assert geprobeerd > 10  # the forms were really submitted
    assert rechten() == voor


def test_a_staff_member_of_the_stuurgroep_cannot_edit_a_concept_round_in_the_admin(
    client, stuurgroep, concept_2026
):
    """The admin asks Ronde.kan_bewerken, as the edit page does: the stuurgroep edits open
    rounds only."""
    from inspanningen.models import Score

    stuurgroep.is_staff = True
    stuurgroep.save()
    recent_ingelogd(client, stuurgroep)
    score = Score.objects.filter(ronde=concept_2026).first()
    r = client.post(
        reverse("admin:inspanningen_score_change", args=[score.pk]),
        {
            "ronde": concept_2026.pk,
            "inspanning": score.inspanning_id,
            "aanbeveling": score.aanbeveling_id,
            "niveau": "nauwelijks" if score.niveau != "nauwelijks" else "sterk",
            "toelichting": "via het beheer",
            "beoordelingsstatus": "gewijzigd",
        },
    )
    assert r.status_code == 403
    assert Score.objects.get(pk=score.pk).toelichting != "via het beheer"


def test_a_coordinator_sees_no_password_link_and_cannot_switch_themselves_off(client, coordinator):
    recent_ingelogd(client, coordinator)
    url = reverse("admin:accounts_user_change", args=[coordinator.pk])
    pagina = client.get(url).content.decode()
    assert "../password/" not in pagina and 'name="last_login_0"' not in pagina
    r = client.post(url, {"naam": "Coördinator Test"})  # "actief" not ticked
    assert r.status_code == 200 and "U kunt uw eigen account niet uitzetten" in r.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.is_active
