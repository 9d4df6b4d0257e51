#!/usr/bin/python3
"""pdfminer.six baseline for bench/run.sh: pdfminer.high_level.extract_text per file.

Usage: /usr/bin/python3 bench/pdfminer_extract.py [-o OUTDIR] FILES...

With -o, writes OUTDIR/<name>.txt per input file; without it, writes
everything to stdout. Run it with /usr/bin/python3 (Debian python3-pdfminer);
a pyenv python3 on PATH usually has no pdfminer.
"""
import argparse
import os
import sys

from pdfminer.high_level import extract_text


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--out-dir", help="write OUTDIR/<name>.txt per file")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    if args.out_dir:
        os.makedirs(args.out_dir, exist_ok=True)
    for path in args.files:
        text = extract_text(path)
        if args.out_dir:
            name = os.path.splitext(os.path.basename(path))[0] + ".txt"
            with open(os.path.join(args.out_dir, name), "w", encoding="utf-8") as out:
                out.write(text)
        else:
            sys.stdout.write(text)


if __name__ == "__main__":
    main()
