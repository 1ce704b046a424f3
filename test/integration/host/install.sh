#!/usr/bin/env bash
# Installs the offline VS Code extension host used by the integration tier: code-server 4.100.3
# (= VS Code 1.100.3, the last code-server that runs on Node 20) driven by Debian's headless Chromium.
# Idempotent: a finished install is kept in a cache folder outside the clone and reused.
# Prints the code-server executable path on its last line.
set -euo pipefail
VERSION=4.100.3
CACHE=${FACTORY_TEST_HOST:-${XDG_CACHE_HOME:-$HOME/.cache}/factory-test-host}
DIR=$CACHE/code-server-$VERSION
BIN=$DIR/node_modules/.bin/code-server

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
[ -e /usr/include/krb5.h ] || [ -e /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
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

if [ ! -x "$BIN" ]; then
  echo "install.sh: installing code-server $VERSION into $DIR (about 70 s)" >&2
  rm -rf "$DIR.partial"; mkdir -p "$DIR.partial/tmp"
  # @vscode/ripgrep's postinstall would download rg; it takes a cached archive if one is present,
  # which we make from Debian's own rg.
  RGCACHE=$DIR.partial/tmp/vscode-ripgrep-cache-1.15.11
  mkdir -p "$RGCACHE"
  tar czf "$RGCACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
  echo '{"private":true}' > "$DIR.partial/package.json"
  if ! ( cd "$DIR.partial" && TMPDIR="$DIR.partial/tmp" npm_config_yes=true npm_config_unsafe_perm=true \
        npm install --no-package-lock --no-audit --no-fund "code-server@$VERSION" >"$CACHE/install-$VERSION.log" 2>&1 ); then
    tail -40 "$CACHE/install-$VERSION.log" >&2
    echo "install.sh: code-server install failed; full log: $CACHE/install-$VERSION.log" >&2
    exit 1
  fi
  rm -rf "$DIR.partial/tmp" "$DIR"
  mv "$DIR.partial" "$DIR"
fi
echo "$BIN"
