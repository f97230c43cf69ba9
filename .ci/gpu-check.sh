#!/usr/bin/env bash
# GPU check for a machine with an NVIDIA GPU and the official (pip) LibTorch, run from the
# repository root. Builds the headless core and `pirl` against that LibTorch, runs the CUDA
# tests and a CPU-vs-CUDA training benchmark. Debian 12 packages the build needs may be
# supplied as .deb files in .devdeps/ (added to the system without replacing any file).
set -uo pipefail
out=${OUT:-/tmp/pirl-gpu}
mkdir -p "$out"
exec > >(tee "$out/gpu-check.log") 2>&1
step() { echo "== $* ($(date +%T))"; }
# the "checkpoint" of the last JSON line of `pirl train --json` output FILE (empty if none)
checkpoint_of() {
  tail -n 1 "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("checkpoint", ""))' \
    2>/dev/null
}

step machine
nvidia-smi -L || true
nproc
python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.cuda.is_available())'

jobs=$(nproc)
source .ci/gpu-build.sh
gpu_build "$out" pirl test_cuda test_sampler test_sft || exit 1

if [ "$GPU_TESTS" = ON ]; then
  for t in test_cuda test_sampler test_sft; do
    step "$t"
    ./build-gpu/tests/$t 2>&1 | grep -E "PASS|FAIL|SKIP|Totals|Loc" | tail -40
  done
fi

pirl=./build-gpu/app/pirl
step "SFT few-shot on CUDA"
PIRL_DATA_DIR=/tmp/pirl-data $pirl train --config resources/presets/sft_few_shot.yaml \
  --device cuda --set threads="$jobs" --json | tail -1 | tee "$out/sft_cuda.json"
ckpt=$(checkpoint_of "$out/sft_cuda.json")
for dev in cuda cpu; do
  step "bench train on $dev"
  $pirl bench train --config resources/presets/rl_flow_noise_carrot.yaml --iterations 5 \
    --device "$dev" --set threads="$jobs" --set rl.init_checkpoint="$ckpt" --set stage=rl \
    --json | tee "$out/bench_train_$dev.json"
done

# Optional: a real RL preset on CUDA, stopped cleanly (SIGINT, final evaluation) after
# RL_BUDGET seconds; its JSON, log, database and final checkpoint come back as one archive.
# RL_ARGS adds `pirl train` options (e.g. a fork: "--set stage=rl --set rl.init_checkpoint=DIR").
#   RL_PRESET=rl_flow_sde_carrot RL_BUDGET=240 bash .ci/gpu-check.sh
if [ -n "${RL_PRESET:-}" ]; then
  step "RL preset $RL_PRESET on cuda for ${RL_BUDGET:-240} s"
  mkdir -p /tmp/pirl-rl
  # shellcheck disable=SC2086  # RL_ARGS: one word per option
  PIRL_DATA_DIR=/tmp/pirl-rl timeout --foreground -s INT "${RL_BUDGET:-240}" $pirl train \
    --config "resources/presets/$RL_PRESET.yaml" --db /tmp/pirl-rl/rl.db --device cuda \
    --set threads="$jobs" --set eval.ood=false ${RL_ARGS:-} --json > /tmp/pirl-rl/rl.json \
    2> /tmp/pirl-rl/rl.log
  echo "exit $?"
  tail -1 /tmp/pirl-rl/rl.json
  grep -E "eval|iteration" /tmp/pirl-rl/rl.log | tail -5
  final=$(checkpoint_of /tmp/pirl-rl/rl.json)
  final=${final#/tmp/pirl-rl/}
  tar czf "$out/rl_cuda.tgz" -C /tmp/pirl-rl rl.db rl.json rl.log ${final:+"$final"}
fi
step "done"
