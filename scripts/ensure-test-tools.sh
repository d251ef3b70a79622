#!/usr/bin/env bash
# What the tests need from Debian besides Node: Chromium for the browser tests (driven through
# playwright-core; no browser download is possible here) and the openssl CLI, which makes the
# self-signed certificate of the Bot Framework key set the bot-auth tests serve over https.
# Installs what is missing; does nothing, quickly, when both are there. Run before the tests.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "ensure-test-tools: missing ${missing[*]}; install as root: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "ensure-test-tools: installing Debian's ${missing[*]} for the tests"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
"$CHROMIUM" --version
openssl version
