#!/usr/bin/env bash
# Installs the offline VS Code extension host used by the integration tier: code-server 4.100.3
# (= VS Code 1.100.3, the last code-server that runs on Node 20) driven by Debian's headless Chromium.
# Idempotent: a finished install is kept in a cache folder outside the clone and reused.
# Prints the code-server executable path on its last line.
#
# Works on a fresh machine (an empty home folder) and never reaches a host other than the npm registry:
# dependencies are downloaded with their install scripts off, then the two scripts the host needs are
# run with every setting they depend on given here, over the user's own npm settings (whose registry,
# proxy and certificates still apply):
# - argon2's: code-server loads it at start-up; it would fetch a prebuilt binary from GitHub, then Node's
#   headers from nodejs.org. It is built from source against this Node's own headers instead.
# - code-server's postinstall: installs VS Code's modules into lib/vscode and compiles their native parts
#   (spdlog, node-pty, kerberos, ...) against the same headers. kerberos would also try GitHub first, and
#   @vscode/ripgrep would download rg: it takes a cached archive instead, made from Debian's rg.
set -euo pipefail
VERSION=4.100.3
CACHE=${FACTORY_TEST_HOST:-${XDG_CACHE_HOME:-$HOME/.cache}/factory-test-host}
DIR=$CACHE/code-server-$VERSION
BIN=$DIR/node_modules/.bin/code-server
LOG=$CACHE/install-$VERSION.log

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
[ -e /usr/include/krb5.h ] || [ -e /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
# node-gyp compiles the native modules.
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v make >/dev/null 2>&1 || missing+=(make)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "install.sh: installing Debian packages: ${missing[*]}" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    echo "install.sh: the integration tests need these Debian packages: ${missing[*]}" >&2
    echo "install.sh: run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

[ -x "$BIN" ] && { echo "$BIN"; exit 0; }

# The folder holding include/node/ with this very Node's C headers: next to the node executable (Debian's
# and NodeSource's nodejs packages, nodejs.org archives, nvm), else node-gyp's own cache.
header_version() {
  awk '$1 == "#define" && $2 ~ /^NODE_(MAJOR|MINOR|PATCH)_VERSION$/ { v[$2] = $3 }
       END { print v["NODE_MAJOR_VERSION"] "." v["NODE_MINOR_VERSION"] "." v["NODE_PATCH_VERSION"] }' "$1"
}
NODE_VERSION=$(node -p process.versions.node)
NODE_PREFIX=$(node -p "require('path').resolve(process.execPath, '..', '..')")
NODEDIR=
for d in "$NODE_PREFIX" "${XDG_CACHE_HOME:-$HOME/.cache}/node-gyp/$NODE_VERSION"; do
  h=$d/include/node/node_version.h
  if [ -f "$h" ] && [ "$(header_version "$h")" = "$NODE_VERSION" ]; then NODEDIR=$d; break; fi
done
if [ -z "$NODEDIR" ]; then
  echo "install.sh: code-server's native modules are compiled against Node's C headers, and those of Node $NODE_VERSION" >&2
  echo "install.sh: are not on this machine (looked for include/node/node_version.h in $NODE_PREFIX and node-gyp's cache)." >&2
  echo "install.sh: install the headers that match this Node (Debian's own nodejs: apt-get install libnode-dev;" >&2
  echo "install.sh: nodejs.org, NodeSource and nvm builds include them), or use such a Node." >&2
  exit 1
fi

# Lines of the log that say why a step failed: outside hosts it could not reach, npm's error summary,
# compiler and node-gyp errors. The log's end alone is node-gyp's stack trace, which hides them.
WHY='getaddrinfo|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|certificate|http GET|npm error (code|path|command) |gyp ERR! (configure|build) error|gyp: |: (fatal )?error|^ERROR|requires node'
fail() {
  echo "install.sh: installing code-server $VERSION failed while $1." >&2
  local why
  why=$(grep -E "$WHY" "$LOG" | awk '!seen[$0]++' | head -n 20 || true)
  if [ -n "$why" ]; then
    echo "install.sh: why, from the log:" >&2
    sed 's/^/  /' <<<"$why" >&2
  fi
  echo "install.sh: the log ends:" >&2
  tail -n 15 "$LOG" | sed 's/^/  /' >&2
  echo "install.sh: full log: $LOG" >&2
  exit 1
}
step() {
  local what=$1
  shift
  echo "== $what: $*" >>"$LOG"
  ( cd "$DIR.partial" && "$@" ) >>"$LOG" 2>&1 || fail "$what"
}

echo "install.sh: installing code-server $VERSION into $DIR (about 2 min: it compiles native modules)" >&2
mkdir -p "$CACHE"
: >"$LOG"
rm -rf "$DIR.partial"
mkdir -p "$DIR.partial/tmp"
RGCACHE=$DIR.partial/tmp/vscode-ripgrep-cache-1.15.11
mkdir -p "$RGCACHE"
tar czf "$RGCACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
echo '{"private":true}' >"$DIR.partial/package.json"

# foreground_scripts: the scripts' own output goes to the log, so it shows what they fetched or compiled.
export TMPDIR=$DIR.partial/tmp npm_config_nodedir=$NODEDIR npm_config_ignore_scripts=false \
  npm_config_foreground_scripts=true npm_config_unsafe_perm=true npm_config_yes=true npm_config_update_notifier=false
step "downloading code-server and its dependencies" \
  npm install --ignore-scripts --no-package-lock --no-audit --no-fund "code-server@$VERSION"
# build_from_source may name one package: node-pre-gyp and prebuild-install then skip their download.
# (Set to true, it would also rebuild @parcel/watcher, whose prebuilt binary comes from npm.)
step "building argon2" env npm_config_build_from_source=argon2 npm rebuild argon2
step "running code-server's postinstall (VS Code's modules)" env npm_config_build_from_source=kerberos npm rebuild code-server

rm -rf "$DIR.partial/tmp" "$DIR"
mv "$DIR.partial" "$DIR"
echo "$BIN"
