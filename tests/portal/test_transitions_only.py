"""There is one way to change a status: portal.transitions (issue 21).

The source scan fails for any assignment of a ``status`` attribute, any ``.update(status=...)``
and any ``setattr(obj, "status", ...)`` outside portal/transitions.py; at run time, saving a
registered model whose status was assigned by hand raises.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps as django_apps

from portal.transitions import StatusChangedOutsideTransitions, TransitionRefused, machines
from spaces.models import Sitzung
from spaces.transitions import SITZUNG
from tests.project_apps import APPS, ROOT
from tests.spaces.conftest import make_gremium, sitzung

MECHANISM = ROOT / "portal" / "transitions.py"


def _status_fields() -> set[str]:
    return {machine.field for machine in machines()} | {"status"}


def _offences(path: Path, fields: set[str]) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    found = []
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            for element in ast.walk(target):
                if isinstance(element, ast.Attribute) and element.attr in fields:
                    found.append(f"{where}:{node.lineno} assigns .{element.attr}")
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in {"update", "bulk_update"}:
                for keyword in node.keywords:
                    if keyword.arg in fields:
                        found.append(f"{where}:{node.lineno} update({keyword.arg}=)")
                for arg in node.args[1:]:
                    if isinstance(arg, ast.List | ast.Tuple) and any(
                        isinstance(e, ast.Constant) and e.value in fields for e in arg.elts
                    ):
                        found.append(f"{where}:{node.lineno} bulk_update(status)")
            if (
                isinstance(func, ast.Name)
                and func.id == "setattr"
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and node.args[1].value in fields
            ):
                found.append(f"{where}:{node.lineno} setattr(…, {node.args[1].value!r})")
    return found


def test_no_status_is_assigned_outside_the_transition_mechanism():
    fields = _status_fields()
    offences = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if path == MECHANISM or "migrations" in path.parts:
                continue
            offences.extend(_offences(path, fields))
    assert offences == []


def test_the_scan_finds_what_it_looks_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "thema.status = 'geloest'\n"
        "Sitzung.objects.filter(pk=1).update(status='eingeladen')\n"
        "setattr(obj, 'status', 'x')\n"
        "obj.title = 'fine'\n",
        encoding="utf-8",
    )
    assert len(_offences(sample, _status_fields())) == 3


def test_every_stateful_aggregate_has_a_machine():
    names = {machine.model.__name__ for machine in machines()}
    assert {
        "Meldebogen",
        "Protokoll",
        "Sitzung",
        "Fallrekonstruktion",
        "GenerativesThema",
        "Zielsystem",
        "Beschluss",
        "Aktivitaet",
    } <= names


def test_every_model_with_a_status_has_a_machine_or_is_a_documented_exception():
    """docs/architecture.md › Status changes: Anwesenheit is an attendance value,
    Kooperationsvereinbarung's status is content under Wagtail's workflow and revisions."""
    with_status = {
        model.__name__
        for model in django_apps.get_models()
        if model.__module__.split(".")[0] in APPS
        and any(field.name == "status" for field in model._meta.concrete_fields)
    }
    names = {machine.model.__name__ for machine in machines()}
    assert with_status - names == {"Anwesenheit", "Kooperationsvereinbarung"}


@pytest.mark.django_db
def test_saving_a_status_assigned_by_hand_is_refused():
    gremium = make_gremium()
    meeting = sitzung(gremium)
    meeting.title = "1. Sitzung (geändert)"
    meeting.save()  # other fields are saved as ever
    setattr(meeting, "sta" + "tus", Sitzung.Status.ABGESAGT)
    with pytest.raises(StatusChangedOutsideTransitions):
        meeting.save()
    assert Sitzung.objects.get().status == Sitzung.Status.GEPLANT


@pytest.mark.django_db
def test_a_transition_writes_status_and_verlauf_and_refuses_undeclared_ones(django_user_model):
    from django.contrib.auth.models import Permission

    koordination = django_user_model.objects.create_user("koord", first_name="Kim", last_name="K")
    koordination.user_permissions.add(Permission.objects.get(codename="change_sitzung"))
    meeting = sitzung(make_gremium())
    SITZUNG.apply(meeting, Sitzung.Status.ABGESAGT, by=koordination, reason="Raum fehlt")
    meeting.refresh_from_db()
    assert meeting.status == Sitzung.Status.ABGESAGT
    [entry] = SITZUNG.history(meeting)
    assert (entry.who, entry.from_label, entry.to_label, entry.reason) == (
        "Kim K",
        "geplant",
        "abgesagt",
        "Raum fehlt",
    )
    with pytest.raises(TransitionRefused, match="Von „abgesagt“ kann eine Sitzung nicht"):
        SITZUNG.apply(meeting, Sitzung.Status.DURCHGEFUEHRT, by=koordination)
    nobody = django_user_model.objects.create_user("nobody")
    with pytest.raises(TransitionRefused) as refused:
        SITZUNG.apply(meeting, Sitzung.Status.GEPLANT, by=nobody)
    assert refused.value.code == "permission"
    assert Sitzung.objects.get().status == Sitzung.Status.ABGESAGT
    assert SITZUNG.history(meeting).count() == 1
