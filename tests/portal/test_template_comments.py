"""Django's ``{# ... #}`` comments end on the same line; one spread over two lines is not a
comment but text that every reader sees on the page (it happened on the FAQ page)."""

from tests.project_apps import APPS, ROOT


def test_no_template_comment_spreads_over_lines():
    spilled = []
    for app in APPS:
        for template in sorted((ROOT / app).rglob("templates/**/*.html")):
            for number, line in enumerate(template.read_text().splitlines(), start=1):
                rest = line
                while "{#" in rest:
                    rest = rest[rest.index("{#") + 2 :]
                    if "#}" not in rest:
                        spilled.append(f"{template.relative_to(ROOT)}:{number}")
                        break
                    rest = rest[rest.index("#}") + 2 :]
    assert spilled == [], "use {% comment %} for comments over several lines: " + ", ".join(spilled)
