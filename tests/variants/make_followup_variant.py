#!/usr/bin/python3
"""Draws the follow-up seed (../shared/seeds/budget-2017-opfoelgning-3.txt, or
any text in its form) again, as HTML printed by headless Chromium: another
producer (Skia), another font, and the smileys drawn another way.

  --smileys glyph     Unicode faces in the text (DejaVu Sans)
  --smileys picture   small coloured PNG pictures, no text at all
  --smileys shape     inline SVG circles (vector shapes), no text
  --smileys traffic   the status cell filled green, yellow or red, no symbol
  --layout items      a table per item, as the seed (header row repeated on
                      each page, rows split over pages)
  --layout chapters   another municipality's template: "Status på
                      budgetforlig 2017 - 3. opfølgning", a table per chapter,
                      a row per item: Nr. | Initiativ | Ansvarligt udvalg |
                      Status | Bemærkning (the status of the current follow-up)

The values a reader must find are the seed's: the corpus truth file of the
follow-up holds them (tests/fields_test.cc compares).

usage: make_followup_variant.py SEED.txt OUT.pdf [--smileys S] [--layout L]
Exit 3 when no Chromium is installed.
"""
import base64
import html
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

args = sys.argv[1:]
seed, out = args[0], args[1]
smileys = args[args.index('--smileys') + 1] if '--smileys' in args else 'glyph'
layout = args[args.index('--layout') + 1] if '--layout' in args else 'items'

browser = shutil.which('chromium') or shutil.which('chromium-browser')
if not browser:
    sys.exit(3)

# The faces the seed writes, by level (Word's Wingdings J/K/L read as the first of each).
LEVEL = {c: 'green' for c in '\u263A\u263B\U0001F642\U0001F60A\U0001F600\U0001F603\U0001F604'}
LEVEL.update({c: 'yellow' for c in '\U0001F610\U0001F611'})
LEVEL.update({c: 'red' for c in '\u2639\U0001F641\U0001F61E\U0001F61F'})
COLOUR = {'green': (0, 176, 80), 'yellow': (255, 192, 0), 'red': (192, 0, 0)}
GLYPH = {'green': '\u263A', 'yellow': '\U0001F610', 'red': '\u2639'}


def png_disc(rgb, n=24):
    """A disc of colour `rgb` on white, n x n pixels, as PNG bytes."""
    raw = b''
    for y in range(n):
        raw += b'\x00'
        for x in range(n):
            dx, dy = x + 0.5 - n / 2, y + 0.5 - n / 2
            inside = dx * dx + dy * dy <= (n / 2 - 0.5) ** 2
            raw += bytes(rgb) if inside else b'\xff\xff\xff'

    def chunk(kind, data):
        c = struct.pack('>I', len(data)) + kind + data
        return c + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', n, n, 8, 2, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))


def level_of(cell):
    """The level a seed cell's face shows ("☹️" is U+2639 with a selector)."""
    face = strip_tags(cell).replace('\ufe0f', '').replace('\ufe0e', '')
    return LEVEL.get(face)


def status_html(level):
    """The content of a status cell, and the cell's own style."""
    if not level:
        return '', ''
    if smileys == 'glyph':
        return '<span class="face" style="color:rgb%s">%s</span>' % (str(COLOUR[level]), GLYPH[level]), ''
    if smileys == 'picture':
        data = base64.b64encode(png_disc(COLOUR[level])).decode()
        return '<img class="face" src="data:image/png;base64,%s">' % data, ''
    if smileys == 'shape':
        return ('<svg class="face" viewBox="0 0 14 14"><circle cx="7" cy="7" r="6.5" fill="rgb%s"/></svg>'
                % str(COLOUR[level])), ''
    return '', ' style="background:rgb%s"' % str(COLOUR[level])


# ---- the seed ----

text = open(seed, encoding='utf-8-sig').read()
lines = text.split('\n')
preamble, blocks = [], []  # blocks: ('chapter', title) or ('table', rows)
rows, buffer, in_table = [], [], False
for line in lines:
    if line.startswith('**') and line.endswith('**'):
        if rows:
            blocks.append(('table', rows))
            rows = []
        in_table = False
        blocks.append(('chapter', line.strip('*').strip()))
        continue
    if '\t' in line:
        row = '\n'.join(buffer + [line]).split('\t')
        buffer = []
        # A header row ("3.02. Titel | Kort beskrivelse af indsatsen (drift) |
        # Tid | Smiley") opens the next item's table.
        if re.sub(r'<[^>]+>', '', row[1]).strip().startswith('Kort beskrivelse af indsatsen') and rows:
            blocks.append(('table', rows))
            rows = []
        rows.append(row)
        in_table = True
        continue
    if in_table and (line.startswith('<') or not line.strip()):
        if line.strip() or buffer:
            buffer.append(line)
        continue
    if in_table and line.strip():
        in_table = False
    if rows and not in_table:
        blocks.append(('table', rows))
        rows = []
    if not blocks and line.strip():
        preamble.append(line)
if rows:
    blocks.append(('table', rows))


def strip_tags(s):
    return re.sub(r'\s+', ' ', re.sub(r'<[^>]+>', ' ', s)).strip()


def cell_html(s):
    """Seed cell text (plain or with <p>, <b>, <ul><li>) as HTML."""
    s = s.strip()
    if '<' in s:
        return s
    return html.escape(s)


