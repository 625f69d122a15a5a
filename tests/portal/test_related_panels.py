"""The related-panels extension point: higher apps add panels to lower apps' pages."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils.html import format_html
from wagtail import hooks


@pytest.fixture
def registered_panel():
    def panel(obj, request):
        return format_html("<p>Panel für {}</p>", obj) if obj == "sichtbar" else ""

    with hooks.register_temporarily("related_panels_testkind", panel):
        yield


def render(obj) -> str:
    template = Template('{% load portal_tags %}{% related_panels "testkind" obj %}')
    return template.render(Context({"request": RequestFactory().get("/"), "obj": obj}))


def test_registered_panel_is_rendered(registered_panel):
    assert render("sichtbar") == "<p>Panel für sichtbar</p>"


def test_panel_that_does_not_apply_renders_nothing(registered_panel):
    assert render("versteckt") == ""


def test_no_hooks_render_nothing():
    assert render("sichtbar") == ""


def test_plain_strings_are_escaped():
    with hooks.register_temporarily("related_panels_testkind", lambda obj, request: "<b>x</b>"):
        assert render("egal") == "&lt;b&gt;x&lt;/b&gt;"
