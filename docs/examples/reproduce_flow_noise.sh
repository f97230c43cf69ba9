#!/bin/bash
# Flow-Noise on the two hard tasks, from the few-shot SFT policy to about 90% deterministic
# evaluation success (docs/results.md). Each run but the first is forked from the last
# checkpoint of the one before (a fresh optimizer), all in one database:
#   eggplant: the preset alone (SFT, then GRPO with 512 environments in groups of 16, two
#     update passes, every mixed group kept, actor lr 7e-5), 250 iterations.
#   stack: the preset alone (groups of 8 sharing x_0, training episodes cut at 60 steps, two
#     passes, cosine lr), 700 iterations.
#   stack-chain: the old way (session 16): the preset as it was then (80-step training
#     episodes, one pass, constant lr), 450 iterations; groups of 16, two passes, 300; the same
#     with independent x_0, 50; with every mixed group kept and 512 environments, 100.
# About 1.3 (eggplant), 1.8 (stack) and 8 (stack-chain) hours on the 2-core development
# machine. The last line is the 1 000-episode evaluation of the last checkpoint (JSON); every
# run's own lines come before it.
#
# Usage: docs/examples/reproduce_flow_noise.sh eggplant|stack|stack-chain DB [PIRL]
#   DB    the project database to create the runs in (checkpoints go beside it)
#   PIRL  the pirl binary (default: pirl on the PATH)
# STAGE_ITERATIONS="250" (eggplant), "700" (stack) or "450 300 50 100" (stack-chain) sets the
# runs' iterations, e.g. "2 2 2 2" for a quick check of the chain.
set -euo pipefail
set -f  # the stages' settings are split into words below; [0.01,0.99] must not glob

usage() {
    sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
}
if [ $# -lt 2 ] || [ $# -gt 3 ]; then usage; fi
task=$1
db=$2
pirl=${3:-pirl}
presets=$(cd "$(dirname "$0")/../../resources/presets" && pwd)

g16="--set rl.group_size=16 --set rl.update_epochs=2 --set eval.ood=false"
mixed="--set rl.group_filter=[0.01,0.99]"
batch="--set rl.num_envs=512 --set rl.minibatches=4"
base=""  # settings every stage of the task starts from (a stage's own come after and win)
case $task in
    eggplant)
        read -r -a its <<< "${STAGE_ITERATIONS:-250}"
        stages=("") ;;
    stack)
        read -r -a its <<< "${STAGE_ITERATIONS:-700}"
        stages=("") ;;
    stack-chain)
        read -r -a its <<< "${STAGE_ITERATIONS:-450 300 50 100}"
        # The stack preset before session 24: training episodes of the task's 80 steps, one
        # update pass, a constant learning rate.
        base="--set rl.max_episode_steps=0 --set rl.update_epochs=1 --set rl.lr_schedule=constant"
        indep="--set rl.group_shared_init_noise=false"
        stages=("" "$g16" "$g16 $indep" "$g16 $indep $mixed $batch") ;;
    *) usage ;;
esac
[ ${#its[@]} -eq ${#stages[@]} ] || { echo "STAGE_ITERATIONS needs ${#stages[@]} numbers" >&2; exit 2; }

# One field of the summary (the last line) of `pirl train --json`, saved in a file.
field() {
    /usr/bin/python3 -c 'import json, sys; print(json.loads(open(sys.argv[1]).read().splitlines()[-1])[sys.argv[2]])' "$1" "$2"
}

log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
preset=$presets/rl_flow_noise_${task%-chain}.yaml
for i in "${!stages[@]}"; do
    from=()
    [ "$i" -gt 0 ] && from=(--set stage=rl --set "rl.init_checkpoint=$(field "$log/$((i - 1))" checkpoint)")
    # shellcheck disable=SC2086  # the settings are words without spaces (set -f above)
    "$pirl" train --db "$db" --json --config "$preset" "${from[@]}" $base ${stages[$i]} \
        --set rl.iterations="${its[$i]}" | tee "$log/$i"
done
"$pirl" eval --db "$db" --run "$(field "$log/$((${#stages[@]} - 1))" run_id)" --episodes 1000 --json
