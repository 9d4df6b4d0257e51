#!/usr/bin/env bash
# Benchmark harness: times aftale against pdftotext, PyMuPDF and pdfminer.six
# on one workload in one run, and writes a markdown report.
#
# Usage: bash bench/run.sh [--pages N] [--jobs J] [--out bench/RESULTS.md]
#                          [--repeat R] [--pdfminer-pages M]
# See bench/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bash bench/run.sh [options]

  --pages N           build a workload of at least N pages (default 1000)
  --jobs J            worker count for the parallel `aftale convert` run
                      (default: nproc)
  --out FILE          where to write the report (default bench/RESULTS.md)
  --repeat R          run each tool R times, keep the minimum time (default 1)
  --pdfminer-pages M  run pdfminer.six on a prefix of the workload of about
                      M pages and extrapolate (default 200; 0 skips pdfminer)
  -h, --help          show this help

Environment: AFTALE=path overrides build/aftale; BENCH_NO_TIME=1 ignores
/usr/bin/time (tests the fallback without peak RSS).
EOF
}

PAGES=1000
JOBS=$(nproc)
OUT=bench/RESULTS.md
REPEAT=1
PDFMINER_PAGES=200
ARGS_TEXT="$*"

need_arg() { [[ $# -ge 2 && -n $2 ]] || { echo "run.sh: $1 needs a value" >&2; exit 2; }; }
while [[ $# -gt 0 ]]; do
    case $1 in
        --pages) need_arg "$@"; PAGES=$2; shift 2 ;;
        --pages=*) PAGES=${1#*=}; shift ;;
        --jobs|-j) need_arg "$@"; JOBS=$2; shift 2 ;;
        --jobs=*) JOBS=${1#*=}; shift ;;
        --out|-o) need_arg "$@"; OUT=$2; shift 2 ;;
        --out=*) OUT=${1#*=}; shift ;;
        --repeat) need_arg "$@"; REPEAT=$2; shift 2 ;;
        --repeat=*) REPEAT=${1#*=}; shift ;;
        --pdfminer-pages) need_arg "$@"; PDFMINER_PAGES=$2; shift 2 ;;
        --pdfminer-pages=*) PDFMINER_PAGES=${1#*=}; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done
for v in PAGES JOBS REPEAT PDFMINER_PAGES; do
    [[ ${!v} =~ ^[0-9]+$ ]] || { echo "run.sh: $v must be a non-negative integer, got '${!v}'" >&2; exit 2; }
done
(( PAGES >= 1 && JOBS >= 1 && REPEAT >= 1 )) || { echo "run.sh: --pages, --jobs and --repeat must be >= 1" >&2; exit 2; }

# --out is relative to where the script was invoked; everything else to the repo root.
case $OUT in /*) ;; *) OUT=$PWD/$OUT ;; esac
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

AFTALE=${AFTALE:-build/aftale}
PY=/usr/bin/python3          # Debian python with python3-fitz and python3-pdfminer
WORK=bench/work
OUTDIR=bench/out
LOGDIR=$OUTDIR/logs
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

# Wall clock in seconds with microseconds ($EPOCHREALTIME, bash >= 5; the
# decimal separator follows the locale, so normalise it).
now() {
    if [[ -n ${EPOCHREALTIME:-} ]]; then
        local t=$EPOCHREALTIME
        printf '%s\n' "${t/[^0-9]/.}"
    else
        date +%s.%N
    fi
}
# calc EXPR: floating point arithmetic via awk.
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }
fmt() { awk -v x="$1" -v p="$2" 'BEGIN { printf "%.*f", p, x }'; }

# ---------------------------------------------------------------- tools ---
command -v pdfinfo >/dev/null || die "pdfinfo (poppler-utils) is required to count pages"
pdf_pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }

HAVE_TIME=0
if [[ -z ${BENCH_NO_TIME:-} && -x /usr/bin/time ]] && /usr/bin/time -f '%e %M' -o "$TMP/probe" true 2>/dev/null; then
    HAVE_TIME=1
else
    log "/usr/bin/time unavailable (Debian package 'time') or disabled: timing with bash only, peak RSS will be n/a"
fi

HAVE_PDFTOTEXT=0; command -v pdftotext >/dev/null && HAVE_PDFTOTEXT=1
HAVE_AFTALE=0; [[ -x $AFTALE ]] && HAVE_AFTALE=1
HAVE_CONVERT=0
if (( HAVE_AFTALE )); then
    # The exit status alone is not enough: CLI11 answers `aftale <anything> --help`
    # with the top-level help and status 0. A real subcommand shows itself in
    # its own usage line.
    if "$AFTALE" convert --help >"$TMP/convert-help" 2>&1 \
        && grep -Eq '^Usage:.*[ /]aftale convert( |$)' "$TMP/convert-help"; then
        HAVE_CONVERT=1
    fi
fi
HAVE_FITZ=0; [[ -x $PY ]] && "$PY" -c 'import fitz' 2>/dev/null && HAVE_FITZ=1
HAVE_PDFMINER=0; [[ -x $PY ]] && "$PY" -c 'import pdfminer.high_level' 2>/dev/null && HAVE_PDFMINER=1

# ------------------------------------------------------------- workload ---
shopt -s nullglob
CORPUS=(corpus/*.pdf)
shopt -u nullglob
(( ${#CORPUS[@]} > 0 )) || die "no corpus/*.pdf found under $ROOT"
declare -A CPAGES
for f in "${CORPUS[@]}"; do
    p=$(pdf_pages "$f")
    [[ $p =~ ^[0-9]+$ && $p -gt 0 ]] || die "cannot count pages of $f with pdfinfo"
    CPAGES[$f]=$p
done

log "building workload of >= $PAGES pages in $WORK/"
rm -rf "$WORK"
mkdir -p "$WORK"
FILES=(); FPAGES=(); TOTAL=0; pass=0
while (( TOTAL < PAGES )); do
    pass=$((pass + 1))
    for f in "${CORPUS[@]}"; do
        (( TOTAL < PAGES )) || break
        dst=$(printf '%s/copy%03d-%s' "$WORK" "$pass" "${f##*/}")
        cp "$f" "$dst"
        FILES+=("$dst"); FPAGES+=("${CPAGES[$f]}")
        TOTAL=$((TOTAL + CPAGES[$f]))
    done
