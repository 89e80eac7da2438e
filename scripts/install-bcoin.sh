#!/usr/bin/env bash
# Installs bcoin 1.0.2 (a full-validating Bitcoin node from npm) for the real-node tests.
#
# Usage: scripts/install-bcoin.sh        (installs into ${TBG_CACHE_DIR:-<repo>/.cache}/bcoin)
# The last line printed is the install dir; pass it to Maven as -Dtbg.bcoin.dir=...
# Idempotent: a completed install leaves a marker file and a second run does nothing.
# See shared/spec/real-node.md for why each step is there.
set -euo pipefail

BCOIN_VERSION="1.0.2"
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_DIR="${TBG_CACHE_DIR:-$REPO_DIR/.cache}"
INSTALL_DIR="$CACHE_DIR/bcoin"
# The marker names the version, so bumping BCOIN_VERSION reinstalls.
MARKER="$INSTALL_DIR/.tbg-bcoin-$BCOIN_VERSION-installed"

log() { echo "install-bcoin: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if [[ -f "$MARKER" ]]; then
    log "bcoin $BCOIN_VERSION already installed"
    echo "$INSTALL_DIR"
    exit 0
fi

command -v node >/dev/null 2>&1 || die "node is not on PATH; install Node.js (20.x) and npm first"
command -v npm >/dev/null 2>&1 || die "npm is not on PATH; install npm (it ships with Node.js)"
NODE_VERSION="$(node --version)" || die "'node --version' failed"
log "using node $NODE_VERSION, npm $(npm --version)"
for tool in make g++ python3; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not on PATH; bcoin's native add-ons need make, g++ and python3"
done

# node-gyp downloads Node's headers unless told where they are; use the local ones when present
# (Debian/NodeSource packages put them under <prefix>/include/node).
if [[ -z "${npm_config_nodedir:-}" ]]; then
    NODE_PREFIX="$(cd "$(dirname "$(command -v node)")/.." && pwd)"
    if [[ -f "$NODE_PREFIX/include/node/node.h" ]]; then
        export npm_config_nodedir="$NODE_PREFIX"
    fi
fi

# A half-finished earlier run leaves no marker: start clean.
rm -rf "$INSTALL_DIR"
mkdir -p "$INSTALL_DIR"

log "installing bcoin@$BCOIN_VERSION into $INSTALL_DIR"
npm install --prefix "$INSTALL_DIR" "bcoin@$BCOIN_VERSION" \
    --ignore-scripts --no-audit --no-fund --loglevel=error >&2

# leveldown does not compile on current Node; --memory=true never uses it, but bdb requires it at
# load time. A stub that throws keeps an accidental on-disk start from failing silently.
LEVELDOWN_DIR="$INSTALL_DIR/node_modules/leveldown"
rm -rf "$LEVELDOWN_DIR"
mkdir -p "$LEVELDOWN_DIR"
cat > "$LEVELDOWN_DIR/package.json" <<'EOF'
{ "name": "leveldown", "version": "0.0.0-tbg-stub", "main": "index.js" }
EOF
cat > "$LEVELDOWN_DIR/index.js" <<'EOF'
'use strict';
// Stub installed by scripts/install-bcoin.sh: only bcoin's --memory=true mode is supported.
module.exports = function leveldown() {
  throw new Error('leveldown is not installed (tbg stub); run bcoin with --memory=true');
};
EOF

# bcrypto 0.3.x's own build fails on Node 20 (old nan headers) and its install script swallows
# that; bcrypto then uses its JavaScript/OpenSSL fallbacks, which is what the node runs on here.
log "building native add-ons (mrmr bcrypto bsip)"
npm rebuild --prefix "$INSTALL_DIR" mrmr bcrypto bsip --loglevel=error >&2

BCOIN_BIN="$INSTALL_DIR/node_modules/bcoin/bin/node"
[[ -f "$BCOIN_BIN" ]] || die "bcoin entry point missing at $BCOIN_BIN"
# Loading the full node once proves every required module (and the native add-ons) resolves.
(cd "$INSTALL_DIR" && node -e "require('bcoin/lib/node/fullnode')") >&2 \
    || die "bcoin does not load; see the error above"

touch "$MARKER"
log "bcoin $BCOIN_VERSION installed"
echo "$INSTALL_DIR"
