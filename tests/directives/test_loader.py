"""The shipped directives, and rulings' effects on them as litigation.yaml names them."""

import shutil
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from directives.models import Directive
from litigation.models import Ruling, RulingEffect
from review.loader import DATA_DIR

pytestmark = pytest.mark.django_db

LITIGATION = """
courts:
- key: nd-cal
  name: U.S. District Court for the Northern District of California
  abbreviation: N.D. Cal.
  level: district
cases:
- key: sf-v-trump
  campaign: sanctuary-campaign-2025
  caption: City and County of San Francisco v. Trump
  court: nd-cal
  filed_on: 2025-02-07
  sources:
  - source: ilrc-eo-14159
  rulings:
  - key: sf-v-trump-pi
    decided_on: 2025-04-24
    kind: preliminary_injunction
    outcome: for_jurisdiction
    sources:
    - source: ilrc-eo-14159
    effects:
{effects}
"""


def load(data_dir: Path = DATA_DIR) -> str:
    out = StringIO()
    call_command("load_review_data", data_dir=data_dir, stdout=out)
    return out.getvalue()


def data_with(tmp_path: Path, effects: str) -> Path:
    data = tmp_path / "data"
    if not data.exists():
        shutil.copytree(DATA_DIR, data)
    (data / "litigation.yaml").write_text(
        LITIGATION.format(effects=effects), encoding="utf-8"
    )
    return data


def test_the_four_directives_of_2025_load_with_their_sources():
    load()
    in_2025 = {
        d.slug: d
        for d in Directive.objects.published().filter(
            campaign__slug="sanctuary-campaign-2025"
        )
    }
    four = {"eo-14159", "ag-memo-2025-02-05", "eo-14218", "eo-14287"}
    assert set(in_2025) == four | {
        "eo-13993-revoked-2025-01-20",
        "dhs-grant-terms-2025-03-27",
        "dot-duffy-directive-2025-04-24",
        "bondi-dc-order-2025-08-14",
    }
    directives = {slug: d for slug, d in in_2025.items() if slug in four}
    facts = {
        slug: (d.kind, d.number, d.issued_on, d.published_on, d.citation, d.issuer)
        for slug, d in directives.items()
    }
    trump = "President Donald Trump"
    assert facts == {
        "eo-14159": ("executive_order", "14159", date(2025, 1, 20), None,
                     "90 Fed. Reg. 8443", trump),
        "ag-memo-2025-02-05": ("ag_memo", "", date(2025, 2, 5), None, "",
                               "Attorney General Pam Bondi"),
        "eo-14218": ("executive_order", "14218", date(2025, 2, 19), date(2025, 2, 25),
                     "", trump),
        "eo-14287": ("executive_order", "14287", date(2025, 4, 28), date(2025, 5, 2),
                     "90 Fed. Reg. 18761", trump),
    }  # fmt: skip
    for directive in directives.values():
        assert directive.campaign.slug == "sanctuary-campaign-2025"
        citations = list(directive.citations.select_related("source"))
        assert citations and all(c.quote for c in citations), directive.slug
    memo_sources = {
        c.source.data_key for c in directives["ag-memo-2025-02-05"].citations.all()
    }
    assert {"immpolicytracking-bondi-memo", "epochtimes-bondi-memo"} <= memo_sources
    eo_14159 = directives["eo-14159"].citations.values_list("quote", flat=True)
    assert any("90 Fed. Reg. 8443" in quote for quote in eo_14159)


def test_a_rulings_effects_load_update_and_go(tmp_path):
    data = data_with(tmp_path, "    - directive: eo-14159\n      effect: enjoins\n"
                               "      note: for the plaintiffs only")  # fmt: skip
    assert "ruling effects: 1 created" in load(data)
    effect = RulingEffect.objects.get()
    assert (effect.ruling.data_key, effect.directive.slug, effect.effect,
            effect.note) == ("sf-v-trump-pi", "eo-14159", "enjoins",
                             "for the plaintiffs only")  # fmt: skip
    history = RulingEffect.history.count()
    again = load(data)
    assert "ruling effects: 1 unchanged" in again
    assert RulingEffect.history.count() == history

    data_with(tmp_path, "    - directive: eo-14159\n      effect: enjoins\n"
                        "    - directive: ag-memo-2025-02-05\n      effect: enjoins")  # fmt: skip
    load(data)
    assert sorted(RulingEffect.objects.values_list("directive__slug", "note")) == [
        ("ag-memo-2025-02-05", ""),
        ("eo-14159", ""),
    ]
    data_with(tmp_path, "    - directive: eo-14287\n      effect: declines_to_enjoin")
    load(data)
    assert list(RulingEffect.objects.values_list("directive__slug", "effect")) == [
        ("eo-14287", "declines_to_enjoin")
    ]


def test_effects_of_a_ruling_staff_edited_are_left_alone(tmp_path):
    data = data_with(tmp_path, "    - directive: eo-14159\n      effect: enjoins")
    load(data)
    ruling = Ruling.objects.get(data_key="sf-v-trump-pi")
    ruling.summary = "Edited by staff"
    ruling.save()
    data_with(tmp_path, "    - directive: eo-14159\n      effect: upholds")
    load(data)
    assert RulingEffect.objects.get().effect == "enjoins"


@pytest.mark.parametrize(
    ("effects", "message"),
    [
        ("    - directive: eo-99999\n      effect: enjoins", "unknown directive 'eo-99999'"),
        ("    - directive: eo-14159", "'effect' is required"),
        ("    - directive: eo-14159\n      effect: blesses", "effect: Value 'blesses'"),
    ],
)  # fmt: skip
def test_a_bad_effect_loads_nothing_and_names_the_ruling(tmp_path, effects, message):
    data = data_with(tmp_path, effects)
    with pytest.raises(CommandError) as exc:
        load(data)
    assert "litigation.yaml, record 'sf-v-trump-pi'" in str(exc.value)
    assert message in str(exc.value)
    assert not Directive.objects.exists()


def test_a_directive_names_a_known_earlier_directive(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    directives = data / "directives.yaml"
    directives.write_text(
        directives.read_text(encoding="utf-8")
        + "\n- key: eo-later\n  campaign: sanctuary-campaign-2025\n"
        "  kind: executive_order\n  title: A later order\n  issuer: Someone\n"
        "  number: '1'\n  summary: Revokes.\n  revokes: eo-00000\n"
        "  sources:\n  - source: ilrc-eo-14159\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as exc:
        load(data)
    assert "directives.yaml, record 'eo-later'" in str(exc.value)
    assert "unknown earlier directive 'eo-00000'" in str(exc.value)
