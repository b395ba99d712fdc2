#!/usr/bin/env bash
# Runs every fuzz target for N seconds each (default 60), one after the other,
# seeded from the committed fixtures. Needs nightly Rust and cargo-fuzz:
#   rustup toolchain install nightly && cargo install cargo-fuzz
# Usage: bash fuzz/run.sh [SECONDS] [TARGET...]
# Corpora grow in fuzz/corpus/TARGET, crashes land in fuzz/artifacts/TARGET
# (both ignored by git); the script ends with a non-zero status when any
# target found a crash, an out-of-memory or a timeout.
set -u
cd "$(dirname "$0")"
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(pdf_page image_decode tiff_reader mrz_text page_pipeline)
fixtures=../fixtures/encodings

seed() { # seed TARGET FILE...
    mkdir -p "corpus/$1"
    local t=$1
    shift
    for f in "$@"; do [ -f "$f" ] && cp -n "$f" "corpus/$t/" 2>/dev/null; done
    return 0
}
seed pdf_page "$fixtures"/*.pdf
seed image_decode "$fixtures"/*.jpg "$fixtures"/*.png
seed tiff_reader "$fixtures"/*.tif
mkdir -p corpus/mrz_text corpus/page_pipeline
printf 'IDD<<T220001293<<<<<<<<<<<<<<<\n6408125<2010315D<<<<<<<<<<<<<4\nMUSTERMANN<<ERIKA<<<<<<<<<<<<<\n' >corpus/mrz_text/td1
printf 'P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<\nC01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4\n' >corpus/mrz_text/td3
printf 'Bitte bringen Sie Ihren Personalausweis mit.\n' >corpus/mrz_text/letter
printf '\xff\xff\x40\xff\x00\xff\x00' >corpus/page_pipeline/stripes

# A build of all targets first, so that the time given is spent fuzzing.
cargo +nightly fuzz build || exit 1
status=0
for t in "${targets[@]}"; do
    mkdir -p "artifacts/$t"
    log="artifacts/$t.log"
    # One process, one job; each input gets 30 s (a page's time budget is
    # 60 s) and 2 GiB before it counts as a finding.
    cargo +nightly fuzz run "$t" "corpus/$t" -- \
        -max_total_time="$secs" -rss_limit_mb=2048 -timeout=30 -max_len=262144 -print_final_stats=1 \
        >"$log" 2>&1
    rc=$?
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
    speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$')
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
    found=$(ls "artifacts/$t" | wc -l)
    echo "$t: ${execs:-?} runs, ${speed:-?} runs/s, coverage ${cov:-?}, findings $found (exit $rc, log $log)"
    [ "$rc" -ne 0 ] || [ "$found" -ne 0 ] && status=1
done
exit $status