done
NFILES=${#FILES[@]}
log "workload: $NFILES files, $TOTAL pages"

# pdfminer runs on a prefix of the workload totalling about PDFMINER_PAGES pages.
MINER_FILES=(); MINER_PAGES=0
if (( PDFMINER_PAGES > 0 )); then
    for i in "${!FILES[@]}"; do
        (( MINER_PAGES < PDFMINER_PAGES )) || break
        MINER_FILES+=("${FILES[$i]}"); MINER_PAGES=$((MINER_PAGES + FPAGES[i]))
    done
fi

# ---------------------------------------------------------- measurement ---
# Results per key: LABEL, NPAGES, SECS (min over repeats), RSS (KiB, max over
# repeats), RC (last non-zero exit status), NOTE (why skipped).
declare -A LABEL NPAGES SECS RSS RC NOTE
KEYS=()

# Repeats are interleaved (every tool once, then every tool again) so that
# a slow spell on a shared machine hits all tools alike; PASS is the round.
PASS=1

skip() { # skip KEY LABEL REASON
    (( PASS == 1 )) || return 0
    KEYS+=("$1"); LABEL[$1]=$2; NOTE[$1]=$3
    log "skipping $2: $3"
}

measure() { # measure KEY LABEL PAGES OUTDIR CMD...
    local key=$1 label=$2 pages=$3 dir=$4; shift 4
    if (( PASS == 1 )); then
        KEYS+=("$key"); LABEL[$key]=$label; NPAGES[$key]=$pages; RC[$key]=0
    fi
    mkdir -p "$LOGDIR"
    local t0 t1 secs rss rc best=${SECS[$key]:-} peak=${RSS[$key]:-}
    {
        log "running $label ($pages pages) [$PASS/$REPEAT]"
        rm -rf "$dir"; mkdir -p "$dir"
        rc=0
        t0=$(now)
        if (( HAVE_TIME )); then
            /usr/bin/time -f '%e %M' -o "$TMP/time" "$@" >"$LOGDIR/$key.out" 2>"$LOGDIR/$key.log" || rc=$?
        else
            "$@" >"$LOGDIR/$key.out" 2>"$LOGDIR/$key.log" || rc=$?
        fi
        t1=$(now)
        secs=$(calc "$t1 - $t0")
        if (( HAVE_TIME )); then
            # GNU time puts "Command exited with non-zero status N" before the format line.
            rss=$(tail -n 1 "$TMP/time" | awk '{ print $2 }')
            [[ $rss =~ ^[0-9]+$ ]] || rss=""
            if [[ -n $rss ]] && [[ -z $peak || $rss -gt $peak ]]; then peak=$rss; fi
        fi
        if (( rc != 0 )); then
            RC[$key]=$rc
            log "  $label exited with status $rc (see $LOGDIR/$key.log)"
        fi
        if [[ -z $best ]] || awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$secs; fi
        log "  $(fmt "$secs" 3) s"
    }
    SECS[$key]=$best
    RSS[$key]=$peak
}

# Untimed warm-up so that the first timed tool does not pay for loading
# shared libraries / Python modules from disk.
cat "${FILES[@]}" >/dev/null
(( HAVE_PDFTOTEXT )) && pdftotext -l 1 "${FILES[0]}" /dev/null 2>/dev/null || true
(( HAVE_AFTALE )) && "$AFTALE" --version >/dev/null 2>&1 || true
(( HAVE_FITZ )) && "$PY" -c 'import fitz' 2>/dev/null || true
(( HAVE_PDFMINER )) && "$PY" -c 'import pdfminer.high_level' 2>/dev/null || true

export BENCH_OUT BENCH_AFTALE=$AFTALE
run_all() {
# Loop over files inside a single shell, timed as a whole; keep going on a
# failing file but report failure through the exit status.
LOOP_PDFTOTEXT='rc=0; for f in "$@"; do n=${f##*/}; pdftotext "$f" "$BENCH_OUT/${n%.pdf}.txt" || rc=$?; done; exit $rc'
LOOP_BBOX='rc=0; for f in "$@"; do n=${f##*/}; pdftotext -bbox-layout "$f" "$BENCH_OUT/${n%.pdf}.html" || rc=$?; done; exit $rc'
LOOP_AFTALE='rc=0; for f in "$@"; do n=${f##*/}; "$BENCH_AFTALE" text "$f" >"$BENCH_OUT/${n%.pdf}.txt" || rc=$?; done; exit $rc'

if (( HAVE_PDFTOTEXT )); then
    BENCH_OUT=$OUTDIR/pdftotext
    measure pdftotext "pdftotext" "$TOTAL" "$BENCH_OUT" bash -c "$LOOP_PDFTOTEXT" bash "${FILES[@]}"
    BENCH_OUT=$OUTDIR/pdftotext-bbox
    measure bbox "pdftotext -bbox-layout" "$TOTAL" "$BENCH_OUT" bash -c "$LOOP_BBOX" bash "${FILES[@]}"
else
    skip pdftotext "pdftotext" "pdftotext not installed (poppler-utils)"
    skip bbox "pdftotext -bbox-layout" "pdftotext not installed (poppler-utils)"
fi

if (( HAVE_AFTALE )); then
    BENCH_OUT=$OUTDIR/aftale-text
    measure text "aftale text" "$TOTAL" "$BENCH_OUT" bash -c "$LOOP_AFTALE" bash "${FILES[@]}"
else
    skip text "aftale text" "$AFTALE not found (build it first)"
fi

if (( HAVE_CONVERT )); then
    measure convert1 "aftale convert -j 1 --format both" "$TOTAL" "$OUTDIR/convert1" \
        "$AFTALE" convert "${FILES[@]}" -o "$OUTDIR/convert1" -j 1 --format both
    measure convertN "aftale convert -j $JOBS --format both" "$TOTAL" "$OUTDIR/convertN" \
        "$AFTALE" convert "${FILES[@]}" -o "$OUTDIR/convertN" -j "$JOBS" --format both
else
    why="no \`convert\` subcommand in $AFTALE"
    (( HAVE_AFTALE )) || why="$AFTALE not found (build it first)"
    skip convert1 "aftale convert -j 1 --format both" "$why"
    skip convertN "aftale convert -j $JOBS --format both" "$why"
fi

if (( HAVE_FITZ )); then
    measure pymupdf 'PyMuPDF get_text("dict")' "$TOTAL" "$OUTDIR/pymupdf" \
        "$PY" bench/peer_extract.py pymupdf -o "$OUTDIR/pymupdf" "${FILES[@]}"
else
    skip pymupdf 'PyMuPDF get_text("dict")' "$PY cannot import fitz (Debian python3-fitz)"
fi

if (( PDFMINER_PAGES == 0 )); then
    skip pdfminer "pdfminer.six extract_text" "disabled with --pdfminer-pages 0"
elif (( HAVE_PDFMINER )); then
    measure pdfminer "pdfminer.six extract_text" "$MINER_PAGES" "$OUTDIR/pdfminer" \
        "$PY" bench/peer_extract.py pdfminer -o "$OUTDIR/pdfminer" "${MINER_FILES[@]}"
else
    skip pdfminer "pdfminer.six extract_text" "$PY cannot import pdfminer (Debian python3-pdfminer)"
fi
}

for ((PASS = 1; PASS <= REPEAT; PASS++)); do
    run_all
done

# -------------------------------------------------------------- results ---
measured() { [[ -n ${SECS[$1]:-} ]]; }
# Seconds the tool would take on the whole workload (extrapolated from its
# pages/s when it ran on a subset, i.e. pdfminer).
full_secs() { calc "${SECS[$1]} * $TOTAL / ${NPAGES[$1]}"; }
ratio() { # ratio A B: full-workload seconds of A / of B, or empty
    measured "$1" && measured "$2" || return 0
    local a b; a=$(full_secs "$1"); b=$(full_secs "$2")
    awk -v b="$b" 'BEGIN { exit !(b > 0) }' || return 0
    calc "$a / $b"
}
subset() { measured "$1" && (( ${NPAGES[$1]} != TOTAL )); }

version_of() { "$@" 2>&1 | head -n 1 || true; }
V_PDFTOTEXT=n/a; (( HAVE_PDFTOTEXT )) && V_PDFTOTEXT=$(pdftotext -v 2>&1 | head -n 1 | sed 's/^pdftotext version //')
V_AFTALE=n/a; (( HAVE_AFTALE )) && V_AFTALE=$(version_of "$AFTALE" --version)
V_FITZ=n/a; (( HAVE_FITZ )) && V_FITZ=$("$PY" -c '
import fitz
b = getattr(fitz, "VersionBind", None) or getattr(fitz, "__version__", "?")
m = getattr(fitz, "VersionFitz", None)
print(b + (" (MuPDF %s)" % m if m else ""))' 2>/dev/null || echo '?')
V_PDFMINER=n/a; (( HAVE_PDFMINER )) && V_PDFMINER=$("$PY" -c 'import pdfminer; print(pdfminer.__version__)' 2>/dev/null || echo '?')
V_PY=$("$PY" -c 'import platform; print(platform.python_version())' 2>/dev/null || echo n/a)

COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ $COMMIT != unknown && -n $(git status --porcelain --untracked-files=no 2>/dev/null) ]]; then
    COMMIT="$COMMIT (working tree has uncommitted changes)"
