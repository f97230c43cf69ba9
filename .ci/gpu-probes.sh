#!/usr/bin/env bash
# Parallel RL probes on a lent GPU machine (16 cores), run from the repository root:
#   INIT=CKPT_DIR BUDGET=450 bash .ci/gpu-probes.sh SPEC_FILE
# Builds the headless `pirl` (and the CUDA test when Qt Test configures) against the machine's
# LibTorch, then starts one RL run per SPEC_FILE line ("NAME PRESET [ARGS...]", '#' comments),
# all at once (the CUDA test runs beside them), each pinned to its own two cores with the policy on the CPU
# (two LibTorch threads), so every run sees what the 2-core development machine sees. With
# INIT set, every run starts from that SFT checkpoint (stage rl) instead of running SFT
# first. Each run is stopped cleanly (SIGINT) after $BUDGET seconds. JSON lines, logs and
# databases come back as two archives under $OUT.
set -uo pipefail
out=${OUT:-/tmp/pirl-probes}
spec=${1:?usage: gpu-probes.sh SPEC_FILE}
budget=${BUDGET:-450}
mkdir -p "$out/probes"
step() { echo "== $* ($(date +%T))"; }

step machine
nvidia-smi -L || true
nproc
if [ -n "${PIRL_BIN:-}" ]; then  # a prebuilt pirl (a dry run elsewhere): no build, no CUDA test
  pirl=$(realpath "$PIRL_BIN")
  targets=""
else
  source .ci/gpu-build.sh
  gpu_build "$out/probes" pirl test_cuda || exit 1
  targets=$GPU_TARGETS
  pirl=$PWD/build-gpu/app/pirl
fi

export PIRL_DATA_DIR=/tmp/pirl-data
common=(--device cpu --set threads=2 --set eval.every=25 --set eval.ood=false --json)
[ -n "${INIT:-}" ] && common+=(--set stage=rl --set "rl.init_checkpoint=$(realpath "$INIT")")
step "runs for ${budget} s"
core=0
while read -r name preset args || [ -n "$name" ]; do
  [ -z "$name" ] || [ "${name:0:1}" = "#" ] && continue
  # shellcheck disable=SC2086  # ARGS are word-split on purpose
  OMP_NUM_THREADS=2 MKL_NUM_THREADS=2 taskset -c "$((core % $(nproc))),$(((core + 1) % $(nproc)))" \
    timeout --foreground -s INT -k 300 "$budget" "$pirl" train --config "resources/presets/$preset.yaml" \
    --db "$out/probes/$name.db" "${common[@]}" --set "name=$name" $args \
    > "$out/probes/$name.json" 2> "$out/probes/$name.log" &
  core=$((core + 2))
done < "$spec"
if [[ " $targets " == *" test_cuda "* ]]; then
  step test_cuda
  ./build-gpu/tests/test_cuda 2>&1 | tee "$out/probes/test_cuda.log" | grep -E "PASS|FAIL|SKIP|Totals"
fi
wait
step done
for f in "$out"/probes/*.json; do
  echo "$(basename "$f" .json): $(grep -o '"eval/success_once":[0-9.]*' "$f" | cut -d: -f2 | tr '\n' ' ')"
done
cd "$out/probes" && tar czf ../probes_text.tar.gz ./*.json ./*.log && tar czf ../probes_db.tar.gz ./*.db* &&
  cd .. && rm -rf probes && ls -la "$out"
