#!/usr/bin/env python3
"""pdf-to-tsv: a PDF with a text layer into the text form chitieu's fixtures use.

    scripts/pdf-to-tsv.py PLAN.pdf > PLAN.txt

A tool to make fixtures, not part of the product (chitieu reads the .txt; it never needs
poppler). Needs poppler-utils: `pdftotext` and `pdftocairo`.

How it works, page by page:

1. Words and their boxes come from `pdftotext -bbox-layout` (one <word> per word, grouped in
   <line>s in pdftotext's reading order).
2. The table grid comes from the rules the PDF draws: `pdftocairo -svg` writes each rule as a
   thin filled rectangle (Word's output) or a stroked line; thin horizontal ones are row
   rules, thin vertical ones column rules. The distinct x of the column rules are the grid's
   column edges, the distinct y of the row rules its row edges (one table per page, the one
   the rules draw; a page without rules has no table).
3. Two neighbouring grid cells are one merged cell when no rule separates them. Each word goes
   to the grid cell its centre falls in, and so to its merged cell; a cell's words are ordered
   in lines (by y) and joined with spaces.
4. Each grid row becomes one output line, its cells joined by tabs, the way the seeds were
   extracted: a cell spanning columns keeps its text in its first column; a cell merged down
   keeps its text in its first row inside the header and repeats it in body rows (as the .docx
   reader does). The header is the rows the top row's merged cells reach; on later pages it is
   printed again where the table repeats it. A row cut by a page break continues on the next
   page as a row whose number cells are empty, which is what the reader expects.
5. Lines outside the table are written as they are, the ones above the table before it and
   the rest after it.
"""

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
# A rule is at most this thick (points) and at least this many times longer than thick.
RULE_THICKNESS = 2.5
RULE_ASPECT = 3.0
# Rule positions closer than this (points) are the same grid edge.
SNAP = 2.0


def run(args):
    return subprocess.run(args, check=True, capture_output=True).stdout


