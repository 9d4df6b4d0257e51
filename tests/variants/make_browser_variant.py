#!/usr/bin/python3
"""Prints a reference text (one paragraph a line, as corpus/*.ref.txt) the way
a municipality's web page reaches a PDF: as HTML through a web browser
(headless Chromium's print to PDF). Long words carry soft hyphens (&shy;) at
syllable-like places, as CMS editors and hyphenation plug-ins put them; the
browser breaks some lines there (a visible U+2010) and keeps every other soft
hyphen in the text as an invisible /ActualText. Its own running header (date,
title) and footer (address, "1/12") stay on. Numbered headings become <h2>.

usage: make_browser_variant.py REF.txt OUT.pdf [--font FAMILY]
Exit 3 when no Chromium is installed.
"""
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile

args = sys.argv[1:]
ref, out = args[0], args[1]
font = args[args.index('--font') + 1] if '--font' in args else 'DejaVu Sans'

browser = shutil.which('chromium') or shutil.which('chromium-browser')
if not browser:
    sys.exit(3)

heading = re.compile(r'^\d{1,2}(\.\d{1,3})*\.? \S')
vowels = set('aeiouyæøåAEIOUYÆØÅ')


def shy(word):
    """Soft hyphens before a consonant that is followed by a vowel, leaving
    three letters or more on each side: "bud&shy;get&shy;op&shy;føl&shy;gning"."""
    if len(word) < 8 or not word.isalpha():
        return html.escape(word)
    out, last = [], 0
    for i in range(3, len(word) - 3):
        if word[i] not in vowels and word[i + 1] in vowels and word[i - 1] in vowels and i - last >= 3:
            out.append(html.escape(word[last:i]))
            last = i
    out.append(html.escape(word[last:]))
    return '&shy;'.join(out)


def paragraph(text):
    return ' '.join(shy(w) for w in text.split(' '))


paras = [p.strip() for p in open(ref, encoding='utf-8-sig').read().split('\n') if p.strip()]
body = []
for p in paras:
    if heading.match(p) and len(p) < 90:
        body.append('<h2>%s</h2>' % paragraph(p))
    else:
        body.append('<p>%s</p>' % paragraph(p))

page = '''<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Politisk aftale</title>
<style>
  body { font-family: '%s'; font-size: 10.5pt; line-height: 1.35; margin: 0 1.2cm; }
  h2 { font-size: 12pt; margin: 1.1em 0 0.4em; }
  p { margin: 0 0 0.6em; text-align: left; }
</style></head>
<body>
%s
</body></html>
''' % (font, '\n'.join(body))

with tempfile.TemporaryDirectory() as tmp:
    src = os.path.join(tmp, 'aftale.html')
    with open(src, 'w', encoding='utf-8') as f:
        f.write(page)
    cmd = [browser, '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--user-data-dir=' + os.path.join(tmp, 'profile'), '--print-to-pdf=' + out, 'file://' + src]
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    if r.returncode != 0 or not os.path.exists(out):
        sys.exit(1)
