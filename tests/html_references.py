"""ID references in server-rendered HTML, for tests without a browser: every aria-describedby,
aria-labelledby, aria-controls and label[for] must name an element of the page, or screen
readers never read the error or the label (WCAG 1.3.1, 3.3.1, 4.1.2). The browser tests check
the same in the rendered page (tests/browser/conftest.py)."""

from html.parser import HTMLParser

REFERENCE_ATTRIBUTES = ("aria-describedby", "aria-labelledby", "aria-controls", "for")
VOID_ELEMENTS = {"input", "br", "img", "meta", "link", "hr", "source", "col", "wbr", "area"}


class _Elements(HTMLParser):
    """Every element's attributes and its text, by id."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[dict] = []
        self.text_by_id: dict[str, str] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        attributes["<tag>"] = tag
        self.elements.append(attributes)
        if "id" in attributes:
            self.text_by_id.setdefault(attributes["id"], "")
        if tag not in VOID_ELEMENTS:
            self._open.append(attributes.get("id", ""))

    def handle_endtag(self, tag):
        if tag not in VOID_ELEMENTS and self._open:
            self._open.pop()

    def handle_data(self, data):
        for element_id in self._open:
            if element_id:
                self.text_by_id[element_id] += data


def parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


def dangling_references(html: str) -> list[str]:
    page = parse(html)
    ids = set(page.text_by_id)
    return [
        f'{attribute}="{ref}" on <{element["<tag>"]} name="{element.get("name", "")}">'
        for element in page.elements
        for attribute in REFERENCE_ATTRIBUTES
        for ref in element.get(attribute, "").split()
        if ref not in ids
    ]


def description(html: str, name: str) -> str:
    """What a screen reader reads after the field's label: the texts aria-describedby names."""
    page = parse(html)
    (field,) = [
        e
        for e in page.elements
        if e.get("name") == name and e["<tag>"] != "label" and e.get("type") != "hidden"
    ]
    assert field.get("aria-invalid") == "true", f"{name} is not marked invalid"
    return " ".join(page.text_by_id.get(ref, "") for ref in field["aria-describedby"].split())
