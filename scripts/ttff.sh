#!/usr/bin/env bash
# Time to first frame and peak memory of the release binary, measured through a real pty,
# beside a bare ratatui "hello" program built in the same run (scripts/ttff-hello/main.rs,
# same ratatui, same Cargo.lock, same release profile, built into a temp target dir).
#
# Usage: scripts/ttff.sh [RUNS]        (default 7 runs per case, after one warm-up)
#
# Needs python3 and ../shared/tools/ttff.py (next to the repository), which spawns each
# program on an 100x30 pty, times the first appearance of an expected text, sends keys to
# leave, and reads the child's peak RSS (VmHWM) from /proc.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=${1:-7}

ttff=${TTFF:-$root/../shared/tools/ttff.py}
if [[ ! -f $ttff ]]; then
    echo "ttff.sh: $ttff not found; set TTFF=/path/to/ttff.py" >&2
    exit 2
fi
command -v python3 >/dev/null || { echo "ttff.sh: python3 is needed" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== building overture (release)" >&2
cargo build --release --quiet
overture=$root/target/release/overture

echo "== building the ratatui hello baseline (release, temp target dir)" >&2
ratatui_version=$(awk '/^name = "ratatui"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
mkdir -p "$work/hello/src"
cp scripts/ttff-hello/main.rs "$work/hello/src/main.rs"
cp Cargo.lock "$work/hello/Cargo.lock"
cat > "$work/hello/Cargo.toml" <<TOML
[package]
name = "ttff-hello"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
ratatui = "=$ratatui_version"

[profile.release]
panic = "unwind"
TOML
CARGO_TARGET_DIR=$work/target cargo build --release --quiet --manifest-path "$work/hello/Cargo.toml"
hello=$work/target/release/ttff-hello

# A data folder with 5,000 finished check-ins: one real check-in through plain mode, copied.
big=$work/big
printf '\n1\n\n3\n3\n3\n3\n3\n3\n3\n3\n3\n4\n4\n3\n3\n1\n1\n1\n3\n2\n1\n1\n2\n3\n5\n' \
    | "$overture" --plain --data-dir "$big" >/dev/null 2>&1
python3 - "$big/overture.json" <<'PY'
import json, sys
path = sys.argv[1]
doc = json.load(open(path))
one = doc["assessments"][0]
doc["assessments"] = [dict(one, id=f"a{i}") for i in range(5000)]
json.dump(doc, open(path, "w"), indent=2)
PY

measure() { # name, expect, keys, command...
    local name=$1 expect=$2 keys=$3
    shift 3
    local out
    out=$(python3 "$ttff" -n "$runs" --expect "$expect" --keys "$keys" -- "$@")
    local ff rss
    ff=$(sed -n 's/^first_frame_ms median=\([0-9.]*\).*/\1/p' <<<"$out")
    rss=$(sed -n 's/^peak_rss_kib(VmHWM) median=\([0-9]*\).*/\1/p' <<<"$out")
    printf '| %s | %s ms | %s MiB |\n' "$name" "$ff" "$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')"
}

echo "== measuring ($runs runs each, median)" >&2
echo "| Program | Time to first frame | Peak RSS |"
echo "|---|---|---|"
measure "ratatui hello (baseline)" "Hello from ratatui" 'q' "$hello"
measure "overture, first run (welcome)" "Press Enter to begin" '\x11' "$overture" --data-dir "$work/fresh"
measure "overture, 5,000 saved check-ins (home)" "What would you like to do?" '\x11' "$overture" --data-dir "$big"
measure "overture --plain (welcome)" "Press Enter to begin" 'quit\r' "$overture" --plain --data-dir "$work/plain"
echo
size() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
echo "Binary size: overture $(size "$overture"), hello $(size "$hello") (release, not stripped)."
echo "Data file with 5,000 check-ins: $(size "$big/overture.json")."
