#!/usr/bin/python3
"""Peer baselines for bench/run.sh: text extraction by PyMuPDF or pdfminer.six.

Usage: /usr/bin/python3 bench/peer_extract.py {pymupdf|pdfminer} [-o OUTDIR] FILES...

pymupdf:  page.get_text("dict") for every page (blocks -> lines -> spans, with
          font, size, flags and bbox per span); the span text is written out,
          one line per line, a blank line between blocks, a form feed between
          pages.
pdfminer: pdfminer.high_level.extract_text per file.

With -o, writes OUTDIR/<name>.txt per input file; without it, everything goes
to stdout. Run it with /usr/bin/python3 (Debian python3-fitz and
python3-pdfminer); a pyenv python3 on PATH usually has neither.
"""
import argparse
import os
import sys


def pymupdf(path, out):
    import fitz  # PyMuPDF

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


def pdfminer(path, out):
    from pdfminer.high_level import extract_text

    out.write(extract_text(path))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tool", choices=["pymupdf", "pdfminer"])
    ap.add_argument("-o", "--out-dir", help="write OUTDIR/<name>.txt per file")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    extract = pymupdf if args.tool == "pymupdf" else pdfminer
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
