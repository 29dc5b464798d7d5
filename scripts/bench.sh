#!/usr/bin/env bash
# Batch throughput and memory of the release binary, against one process per plan.
#
#   scripts/bench.sh            N = 1, 100, 1000, 3321 (about 15 minutes on 2 cores)
#   NS="1 100" scripts/bench.sh
#
# Workload: plans/batch/ke-hoach.yaml (4 pages and a 60-task landscape appendix,
# 11 pages in all) filled from plans/batch/xa.csv, its 110 communes repeated to N
# rows, each row with its own number and date so that no two plans are alike. For each N: `kehoach batch` writing PDF only, DOCX only and both; then the
# same N plans rendered by one `kehoach render` process each (two at a time, as
# many as there are cores). Peak memory is that of the whole process tree (scripts/peak_rss.py).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/kehoach
work=${BENCH_DIR:-/tmp/kehoach-bench}
rm -rf "$work"; mkdir -p "$work"
cores=$(nproc)
NS=${NS:-"1 100 1000 3321"}

# N rows: the communes of xa.csv again and again, each with its own file name.
make_data() {
  python3 - "$1" "$work/data-$1.csv" <<'PY'
import csv, sys
n, out = int(sys.argv[1]), sys.argv[2]
rows = list(csv.DictReader(open("plans/batch/xa.csv", encoding="utf-8")))
with open(out, "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=rows[0].keys(), lineterminator="\n"); w.writeheader()
    for i in range(n):
        r = dict(rows[i % len(rows)]); r["ten_tep"] = f"{i:05d} {r['ten_tep']}"
        # Every row differs (number, date), so no plan is a copy Typst could serve from cache.
        r["so"] = str(i % 999 + 1); r["ngay"] = f"{i % 27 + 2}/3/2026"; w.writerow(r)
PY
}

# The same plans as standalone files, for one process each (values pasted in by this script).
make_plans() {
  python3 - "$1" "$work/plans-$1" <<'PY'
import csv, os, re, sys
n, out = int(sys.argv[1]), sys.argv[2]
os.makedirs(out, exist_ok=True)
text = open("plans/batch/ke-hoach.yaml", encoding="utf-8").read()
rows = list(csv.DictReader(open("plans/batch/xa.csv", encoding="utf-8")))
def fill(m, r):
    name, filt = m.group(1), m.group(2)
    if name.startswith("phu_luc.") or name not in r: return m.group(0)
    v = r[name].replace(".", ",") if re.fullmatch(r"\d+\.\d", r[name]) else r[name]
    return v.lower() if filt == "lower" else v
for i in range(n):
    r = dict(rows[i % len(rows)])
    r["so"] = str(i % 999 + 1); r["ngay"] = f"{i % 27 + 2}/3/2026"
    body = re.sub(r"\{\{\s*([\w.]+)\s*(?:\|\s*(\w+)\s*)?\}\}", lambda m: fill(m, r), text)
    open(f"{out}/{i:05d}.yaml", "w", encoding="utf-8").write(body)
PY
}

measure() { # label N command...: prints "| label | N | seconds | plans/s | peak MB |"
  local label=$1 n=$2; shift 2
  local r
  # Wall time and the peak memory of the whole process tree (the batch and its workers).
  r=$(python3 scripts/peak_rss.py "$@" 2>"$work/err") || { cat "$work/err" >&2; exit 1; }
  awk -v l="$label" -v n="$n" -v r="$r" \
    'BEGIN { split(r, a, " "); printf "| %-28s | %5d | %8.2f | %8.1f | %7.0f |\n", l, n, a[1], n / a[1], a[2] / 1048576 }'
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "binary: $($bin --version), release build"
echo
echo "| run                          |     N |  seconds | plans/s | peak MB |"
echo "|------------------------------|------:|---------:|--------:|--------:|"
for n in $NS; do
  make_data "$n"
  for f in pdf docx all; do
    rm -rf "$work/out"
    measure "batch --format $f" "$n" $bin batch plans/batch/ke-hoach.yaml --data "$work/data-$n.csv" --out "$work/out" --format "$f" --quiet --no-system-fonts
  done
  make_plans "$n"
  rm -rf "$work/out"
  measure "one render process per plan" "$n" bash -c \
    "ls '$work/plans-$n'/*.yaml | xargs -P $cores -n 1 $bin render --no-system-fonts --format all --out '$work/out'"
done

# One plan, including process start: the median of 11 runs.
make_plans 1
for i in $(seq 11); do
  t0=$(date +%s%N); $bin render --no-system-fonts --format all --out "$work/one" "$work/plans-1/00000.yaml" >/dev/null; t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
done | sort -n | awk '{ a[NR] = $1 } END { printf "\none plan, PDF and DOCX, process start included: median %d ms (min %d, max %d) over %d runs\n", a[int((NR + 1) / 2)], a[1], a[NR], NR }'
