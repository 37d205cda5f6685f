"""The awards list's state filter (`AwardFigureQuerySet.in_state`): the figures that
reach a jurisdiction of the state by any of the three ways, each once, whether the
state's figures are gathered first (a state of few jurisdictions) or tested on each
row the list walks (a state of many)."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from grants import models as grants_models
from grants.models import AwardFigure
from jurisdictions.models import Jurisdiction
from tests.factories import AwardFactory, AwardFigureFactory, JurisdictionFactory

pytestmark = pytest.mark.django_db

GATHERED, WALKED = 1, 10**9  # SPREAD: every state has few, or many, jurisdictions


def listed(client, state: str) -> list[int]:
    with override_settings(PAGE_CACHE_SECONDS=0):
        response = client.get("/awards/", {"state": state})
    assert response.status_code == 200
    return [figure.pk for figure in response.context["object_list"]]


@pytest.mark.parametrize("spread", [GATHERED, WALKED])
def test_each_way_a_figure_reaches_a_state_counts_once(client, monkeypatch, spread):
    monkeypatch.setattr(grants_models, "SPREAD", spread)
    holder = JurisdictionFactory(name="Holder", state="OR")
    partner = JurisdictionFactory(name="Partner", state="OR")
    agent = JurisdictionFactory(name="Agent", state="WA")
    own = AwardFigureFactory(award=AwardFactory(recipient=holder))
    joint = AwardFactory(recipient=agent)
    joint.partners.add(partner, holder)
    whole = AwardFigureFactory(award=joint, amount=900000)
    share = AwardFigureFactory(award=joint, share_of=partner, amount=50000)
    elsewhere = AwardFigureFactory(
        award=AwardFactory(recipient=JurisdictionFactory(state="WA"))
    )
    assert sorted(listed(client, "OR")) == sorted([own.pk, whole.pk, share.pk])
    # The agent holds the whole joint figure, never a partner's own share.
    assert sorted(listed(client, "WA")) == sorted([whole.pk, elsewhere.pk])
    assert listed(client, "WY") == []


def test_both_ways_list_the_real_datas_figures_of_each_state_alike(client, monkeypatch):
    call_command("load_review_data", verbosity=0)
    states = Jurisdiction.objects.values_list("state", flat=True).distinct()
    for state in states:
        every = AwardFigure.objects.published().for_jurisdiction(
            Jurisdiction.objects.filter(state=state)
        )
        expected = set(every.values_list("pk", flat=True))
        monkeypatch.setattr(grants_models, "SPREAD", GATHERED)
        gathered = listed(client, state)
        monkeypatch.setattr(grants_models, "SPREAD", WALKED)
        walked = listed(client, state)
        assert walked == gathered, state  # the same page, in the same order
        assert set(gathered) == expected or len(gathered) == 50, state
