#!/usr/bin/python3
"""Draws a reference text (one paragraph a line, as corpus/*.ref.txt) as a PDF
unlike the corpus: another producer (ReportLab), another font (DejaVu Serif,
embedded), other margins, running header and footer, bold numbered headings,
and line-end hyphenation with U+2010 (as HTML printers do) or '-' set a few
points apart. The tests read it back and compare with the text it was drawn
from.

usage: make_variant.py REF.txt OUT.pdf [--hyphen u2010|ascii-apart] [--seed N]
"""
import random
import re
import sys

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

args = sys.argv[1:]
ref, out = args[0], args[1]
hyphen_mode = args[args.index('--hyphen') + 1] if '--hyphen' in args else 'u2010'
rng = random.Random(int(args[args.index('--seed') + 1]) if '--seed' in args else 7)

pdfmetrics.registerFont(TTFont('Serif', '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf'))
pdfmetrics.registerFont(TTFont('SerifBold', '/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf'))

W, H = A4
LEFT, RIGHT, TOP, BOTTOM = 85, 60, 95, 80
SIZE, LEAD = 10, 13.5
heading = re.compile(r'^\d{1,2}(\.\d{1,3})*\.? \S')

paragraphs = [p.strip() for p in open(ref, encoding='utf-8-sig').read().split('\n') if p.strip()]


def split_word(word, room, font, size):
    """A Danish-looking break: a prefix of letters that fits, >= 3 letters each side."""
    letters = re.match(r'^[a-zæøå]+', word)
    if not letters or len(word) < 8 or not word.isalpha() or not word.islower():
        return None
    hy = '\u2010' if hyphen_mode == 'u2010' else '-'
    for cut in range(len(word) - 3, 2, -1):
        head = word[:cut] + hy
        if pdfmetrics.stringWidth(head, font, size) + (2 if hyphen_mode != 'u2010' else 0) <= room:
            return word[:cut], word[cut:]
    return None


def lines_of(text, font, size, width):
    words, lines, cur = text.split(), [], ''
    while words:
        w = words.pop(0)
        trial = (cur + ' ' + w) if cur else w
        if pdfmetrics.stringWidth(trial, font, size) <= width:
            cur = trial
            continue
        room = width - pdfmetrics.stringWidth(cur + ' ', font, size) if cur else width
        parts = split_word(w, room, font, size)
        if parts:
            lines.append(((cur + ' ') if cur else '') + parts[0] + '\x00')  # \x00: hyphen here
            cur = ''
            words.insert(0, parts[1])
        else:
            if cur:
                lines.append(cur)
            cur = w
    if cur:
        lines.append(cur)
    return lines


def layout():
    pages, page, y = [], [], H - TOP
    for p in paragraphs:
        bold = bool(heading.match(p)) and len(p) < 90
        font = 'SerifBold' if bold else 'Serif'
        size = SIZE + (1 if bold else 0)
        if bold:
            y -= 6
        for line in lines_of(p, font, size, W - LEFT - RIGHT):
            if y < BOTTOM:
                pages.append(page)
                page, y = [], H - TOP
            page.append((y, font, size, line))
            y -= LEAD
        y -= 4  # paragraph spacing
    pages.append(page)
    return pages


pages = layout()
c = canvas.Canvas(out, pagesize=A4)
c.setTitle('variant')
for n, page in enumerate(pages, 1):
    c.setFont('Serif', 8)
    c.drawString(LEFT, H - 50, 'Ballerup Kommune \u2013 politisk aftale')
    c.drawRightString(W - RIGHT, 40, 'Side %d af %d' % (n, len(pages)))
    for y, font, size, line in page:
        c.setFont(font, size)
        if line.endswith('\x00'):
            text = line[:-1]
            if hyphen_mode == 'u2010':
                c.drawString(LEFT, y, text + '\u2010')
            else:  # the hyphen set a little apart, as some producers do
                c.drawString(LEFT, y, text)
                c.drawString(LEFT + pdfmetrics.stringWidth(text, font, size) + 1.2, y, '-')
        else:
            c.drawString(LEFT, y, line)
    c.showPage()
c.save()
