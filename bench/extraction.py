"""Speed of the text extraction of DOCX files with many short paragraphs (issue 16, point 4).

    .venv/bin/python bench/extraction.py                 # 1 000 and 4 000 paragraphs (make bench)
    .venv/bin/python bench/extraction.py --sizes 1000,20000,100000 --no-baseline-above 5000

Generates DOCX files of N short paragraphs ("Absatz 1", "Absatz 2", ...: about 40 KB packed for
10 000 paragraphs, the shape that took 17 s and more than 200 s in the upload request).

The files are python-docx's default document (styles, theme, settings as in a file saved by
Word) with N paragraphs. Measured:

- the baseline: python-docx as the upload used it before (``Document(...).iter_inner_content()``
  with each paragraph's style name and text);
- the guidance import's reader (``knowledge.extraction.docx_paragraphs``: python-docx, which the
  import needs for the style names, now looking each style up once);
- the bounded reader in this process (``knowledge.extraction.extract``: zipfile + pyexpat);
- the same in a child process with time and memory limits (``extract_isolated``), which is what
  the background task runs, so the start of the child process is included.

Prints seconds and the ratio baseline / new. These numbers are measurements, not tests.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from knowledge.extraction import docx_paragraphs, extract, extract_isolated  # noqa: E402
from tests.knowledge.sample_files import docx_with_paragraphs  # noqa: E402


def timed(function, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def baseline(data: bytes) -> str:
    """The extraction on upload before issue 16: python-docx, style and text per paragraph."""
    import io

    import docx
    from docx.table import Table

    lines = []
    for item in docx.Document(io.BytesIO(data)).iter_inner_content():
        if isinstance(item, Table):
            lines.extend("\t".join(cell.text for cell in row.cells) for row in item.rows)
        else:
            _style = item.style.name if item.style is not None else ""
            lines.append(item.text)
    return "\n".join(lines)


def importer(data: bytes) -> str:
    """The guidance import's reader (python-docx, style names looked up once per style)."""
    return "\n".join(text for _style, text in docx_paragraphs(data))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,4000", help="paragraph counts, comma-separated")
    parser.add_argument(
        "--no-baseline-above",
        type=int,
        default=10_000,
        help="skip python-docx for larger files (it needs minutes)",
    )
    options = parser.parse_args()
    print(
        f"{'Absätze':>9} {'KB':>6} {'python-docx s':>14} {'neu s':>8} "
        f"{'neu, Kindprozess s':>19} {'Faktor neu':>11} {'Faktor Kind':>13} {'Import s':>10}"
    )
    for size in (int(value) for value in options.sizes.split(",")):
        data = docx_with_paragraphs(size, word_template=True)
        new_seconds, result = timed(extract, data, "docx")
        isolated_seconds, isolated = timed(extract_isolated, data, "docx")
        assert result.text == isolated.text
        assert result.text.splitlines()[-1] == f"Absatz {size}", "text incomplete"
        import_seconds, import_text = timed(importer, data)
        assert import_text == result.text, "the import reads different text"
        if size <= options.no_baseline_above:
            base_seconds, base_text = timed(baseline, data)
            assert base_text == result.text, "the new reader reads different text"
            base = f"{base_seconds:14.2f}"
            ratios = f"{base_seconds / new_seconds:10.0f}x {base_seconds / isolated_seconds:12.0f}x"
        else:
            base, ratios = f"{'–':>14}", f"{'–':>11} {'–':>13}"
        print(
            f"{size:>9} {len(data) / 1024:6.0f} {base} {new_seconds:8.3f} "
            f"{isolated_seconds:19.3f} {ratios} {import_seconds:10.2f}"
        )
    print(
        "Faktor: Zeit mit python-docx / Zeit neu (im Prozess; im Kindprozess mit dessen Start),"
        " gleicher Lauf, gleiche Datei."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