def pages_with_words(pdf):
    """[(width, height, [line, …])] where a line is [(x0, y0, x1, y1, text), …]."""
    root = ET.fromstring(run(["pdftotext", "-bbox-layout", pdf, "-"]))
    pages = []
    for page in root.iter(XHTML + "page"):
        lines = []
        for line in page.iter(XHTML + "line"):
            words = [
                (float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")), w.text or "")
                for w in line.iter(XHTML + "word")
            ]
            if words:
                lines.append(words)
        pages.append((float(page.get("width")), float(page.get("height")), lines))
    return pages


NUMBER = r"-?\d+(?:\.\d+)?"


def rules(pdf, page_no):
    """The page's thin rectangles and stroked lines as (horizontal, vertical) segment lists:
    horizontal (y, x0, x1), vertical (x, y0, y1)."""
    root = ET.fromstring(run(["pdftocairo", "-svg", "-f", str(page_no), "-l", str(page_no), pdf, "-"]))
    horizontal, vertical = [], []
    for defs in root.iter(SVG + "defs"):
        defs.clear()  # glyph outlines live there
    for path in root.iter(SVG + "path"):
        style = path.get("style", "")
        points = [tuple(map(float, p)) for p in re.findall(rf"[ML] ({NUMBER}) ({NUMBER})", path.get("d", ""))]
        if len(points) < 2 or re.search(r"[CQA]", path.get("d", "")):
            continue
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        width, height = max(xs) - min(xs), max(ys) - min(ys)
        if "stroke:none" not in style.replace(" ", "") and len(points) == 2:
            # A stroked line: its thickness is the stroke width.
            width, height = (width, 0.0) if height < width else (0.0, height)
        if height <= RULE_THICKNESS and width >= RULE_ASPECT * max(height, 0.5):
            horizontal.append(((min(ys) + max(ys)) / 2, min(xs), max(xs)))
        elif width <= RULE_THICKNESS and height >= RULE_ASPECT * max(width, 0.5):
            vertical.append(((min(xs) + max(xs)) / 2, min(ys), max(ys)))
    return horizontal, vertical


def edges(positions):
    """Distinct positions, near ones snapped together."""
    out = []
    for p in sorted(positions):
        if out and p - out[-1] <= SNAP:
            continue
        out.append(p)
    return out


def covered(segments, at, point):
    """Whether a rule at position `at` runs across `point` (along the rule)."""
    return any(abs(s[0] - at) <= SNAP and s[1] - SNAP <= point <= s[2] + SNAP for s in segments)


def index(edges_, value):
    for i in range(len(edges_) - 1):
        if edges_[i] <= value < edges_[i + 1]:
            return i
    return None


def text_of(words):
    """Words in reading order: lines by y (centre within half a line), then x."""
    words = sorted(words, key=lambda w: ((w[1] + w[3]) / 2, w[0]))
    lines = []
    for w in words:
        middle = (w[1] + w[3]) / 2
        if lines and abs(lines[-1][0] - middle) <= (w[3] - w[1]) / 2:
            lines[-1][1].append(w)
        else:
            lines.append([middle, [w]])
    return " ".join(" ".join(t for *_, t in sorted(ws)) for _, ws in lines).strip()


class Table:
    """One page's table grid, its merged cells and the words in them."""

    def __init__(self, horizontal, vertical):
        self.xs = edges([v[0] for v in vertical])
        self.ys = edges([h[0] for h in horizontal])
        self.horizontal, self.vertical = horizontal, vertical
        rows, cols = len(self.ys) - 1, len(self.xs) - 1
        # Each grid cell's merged cell: the top-left grid cell of the region it belongs to.
        self.anchor = {}
        for r in range(rows):
            for c in range(cols):
                middle_y = (self.ys[r] + self.ys[r + 1]) / 2
                middle_x = (self.xs[c] + self.xs[c + 1]) / 2
                if c > 0 and not covered(self.vertical, self.xs[c], middle_y):
                    self.anchor[(r, c)] = self.anchor[(r, c - 1)]
                elif r > 0 and not covered(self.horizontal, self.ys[r], middle_x):
                    self.anchor[(r, c)] = self.anchor[(r - 1, c)]
                else:
                    self.anchor[(r, c)] = (r, c)
        self.words = {}

    def contains(self, word):
        x, y = (word[0] + word[2]) / 2, (word[1] + word[3]) / 2
        return len(self.xs) > 1 and self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]

    def add(self, word):
        x, y = (word[0] + word[2]) / 2, (word[1] + word[3]) / 2
        r, c = index(self.ys, y), index(self.xs, x)
        if r is not None and c is not None:
            self.words.setdefault(self.anchor[(r, c)], []).append(word)

    def header_rows(self):
        """How many rows the top row's merged cells reach down."""
        reach = 0
        for (r, c), (ar, _) in self.anchor.items():
            if ar == 0:
                reach = max(reach, r)
        return reach + 1

    def rows(self, header_rows):
        out = []
        for r in range(len(self.ys) - 1):
            cells = []
            for c in range(len(self.xs) - 1):
                ar, ac = self.anchor[(r, c)]
                first_column = all(self.anchor[(r, k)] != (ar, ac) for k in range(c))
                if not first_column or (ar != r and r < header_rows):
                    cells.append("")
                else:
                    cells.append(text_of(self.words.get((ar, ac), [])))
            if any(cells):
                out.append(cells)
        return out


def convert(pdf):
    out = []
    for page_no, (_, _, lines) in enumerate(pages_with_words(pdf), start=1):
        horizontal, vertical = rules(pdf, page_no)
        table = Table(horizontal, vertical) if len(edges([v[0] for v in vertical])) > 2 else None
        before, after = [], []
        for line in lines:
            outside = []
            for word in line:
                if table and table.contains(word):
                    table.add(word)
                else:
                    outside.append(word)
            if outside:
                text = " ".join(t for *_, t in outside)
                top = min(w[1] for w in outside)
                (before if not table or top < table.ys[0] else after).append(text)
        out.extend(before)
        if table:
            out.extend("\t".join(cells) for cells in table.rows(table.header_rows()))
        out.extend(after)
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} PLAN.pdf > PLAN.txt")
    sys.stdout.write(convert(sys.argv[1]))
