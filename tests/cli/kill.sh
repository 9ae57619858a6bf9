#!/usr/bin/env bash
# A build killed (SIGKILL) at a random moment leaves the old site or the new
# one, never a mix, and the next build makes the right one
# (tests/cli/kill.py; KILL_ROUNDS and KILL_SEED to vary it).
set -eu
HERE=$(cd "$(dirname "$0")/../.." && pwd) exec /usr/bin/python3 "$(dirname "$0")/kill.py" "${KILL_ROUNDS:-12}" ${KILL_SEED:+"$KILL_SEED"}
