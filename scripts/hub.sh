#!/bin/sh
# Runs the hub as `npm start` and `npm run dev` do, with what glibc and V8 read before any of its code runs
# (src/config.ts: HUB_PROCESS_ENV, semiSpaceMb; test/unit/config.test.ts runs this file):
# - MALLOC_MMAP_THRESHOLD_: freed blocks of 128 KB or more go back to the system;
# - V8's young generation: 2 × 8 MB on the embedded database (memory), 2 × 32 MB on PostgreSQL (CPU under load).
semi_space_mb=8
case "$DATABASE_URL" in *[![:space:]]*) semi_space_mb=32 ;; esac
MALLOC_MMAP_THRESHOLD_=131072 exec node --max-semi-space-size="$semi_space_mb" dist/src/main.js "$@"
