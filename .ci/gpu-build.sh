# shellcheck shell=bash
# Sourced by the GPU scripts (after defining `step`): builds the headless `pirl` and, where Qt
# Test configures, the given test targets against the machine's (pip) LibTorch, in build-gpu/.
#   gpu_build LOG_DIR TARGET...   # e.g. gpu_build "$out" pirl test_cuda test_sft
# Sets GPU_TESTS=ON when the tests configured (else only the non-test targets are built) and
# GPU_TARGETS to what was built. TORCH_PREFIX overrides the LibTorch CMake prefix (empty: the
# system's). Returns non-zero, with the log's errors printed, when a step fails.
gpu_build() {
  local logs=$1
  shift
  source .ci/devdeps.sh
  local prefix=${TORCH_PREFIX-$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')}
  local flags=(-S . -B build-gpu -G Ninja -DCMAKE_BUILD_TYPE=Release -DPIRL_BUILD_GUI=OFF
    -DCMAKE_PREFIX_PATH="$prefix")
  step configure
  GPU_TESTS=ON
  if ! cmake "${flags[@]}" -DPIRL_BUILD_TESTS=ON > "$logs/configure.log" 2>&1; then
    tail -30 "$logs/configure.log"
    step "configure without tests (no Qt Test)"
    GPU_TESTS=OFF
    rm -rf build-gpu
    cmake "${flags[@]}" -DPIRL_BUILD_TESTS=OFF > "$logs/configure.log" 2>&1 ||
      { tail -40 "$logs/configure.log"; return 1; }
  fi
  GPU_TARGETS=""
  local t
  for t in "$@"; do
    [[ "$t" == test_* && "$GPU_TESTS" != ON ]] && continue
    GPU_TARGETS="$GPU_TARGETS $t"
  done
  step "build$GPU_TARGETS"
  # shellcheck disable=SC2086  # one word per target
  ninja -C build-gpu -j "$(nproc)" $GPU_TARGETS > "$logs/build.log" 2>&1 ||
    { grep -E "error|Error" "$logs/build.log" | head -40; tail -20 "$logs/build.log"; return 1; }
}
