#!/usr/bin/python3
"""PyMuPDF baseline for bench/run.sh: text extraction with spans.

Usage: /usr/bin/python3 bench/pymupdf_extract.py [-o OUTDIR] FILES...

For every page, calls page.get_text("dict") (blocks -> lines -> spans, with
font, size, flags and bbox per span) and writes the span text out: the spans
of a line joined, one line per line, a blank line between blocks and a form
feed between pages. With -o, writes OUTDIR/<name>.txt per input file;
without it, writes everything to stdout.

Run it with /usr/bin/python3 (Debian python3-fitz); a pyenv python3 on PATH
usually has no fitz.
"""
import argparse
import os
import sys

import fitz  # PyMuPDF


def extract(path, out):
    with fitz.open(path) as doc:
        for page in doc:
            d = page.get_text("dict")
            for block in d["blocks"]:
                if block.get("type", 0) != 0:  # 1 = image block
                    continue
                for line in block["lines"]:
                    out.write("".join(span["text"] for span in line["spans"]))
                    out.write("\n")
                out.write("\n")
            out.write("\f")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--out-dir", help="write OUTDIR/<name>.txt per file")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    if args.out_dir:
        os.makedirs(args.out_dir, exist_ok=True)
    for path in args.files:
        if args.out_dir:
            name = os.path.splitext(os.path.basename(path))[0] + ".txt"
            with open(os.path.join(args.out_dir, name), "w", encoding="utf-8") as out:
                extract(path, out)
        else:
            extract(path, sys.stdout)


if __name__ == "__main__":
    main()