# Items with what a reader must find.
items, chapter = [], None
for kind, value in blocks:
    if kind == 'chapter':
        chapter = value
        continue
    header = value[0]
    head = strip_tags(header[0])
    m = re.match(r'^(\d{1,2}\.\d{1,3})\.?\s+(.*)$', head)
    number, title = (m.group(1), m.group(2)) if m else (None, head)
    km = re.search(r'indsatsen \(([^)]*)\)', strip_tags(header[1]))
    item = {'number': number, 'title': title, 'chapter': chapter, 'kind': km.group(1) if km else None,
            'committee': None, 'milestones': [], 'economy_status': None, 'rows': value}
    for row in value[1:]:
        label = strip_tags(row[0])
        plain = [strip_tags(c) for c in row]
        if label == 'Milepæl':
            symbol = plain[3] if len(plain) > 3 else ''
            item['milestones'].append({'due': plain[2], 'status': level_of(symbol)})
        elif label == 'Økonomi':
            item['economy_status'] = level_of(plain[3] if len(plain) > 3 else '')
        else:
            cm = re.search(r'Ansvarligt udvalg:\s*(.*?)(?:\s*Væsentlig bidragsyder:|$)', ' '.join(plain))
            if cm:
                item['committee'] = cm.group(1).strip()
    items.append(item)

# ---- the page ----

title = next((strip_tags(p.lstrip('# ')) for p in preamble if p.startswith('# ')), 'Opfølgning')
css = '''
  body { font-family: 'DejaVu Sans'; font-size: 9pt; margin: 0 1cm; }
  h1 { font-size: 17pt; } h2 { font-size: 12pt; margin-top: 14pt; }
  table { border-collapse: collapse; width: 100%; margin: 8pt 0 14pt; }
  td, th { border: 0.6pt solid #000; padding: 2pt 4pt; vertical-align: top; text-align: left; }
  th { font-weight: bold; }
  p { margin: 0 0 3pt; }
  .face { font-size: 13pt; width: 11pt; height: 11pt; }
  thead { display: table-header-group; }
'''
body = []
if layout == 'items':
    for p in preamble:
        p = p.strip()
        if not p:
            continue
        if p.startswith('# '):
            body.append('<h1>%s</h1>' % html.escape(p[2:]))
        elif p.startswith('## '):
            body.append('<h2>%s</h2>' % html.escape(p[3:]))
        elif p.startswith('- '):
            body.append('<p>&#8226; %s</p>' % html.escape(p[2:]))
        else:
            body.append('<p>%s</p>' % html.escape(p))
    chapter = None
    for item in items:
        if item['chapter'] != chapter:
            chapter = item['chapter']
            body.append('<h2>%s</h2>' % html.escape(chapter))
        rows = item['rows']
        out_rows = ['<thead><tr>%s</tr></thead>' % ''.join('<th>%s</th>' % cell_html(c) for c in rows[0])]
        for row in rows[1:]:
            label = strip_tags(row[0])
            if label in ('Milepæl', 'Økonomi'):
                level = level_of(row[3]) if len(row) > 3 else None
                content, style = status_html(level)
                out_rows.append('<tr><td><b>%s</b></td><td>%s</td><td>%s</td><td%s>%s</td></tr>' % (
                    label, cell_html(row[1]), cell_html(row[2]), style, content))
            else:
                out_rows.append('<tr><td colspan="2">%s</td><td colspan="2">%s</td></tr>' % (
                    cell_html(row[0]), cell_html(row[1])))
        body.append('<table>%s</table>' % ''.join(out_rows))
else:
    title = 'Status på budgetforlig 2017 – 3. opfølgning'
    body.append('<h1>%s</h1>' % html.escape(title))
    body.append('<p>Oversigten viser status for hvert initiativ i budgetforliget ved tredje opfølgning.</p>')
    chapter = None
    table = []
    for item in items + [None]:
        if item is None or item['chapter'] != chapter:
            if table:
                body.append('<table><thead><tr><th>Nr.</th><th>Initiativ</th><th>Ansvarligt udvalg</th>'
                            '<th>Status</th><th>Bemærkning</th></tr></thead>%s</table>' % ''.join(table))
                table = []
            if item is None:
                break
            chapter = item['chapter']
            body.append('<h2>%s</h2>' % html.escape(chapter))
        now = next((m for m in item['milestones'] if m['due'].startswith('3.')), None)
        item['row_status'] = now['status'] if now else None
        content, style = status_html(item['row_status'])
        item['remark'] = 'Status for %s.' % (item['title'][:40])
        table.append('<tr><td>%s</td><td>%s</td><td>%s</td><td%s>%s</td><td>%s</td></tr>' % (
            html.escape(item['number'] or ''), html.escape(item['title']), html.escape(item['committee'] or ''),
            style, content, html.escape(item['remark'])))

page = '<!doctype html><html lang="da"><head><meta charset="utf-8"><title>%s</title><style>%s</style></head>' \
       '<body>%s</body></html>' % (html.escape(title), css, '\n'.join(body))

with tempfile.TemporaryDirectory() as tmp:
    src = os.path.join(tmp, 'opfoelgning.html')
    with open(src, 'w', encoding='utf-8') as f:
        f.write(page)
    cmd = [browser, '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--no-pdf-header-footer', '--user-data-dir=' + os.path.join(tmp, 'profile'),
           '--print-to-pdf=' + out, 'file://' + src]
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    if r.returncode != 0 or not os.path.exists(out):
        sys.exit(1)

