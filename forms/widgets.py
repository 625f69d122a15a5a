"""Form widgets that write Django's own markup in one pass, without a template per option.

Django renders every option of a checkbox group, a radio group or a select through three or
four nested templates (``multiple_input.html`` -> ``checkbox_option.html`` ->
``input_option.html`` -> ``input.html`` -> ``attrs.html``). On the Meldebogen wizard (every
Kommune a checkbox) and the work list's filter (every Kommune, Thema, Status and sort order an
option) that was a large part of the page's CPU time. These subclasses produce the same HTML,
byte for byte (labels wrapping their inputs with ``for``, ids with the option index, ``checked``
and ``selected``, ``required``, the group's id on the wrapping ``div``, optgroups), from the
same ``optgroups`` Django computes: the options, their attributes and what is selected are
still decided by Django's widget code; only the string building moved out of the templates.
The text input, hidden input and text area of the wizard's steps are written the same way
(``input.html`` with ``attrs.html``, ``textarea.html``). ``tests/forms/test_widgets.py``
compares the output with Django's templates.

A subclass that sets its own ``template_name`` or ``option_template_name`` gets Django's
template rendering again.
"""

from django import forms
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def _text(value) -> str:
    """A value printed with ``{{ value }}`` (autoescaped, localised like the template does)."""
    if not isinstance(value, str):
        value = str(localize(value))
    return conditional_escape(value)


def _formatted(value) -> str:
    """A value printed with ``{{ value|stringformat:'s' }}``."""
    if isinstance(value, tuple):
        value = str(value)
    text = "%s" % value  # noqa: UP031 - exactly what the stringformat filter does
    if isinstance(value, SafeString):
        text = mark_safe(text)  # noqa: S308 - the filter is is_safe: safe input stays safe
    return conditional_escape(text)


def render_attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``: `` name="value"``, a bare name for True, nothing for
    False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {_text(name)}")
        else:
            parts.append(f' {_text(name)}="{_formatted(value)}"')
    return "".join(parts)


class FastRenderMixin:
    """Render the widget in Python when it uses Django's default templates for its class."""

    default_template_name = ""
    default_option_template_name = ""

    def _uses_default_templates(self) -> bool:
        option_template_name = getattr(self, "option_template_name", "")
        return (
            self.template_name == self.default_template_name
            and option_template_name == self.default_option_template_name
        )

    def render(self, name, value, attrs=None, renderer=None):
        if not self._uses_default_templates():
            return super().render(name, value, attrs, renderer)
        # Every value and label is escaped in render_html, as the templates do.
        return mark_safe(self.render_html(name, value, attrs))  # noqa: S308

    def render_html(self, name: str, value, attrs: dict | None) -> str:
        raise NotImplementedError


class _ChoiceMixin(FastRenderMixin):
    def render_html(self, name: str, value, attrs: dict | None) -> str:
        widget_attrs = self.build_attrs(self.attrs, attrs)
        optgroups = self.optgroups(name, self.format_value(value), attrs)
        return self.render_choices(name, widget_attrs, optgroups)

    def render_choices(self, name: str, attrs: dict, optgroups: list) -> str:
        raise NotImplementedError


def render_input(input_type: str, name: str, value, attrs: dict) -> str:
    """``django/forms/widgets/input.html``."""
    html = f'<input type="{_text(input_type)}" name="{_text(name)}"'
    if value != None:  # noqa: E711 - the template's comparison
        html += f' value="{_formatted(value)}"'
    return f"{html}{render_attrs(attrs)}>"


class _InputMixin(FastRenderMixin):
    def render_html(self, name: str, value, attrs: dict | None) -> str:
        widget = self.get_context(name, value, attrs)["widget"]
        return render_input(widget["type"], widget["name"], widget["value"], widget["attrs"])


class TextInput(_InputMixin, forms.TextInput):
    default_template_name = forms.TextInput.template_name


class HiddenInput(_InputMixin, forms.HiddenInput):
    default_template_name = forms.HiddenInput.template_name


class Textarea(FastRenderMixin, forms.Textarea):
    """``textarea.html``."""

    default_template_name = forms.Textarea.template_name

    def render_html(self, name: str, value, attrs: dict | None) -> str:
        widget = self.get_context(name, value, attrs)["widget"]
        text = _text(widget["value"]) if widget["value"] else ""
        attrs_html = render_attrs(widget["attrs"])
        return f'<textarea name="{_text(widget["name"])}"{attrs_html}>\n{text}</textarea>'


class _InputGroupMixin(_ChoiceMixin):
    """``multiple_input.html`` with ``input_option.html`` for each option."""

    def render_choices(self, name: str, attrs: dict, optgroups: list) -> str:
        out = ["<div"]
        if attrs.get("id"):
            out.append(f' id="{_text(attrs["id"])}"')
        if attrs.get("class"):
            out.append(f' class="{_text(attrs["class"])}"')
        out.append(">")
        for group, options, _index in optgroups:
            if group:
                out.append(f"\n  <div><label>{_text(group)}</label>")
            for option in options:
                out.append("<div>\n    ")
                out.append(self.render_option(option))
                out.append("</div>")
            if group:
                out.append("\n  </div>")
        out.append("\n</div>")
        return "".join(out)

    @staticmethod
    def render_option(option: dict) -> str:
        option_attrs = option["attrs"]
        html = render_input(option["type"], option["name"], option["value"], option_attrs) + "\n"
        if option["wrap_label"]:
            label_for = f' for="{_text(option_attrs["id"])}"' if option_attrs.get("id") else ""
            html = f"<label{label_for}>{html} {_text(option['label'])}</label>"
        return html + "\n\n"


class CheckboxSelectMultiple(_InputGroupMixin, forms.CheckboxSelectMultiple):
    default_template_name = forms.CheckboxSelectMultiple.template_name
    default_option_template_name = forms.CheckboxSelectMultiple.option_template_name


class RadioSelect(_InputGroupMixin, forms.RadioSelect):
    default_template_name = forms.RadioSelect.template_name
    default_option_template_name = forms.RadioSelect.option_template_name


class Select(_ChoiceMixin, forms.Select):
    """``select.html`` with ``select_option.html`` for each option."""

    default_template_name = forms.Select.template_name
    default_option_template_name = forms.Select.option_template_name

    def render_choices(self, name: str, attrs: dict, optgroups: list) -> str:
        if self.allow_multiple_selected:
            attrs["multiple"] = True  # as Select.get_context does
        out = [f'<select name="{_text(name)}"{render_attrs(attrs)}>']
        for group, options, _index in optgroups:
            if group:
                out.append(f'\n  <optgroup label="{_text(group)}">')
            for option in options:
                out.append(
                    f'\n  <option value="{_formatted(option["value"])}"'
                    f"{render_attrs(option['attrs'])}>{_text(option['label'])}</option>\n"
                )
            if group:
                out.append("\n  </optgroup>")
        out.append("\n</select>")
        return "".join(out)
