#!/usr/bin/env bash
# Installs (as root) or names (otherwise) the system packages the build and the tests need.
set -euo pipefail
missing=()
need() { dpkg -s "$1" >/dev/null 2>&1 || missing+=("$1"); }
need libncurses-dev
need libsqlite3-dev
need tmux
need sqlite3
need python3-venv
need prometheus
# make bench: the gateway's load test and its peer proxy.
need wrk
need nginx-light
command -v kubectl >/dev/null 2>&1 || missing+=("kubernetes-client")
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ]; then
  echo "installing: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "missing system packages; run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
