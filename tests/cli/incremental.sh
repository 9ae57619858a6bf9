#!/usr/bin/env bash
# Incremental builds make exactly what a full build makes, after a random
# sequence of edits, layout changes, added and removed plans and commits
# (tests/cli/incremental.py; INCR_STEPS and INCR_SEED to vary it).
set -eu
HERE=$(cd "$(dirname "$0")/../.." && pwd) exec /usr/bin/python3 "$(dirname "$0")/incremental.py" "${INCR_STEPS:-30}" ${INCR_SEED:+"$INCR_SEED"}
