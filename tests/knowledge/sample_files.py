"""Small sample files in each format, built in the tests (no binary fixtures in the repository)."""

import io


def pdf_bytes(*lines: str) -> bytes:
    """A minimal one-page PDF with the given lines of text (Helvetica, WinAnsi encoding)."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = "BT /F1 12 Tf 72 720 Td 16 TL "
    content += " ".join(f"({escape(line)}) Tj T*" for line in lines) + " ET"
    stream = content.encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    output = io.BytesIO()
    output.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(output.tell())
        output.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = output.tell()
    output.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        output.write(b"%010d 00000 n \n" % offset)
    output.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return output.getvalue()


def docx_bytes(title: str, *paragraphs: str, bullets: tuple[str, ...] = ()) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    for bullet in bullets:
        document.add_paragraph(bullet, style="List Bullet")
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def odt_bytes(title: str, *paragraphs: str) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text=title))
    for paragraph in paragraphs:
        document.text.addElement(P(text=paragraph))
    output = io.BytesIO()
    document.write(output)
    return output.getvalue()


DOCX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_from_body(body: str, extra_parts: int = 0, prolog: str = "") -> bytes:
    """A minimal DOCX (readable by Word and python-docx) whose document body is ``body``."""
    import zipfile

    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'{prolog}<w:document xmlns:w="{W_NS}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        f"<w:body>{body}</w:body></w:document>"
    )
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_CONTENT_TYPES)
        archive.writestr("_rels/.rels", DOCX_RELS)
        archive.writestr("word/document.xml", document)
        for number in range(extra_parts):
            archive.writestr(f"word/media/bild{number}.png", b"\x89PNG")
    return output.getvalue()


def docx_with_paragraphs(count: int, word_template: bool = False) -> bytes:
    """A DOCX with ``count`` short paragraphs ("Absatz 1" ...): small file, many paragraphs,
    the shape that took python-docx minutes. ``word_template``: inside python-docx's default
    document (styles, settings, theme, as a file saved by Word has them) instead of the
    minimal package."""
    body = "".join(f"<w:p><w:r><w:t>Absatz {n}</w:t></w:r></w:p>" for n in range(1, count + 1))
    if not word_template:
        return docx_from_body(body)
    import zipfile

    import docx

    template = io.BytesIO()
    docx.Document().save(template)
    output = io.BytesIO()
    with (
        zipfile.ZipFile(template) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                head, _, rest = data.decode().partition("<w:body>")
                _, _, tail = rest.partition("<w:sectPr")
                data = f"{head}<w:body>{body}<w:sectPr{tail}".encode()
            archive.writestr(info, data)
    return output.getvalue()


def docx_zip_bomb(unpacked_megabytes: int = 120) -> bytes:
    """A DOCX whose document.xml unpacks to ``unpacked_megabytes`` MB of blanks (about 120 KB
    packed): a zip bomb."""
    import zipfile

    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_CONTENT_TYPES)
        archive.writestr("_rels/.rels", DOCX_RELS)
        with archive.open("word/document.xml", "w") as part:
            part.write(f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'.encode())
            block = b" " * (1024 * 1024)
            for _ in range(unpacked_megabytes):
                part.write(block)
            part.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return output.getvalue()


def pdf_with_pages(*pages: str) -> bytes:
    """A PDF with one page per text."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for text in pages:
        writer.append(PdfReader(io.BytesIO(pdf_bytes(text))))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def pdf_layout(items, title: str | None = None) -> bytes:
    """A one-page PDF with text placed as given: ``items`` are (bold, size, x, y, text), set in
    Helvetica or Helvetica-Bold; ``title`` goes into the document information."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = " ".join(
        f"BT /{'F2' if bold else 'F1'} {size} Tf {x} {y} Td ({escape(text)}) Tj ET"
        for bold, size, x, y, text in items
    )
    stream = content.encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 6 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    if title:
        objects.append(b"<< /Title (" + escape(title).encode("cp1252") + b") >>")
    output = io.BytesIO()
    output.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(output.tell())
        output.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = output.tell()
    output.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        output.write(b"%010d 00000 n \n" % offset)
    info = b" /Info %d 0 R" % len(objects) if title else b""
    output.write(
        b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, info, xref)
    )
    return output.getvalue()


def docx_rich(
    title_property: str | None = None, heading: str = "Leitfaden Wohnen", table=None
) -> bytes:
    """A DOCX with a heading, a paragraph with bold text, bullets, a numbered list and a
    table; ``title_property`` sets the document's title in its properties."""
    import docx

    document = docx.Document()
    if title_property:
        document.core_properties.title = title_property
    document.add_heading(heading, level=1)
    paragraph = document.add_paragraph("Bitte ")
    paragraph.add_run("immer vorher anrufen").bold = True
    paragraph.add_run(".")
    document.add_heading("Ansprechstellen", level=2)
    for item in ("Sozialamt", "Jobcenter"):
        document.add_paragraph(item, style="List Bullet")
    for item in ("Antrag stellen", "Bescheid abwarten"):
        document.add_paragraph(item, style="List Number")
    rows = table or [("Stelle", "Telefon"), ("Sozialamt", "02371 123")]
    grid = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