fi
CPU=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
[[ -n $CPU ]] || CPU=$(uname -m)
MEM=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo '?')
LOAD=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

TABLE=$TMP/table.md
{
    echo "| tool | pages | seconds | pages/s | time ratio vs pdftotext | peak RSS MiB |"
    echo "|---|---:|---:|---:|---:|---:|"
    for k in "${KEYS[@]}"; do
        label=${LABEL[$k]}
        if ! measured "$k"; then
            echo "| $label | – | skipped: ${NOTE[$k]} | – | – | – |"
            continue
        fi
        (( ${RC[$k]} == 0 )) || label="$label ⚠ exit ${RC[$k]}"
        mark=""; subset "$k" && mark=" †"
        pps=$(calc "${NPAGES[$k]} / (${SECS[$k]} > 0 ? ${SECS[$k]} : 1e-9)")
        r=$(ratio "$k" pdftotext); [[ -n $r ]] && r="$(fmt "$r" 2)$mark" || r=n/a
        rss=n/a; [[ -n ${RSS[$k]:-} ]] && rss=$(fmt "$(calc "${RSS[$k]} / 1024")" 1)
        echo "| $label | ${NPAGES[$k]}$mark | $(fmt "${SECS[$k]}" 3) | $(fmt "$pps" 1) | $r | $rss |"
    done
    notes=()
    if subset pdfminer; then
        notes+=("† pdfminer.six ran on the first ${#MINER_FILES[@]} file(s) only (${NPAGES[pdfminer]} of $TOTAL pages, \`--pdfminer-pages $PDFMINER_PAGES\`); its ratio and the targets below extrapolate its pages/s to the whole workload: $(fmt "$(full_secs pdfminer)" 1) s.")
    fi
    for k in "${KEYS[@]}"; do
        if measured "$k" && (( ${RC[$k]} != 0 )); then
            notes+=("⚠ ${LABEL[$k]} exited with status ${RC[$k]}; see \`$LOGDIR/$k.log\`.")
        fi
    done
    (( HAVE_TIME )) || notes+=("/usr/bin/time is missing (Debian package \`time\`), so peak RSS is n/a.")
    if (( ${#notes[@]} )); then
        echo
        printf '%s\n\n' "${notes[@]}" | sed '$d'
    fi
} >"$TABLE"

TARGETS=$TMP/targets.md
target() { # target LABEL A B OP GOAL
    local label=$1 a=$2 b=$3 op=$4 goal=$5 r verdict
    r=$(ratio "$a" "$b")
    if [[ -z $r ]]; then
        local why=""
        measured "$a" || why="${LABEL[$a]}: ${NOTE[$a]:-not measured}"
        measured "$b" || why="${why:+$why; }${LABEL[$b]}: ${NOTE[$b]:-not measured}"
        echo "| $label | n/a | $op $goal | SKIP (${why:-no data}) |"
        return
    fi
    if awk -v r="$r" -v g="$goal" -v op="$op" 'BEGIN {
            if (op == "<=") exit !(r <= g); if (op == ">=") exit !(r >= g);
            if (op == ">") exit !(r > g); exit 1 }'; then
        verdict=PASS
    else
        verdict=MISS
    fi
    local warn=""
    for k in "$a" "$b"; do (( ${RC[$k]:-0} == 0 )) || warn=" ⚠ ${LABEL[$k]} exited ${RC[$k]}"; done
    echo "| $label | $(fmt "$r" 2) | $op $goal | $verdict$warn |"
}
{
    echo "| target | ratio | goal | result |"
    echo "|---|---:|---:|---|"
    target "aftale convert -j1 time / pdftotext time" convert1 pdftotext "<=" 1.5
    target "pdfminer.six time / aftale convert -j1 time" pdfminer convert1 ">=" 20
    target "PyMuPDF time / aftale convert -j1 time" pymupdf convert1 ">" 1
    target "aftale text time / pdftotext time" text pdftotext "<=" 1.0
} >"$TARGETS"

# Instruction counts (callgrind) on one corpus document: repeatable on a
# shared machine where wall times are not.
CALLGRIND=$TMP/callgrind.md
instr() { # instr CMD... -> prints the instruction count, or nothing
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        awk '/refs:/ { gsub(",", "", $NF); print $NF }'
}
if command -v valgrind >/dev/null 2>&1 && (( HAVE_PDFTOTEXT && HAVE_AFTALE )); then
    DOC=corpus/budget-2020-aftale.pdf
    log "counting instructions on $DOC (callgrind)"
    I_PDF=$(instr pdftotext "$DOC" /dev/null)
    I_TEXT=$(instr "$AFTALE" text --no-isolate "$DOC")
    I_BOTH=$(instr "$AFTALE" extract --no-isolate --format both -o "$TMP/one" "$DOC")
    {
        echo "| command on \`$DOC\` | instructions | ratio vs pdftotext |"
        echo "|---|---:|---:|"
        echo "| pdftotext | $I_PDF | 1.00 |"
        echo "| aftale text | $I_TEXT | $(fmt "$(calc "$I_TEXT / $I_PDF")" 2) |"
        echo "| aftale extract --format both (validated JSON + XML) | $I_BOTH | $(fmt "$(calc "$I_BOTH / $I_PDF")" 2) |"
    } >"$CALLGRIND"
else
    echo "valgrind not installed: no instruction counts." >"$CALLGRIND"
fi

mkdir -p "$(dirname "$OUT")"
{
    echo "# aftale benchmark results"
    echo
    echo "- Date: $(date '+%Y-%m-%d %H:%M:%S %Z')"
    echo "- Commit: $COMMIT"
    echo "- Machine: $(nproc) CPUs ($CPU), $MEM RAM; load average $LOAD_START at start, $LOAD at end"
    echo "- Tools: pdftotext $V_PDFTOTEXT; $V_AFTALE; PyMuPDF $V_FITZ; pdfminer.six $V_PDFMINER; Python $V_PY ($PY)"
    echo "- Workload: $NFILES file(s), $TOTAL pages in \`$WORK/\` (copies of ${#CORPUS[@]} \`corpus/*.pdf\` files)"
    echo "- Run: \`bash bench/run.sh${ARGS_TEXT:+ $ARGS_TEXT}\` (jobs $JOBS, repeat $REPEAT: best of $REPEAT wall times, highest peak RSS)"
    echo
    echo "## Results"
    echo
    cat "$TABLE"
    echo
    echo "Ratios compare tools on the same pages in the same run; on a shared machine they are what counts, not the absolute seconds."
    echo
    echo "## Targets"
    echo
    cat "$TARGETS"
    echo
    echo "## Instruction counts"
    echo
    cat "$CALLGRIND"
    echo
    echo "Where the time goes and why PyMuPDF stays ahead: see bench/README.md, \"Profile\"."
} >"$OUT"

echo
cat "$TABLE"
echo
cat "$TARGETS"
echo
cat "$CALLGRIND"
echo
log "report written to ${OUT#"$ROOT"/}"
