import factory
from django.contrib.auth.models import Group

from accounts.models import User
from experts.models import Domein, Expert, Expertisegebied, Gemeente, Organisatie
from inspanningen.models import Aanbeveling, Betrokkenheid, Inspanning, Ronde, Score

PASSWORD = "een-lang-test-wachtwoord"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@example.org")
    naam = factory.Sequence(lambda n: f"Gebruiker {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))
        if create:
            self.save()


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ["naam"]

    naam = factory.Sequence(lambda n: f"Gemeente {n}")


class DomeinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Domein
        django_get_or_create = ["naam"]

    naam = factory.Sequence(lambda n: f"Domein {n}")


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie
        django_get_or_create = ["naam"]

    naam = factory.Sequence(lambda n: f"Organisatie {n}")
    soort = Organisatie.Soort.OVERIG


class ExpertisegebiedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expertisegebied
        django_get_or_create = ["naam"]

    naam = factory.Sequence(lambda n: f"Expertise {n}")


def _koppel(model, veld: str):
    """A post-generation hook: `ExpertFactory(expertise=["GLI", ...])` links by name."""

    def hook(self, create, extracted, **kwargs):
        if create and extracted is not None:
            getattr(self, veld).set([model.objects.get_or_create(naam=n)[0] for n in extracted])

    return factory.post_generation(hook)


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"Expert Voorbeeld {n}")
    email = factory.Sequence(lambda n: f"expert{n}@example.org")
    organisatie = factory.SubFactory(OrganisatieFactory)
    functie = "Adviseur gezonde leefstijl"

    expertise = _koppel(Expertisegebied, "expertisegebieden")
    domein = _koppel(Domein, "domeinen")
    gemeenten = _koppel(Gemeente, "werkgebied")


class AanbevelingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aanbeveling

    nummer = factory.Sequence(lambda n: n + 1)
    korte_naam = factory.Sequence(lambda n: f"Aanbeveling {n + 1}")
    titel = factory.LazyAttribute(lambda o: f"Titel van {o.korte_naam}")
    beschrijving = "Beschrijving van de aanbeveling."
    volgorde = factory.LazyAttribute(lambda o: o.nummer)


class InspanningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspanning

    nummer = factory.Sequence(lambda n: n + 1)
    naam = factory.Sequence(lambda n: f"Inspanning {n + 1}")
    volgorde = factory.LazyAttribute(lambda o: o.nummer)


class BetrokkenheidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Betrokkenheid

    inspanning = factory.SubFactory(InspanningFactory)
    expert = factory.SubFactory(ExpertFactory)
    rol = Betrokkenheid.Rol.TREKKER


class RondeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ronde

    jaar = factory.Sequence(lambda n: 2030 + n)
    titel = factory.LazyAttribute(lambda o: f"Herbeoordeling {o.jaar}")
    status = Ronde.Status.OPEN


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Score

    ronde = factory.SubFactory(RondeFactory)
    inspanning = factory.SubFactory(InspanningFactory)
    aanbeveling = factory.SubFactory(AanbevelingFactory)
    niveau = Score.Niveau.DEELS


def profielformulier(expert=None, **wijzigingen) -> dict:
    """The profile form as a new owner fills it in (a dietitian), with `wijzigingen`."""
    return {
        "naam": expert.naam if expert else "Nieuwe Expert",
        "telefoon": "",
        "organisatie": "",
        "functie": "Diëtist",
        "beroepsgroep": "dietist",
        "toelichting": "Ik weet veel van voeding.",
        "zichtbaarheid": "netwerk",
        **wijzigingen,
    }


def profiel_zoals_het_is(expert, **wijzigingen) -> dict:
    """The profile form as the page gives it for `expert`, with `wijzigingen`."""
    return {
        "naam": expert.naam,
        "telefoon": expert.telefoon,
        "functie": expert.functie,
        "beroepsgroep": expert.beroepsgroep,
        "toelichting": expert.toelichting,
        "zichtbaarheid": expert.zichtbaarheid,
        "expertisegebieden": [g.pk for g in expert.expertisegebieden.all()],
        "werkgebied": [g.pk for g in expert.werkgebied.all()],
        **wijzigingen,
    }


class KennisitemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "kennis.Kennisitem"
        skip_postgeneration_save = True

    titel = factory.Sequence(lambda n: f"Kennisitem {n}")
    soort = "document"
    samenvatting = "Een korte samenvatting in gewone taal."

    @factory.post_generation
    def inspanningen(self, create, extracted, **kwargs):
        if create and extracted:
            self.inspanningen.set(extracted)
