#!/usr/bin/env bash
# Runs every fuzz target (or those named) for SECONDS each, one after the other:
#
#   fuzz/run.sh 300                 five minutes per target
#   fuzz/run.sh 20 load_meeting     one target
#
# The corpus starts from the sample archive, the test fixtures and every input the fuzzer
# ever found (fuzz/regressions/<target>/, which the normal test suite also runs). A crash
# is left in fuzz/artifacts/<target>/; copy it into fuzz/regressions/<target>/ once fixed.
# Prints executions per second per target; exits 1 if any target crashed.
#
# FUZZ_SEED=N fixes libFuzzer's random seed and FUZZ_RUNS=N stops each target after N
# inputs (SECONDS stays the cap), so that a run (CI's smoke) tries the same inputs each
# time and fails only on a change of the code, never on luck; unset, every run explores
# afresh for SECONDS.
set -euo pipefail
cd "$(dirname "$0")"

seconds="${1:?usage: fuzz/run.sh SECONDS [TARGET...]}"
shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(load_meeting load_archive edit_roundtrip markdown_export tui_markdown import_text merge_file cache_files)

# cargo-fuzz needs a nightly compiler; a stable one will do with RUSTC_BOOTSTRAP.
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  fuzz=(cargo +nightly fuzz)
else
  export RUSTC_BOOTSTRAP=1
  fuzz=(cargo fuzz)
fi

meetings=(../agendas/20*/*.toml ../tests/fixtures/*/20*/*.toml)
seed() {
  local target="$1" dir="corpus/$1"
  mkdir -p "$dir"
  case "$target" in
    load_archive)
      for fixture in ../agendas ../tests/fixtures/*/; do
        [ -f "$fixture/forum.toml" ] || continue
        for m in "$fixture"/20*/*.toml; do
          [ -f "$m" ] || continue
          plan=$(ls "$fixture"/calendar/*.toml 2>/dev/null | head -1 || true)
          { cat "$fixture/forum.toml"; printf '\n%%%%%%%%\n'; cat "$m"
            printf '\n%%%%%%%%\n'; [ -n "$plan" ] && cat "$plan"; } >"$dir/seed-$(basename "$m")"
        done
      done ;;
    tui_markdown)
      for m in "${meetings[@]}"; do { printf 'P'; cat "$m"; } >"$dir/seed-$(basename "$m")"; done ;;
    import_text)
      cp ../tests/fixtures/import/*.txt ../tests/fixtures/import/*.html ../tests/golden/*.minutes.*.md "$dir"/ ;;
    merge_file)
      # Base, ours and theirs: a meeting with itself, and with each other meeting as one side.
      for m in "${meetings[@]}"; do
        for o in "${meetings[@]}"; do
          { cat "$m"; printf '\n%%%%%%%%\n'; cat "$m"; printf '\n%%%%%%%%\n'; cat "$o"; } >"$dir/seed-$(basename "$m")-$(basename "$o")"
        done
      done ;;
    *)
      for m in "${meetings[@]}"; do cp "$m" "$dir/seed-$(basename "$m")"; done ;;
  esac
  if [ -d "regressions/$target" ]; then cp regressions/"$target"/* "$dir"/ 2>/dev/null || true; fi
}

# Built once, then each binary runs directly: `cargo fuzz run` would build again whenever a
# source file changed during the run.
"${fuzz[@]}" build --release >/dev/null 2>&1 || "${fuzz[@]}" build --release
bin="target/$(rustc -vV | sed -n 's/^host: //p')/release"
binaries="$(mktemp -d)"
trap 'rm -rf "$binaries"' EXIT
for target in "${targets[@]}"; do cp "$bin/$target" "$binaries/"; done
failed=0
for target in "${targets[@]}"; do
  seed "$target"
  mkdir -p "artifacts/$target"
  log="$(mktemp)"
  started=$SECONDS
  if "$binaries/$target" "corpus/$target" -artifact_prefix="artifacts/$target/" \
      -max_total_time="$seconds" -seed="${FUZZ_SEED:-0}" -runs="${FUZZ_RUNS:--1}" -max_len=65536 -rss_limit_mb=4096 -print_final_stats=1 >"$log" 2>&1; then
    status=ok
  else
    status=CRASHED
    failed=1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  elapsed=$(( SECONDS - started ))
  per_second=$(( runs / (elapsed > 0 ? elapsed : 1) ))
  printf '%-16s %-8s %10s runs  %7s exec/s\n' "$target" "$status" "$runs" "$per_second"
  if [ "$status" != ok ]; then
    grep -A6 -m1 'panicked at\|ERROR: libFuzzer\|SUMMARY' "$log" | cut -c1-300 || true
    grep -m1 'Test unit written to' "$log" || true
  fi
  rm -f "$log"
done
exit "$failed"
