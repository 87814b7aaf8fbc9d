"""The three roles, as Django groups, and the model permissions each one gets.

The groups are created by a data migration and kept in step after every migrate,
so a model added later gets the right permissions without another migration.
"""

from django.db import transaction

COORDINATOR = "Coördinator"
STUURGROEP = "Stuurgroep"
PROFESSIONAL = "Professional"
ROLES = (COORDINATOR, STUURGROEP, PROFESSIONAL)

DOMAIN_APPS = ("experts", "inspanningen", "kennis")
COORDINATOR_ACCOUNTS = {
    "accounts.view_user",
    "accounts.change_user",
    "accounts.view_uitnodiging",
    "accounts.delete_uitnodiging",
}


def wanted_codenames(role: str, permissions) -> set[str]:
    """The 'app_label.codename' strings that `role` gets, out of `permissions`.

    History rows are an audit trail: every role may view them, nobody may edit them.
    """
    wanted = set()
    for perm in permissions:
        app, codename = perm.content_type.app_label, perm.codename
        full = f"{app}.{codename}"
        action, _sep, model = codename.partition("_")
        if app not in DOMAIN_APPS:
            if role == COORDINATOR and full in COORDINATOR_ACCOUNTS:
                wanted.add(full)
            continue
        if action == "view" or (
            not model.startswith("historical")
            and (role == COORDINATOR or (role == STUURGROEP and codename == "change_score"))
        ):
            wanted.add(full)
    return wanted


def sync_groups(apps=None) -> None:
    """Create the role groups and give each exactly its permissions."""
    if apps is None:
        from django.apps import apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(Permission.objects.select_related("content_type"))
    by_name = {f"{p.content_type.app_label}.{p.codename}": p for p in permissions}
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set([by_name[name] for name in wanted_codenames(role, permissions)])


@transaction.atomic
def geef_rol(user, rol: str) -> None:
    """The account has exactly this one of the app's roles (the change goes to the security
    log through the groups' m2m signal, core.security_log)."""
    from django.contrib.auth.models import Group

    user.groups.remove(*Group.objects.filter(name__in=ROLES).exclude(name=rol))
    user.groups.add(Group.objects.get(name=rol))
