#!/usr/bin/env bash
# RL ablations on a lent GPU machine (16 cores), run from the repository root:
#   bash .ci/gpu-ablations.sh build   # headless pirl against the machine's LibTorch
#   bash .ci/gpu-ablations.sh run     # seven carrot runs in parallel, 2 env threads each
# Every run is the rl_flow_*_carrot preset (SFT first, on CUDA) with one change, stopped
# cleanly (SIGINT) after $BUDGET seconds; databases and JSON go to $OUT.
set -uo pipefail
out=${OUT:-/tmp/pirl-ablations}
mkdir -p "$out"
mode=${1:-all}
budget=${BUDGET:-420}
step() { echo "== $* ($(date +%T))"; }

if [ "$mode" = build ] || [ "$mode" = all ]; then
  source .ci/gpu-build.sh
  gpu_build "$out" pirl || exit 1
  step built
fi

if [ "$mode" = run ] || [ "$mode" = all ]; then
  pirl=./build-gpu/app/pirl
  export PIRL_DATA_DIR=/tmp/pirl-data
  common=(--device cuda --set threads=2 --set eval.every=20 --set eval.ood=false --json)
  launch() {
    local name=$1 preset=$2
    shift 2
    timeout --foreground -s INT "$budget" $pirl train --config "resources/presets/$preset.yaml" \
      --db "$out/$name.db" "${common[@]}" "$@" > "$out/$name.json" 2> "$out/$name.log" &
  }
  step "seven runs for ${budget} s"
  launch flow_noise rl_flow_noise_carrot
  launch flow_sde rl_flow_sde_carrot
  launch flow_sde_full rl_flow_sde_carrot --set rl.method=flow_sde_full
  launch grpo rl_flow_noise_carrot --set rl.adv_type=grpo
  launch critic_after_expert rl_flow_noise_carrot --set policy.critic=after_expert
  launch noise_low rl_flow_noise_carrot --set "policy.noise_std_range=[0.04, 0.08]"
  launch noise_high rl_flow_noise_carrot --set "policy.noise_std_range=[0.16, 0.32]"
  wait
  step done
  for f in "$out"/*.json; do
    echo "$(basename "$f"): $(grep -c '"eval/success_once"' "$f") evaluations, last: $(tail -1 "$f" | cut -c1-200)"
  done
  # only the databases and logs come back: checkpoints would exceed the returned-file limit
  rm -rf "$out"/runs "$out"/*.db-shm "$out"/*.db-wal
fi
