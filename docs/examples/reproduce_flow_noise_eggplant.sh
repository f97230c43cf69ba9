#!/bin/bash
# Flow-Noise on put_eggplant_in_basket, from the few-shot SFT policy to >= 90% deterministic
# evaluation success (docs/results.md, "Twice the batch"). Three runs in one database, each
# forked from the last checkpoint of the one before (a fresh optimizer each time):
#   1. the preset: SFT, then Flow-Noise GRPO with groups of 8, 150 iterations;
#   2. groups of 16, two update passes, every mixed group kept, 250 iterations;
#   3. the same with 512 environments per iteration (32 groups of 16), 82 iterations.
# About 3 hours on the 2-core development machine. The final 1 000-episode evaluation of the
# last checkpoint is the last line (JSON); every run's own lines come before it.
#
# Usage: docs/examples/reproduce_flow_noise_eggplant.sh DB [PIRL]
#   DB    the project database to create the three runs in (checkpoints go beside it)
#   PIRL  the pirl binary (default: pirl on the PATH)
# STAGE_ITERATIONS="150 250 82" (the default) sets the three runs' iterations, e.g. "2 2 2" for
# a quick check of the chain.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
db=$1
pirl=${2:-pirl}
preset=$(cd "$(dirname "$0")/../../resources/presets" && pwd)/rl_flow_noise_eggplant.yaml

# One field of the summary (the last line) of `pirl train --json`, saved in a file.
field() {
    /usr/bin/python3 -c 'import json, sys; print(json.loads(open(sys.argv[1]).read().splitlines()[-1])[sys.argv[2]])' "$1" "$2"
}

read -r it1 it2 it3 <<< "${STAGE_ITERATIONS:-150 250 82}"
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
wide=(--set rl.group_size=16 --set rl.update_epochs=2 --set "rl.group_filter=[0.01,0.99]"
      --set eval.ood=false)

"$pirl" train --db "$db" --json --config "$preset" --set rl.iterations="$it1" | tee "$log/1"
"$pirl" train --db "$db" --json --config "$preset" --set stage=rl \
    --set "rl.init_checkpoint=$(field "$log/1" checkpoint)" "${wide[@]}" --set rl.iterations="$it2" \
    | tee "$log/2"
"$pirl" train --db "$db" --json --config "$preset" --set stage=rl \
    --set "rl.init_checkpoint=$(field "$log/2" checkpoint)" "${wide[@]}" --set rl.num_envs=512 \
    --set rl.minibatches=4 --set rl.iterations="$it3" | tee "$log/3"

"$pirl" eval --db "$db" --run "$(field "$log/3" run_id)" --episodes 1000 --json
