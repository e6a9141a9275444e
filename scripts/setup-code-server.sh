#!/usr/bin/env bash
# Installs what the end-to-end test (test/e2e/) needs: Debian's Chromium and the packages that
# code-server's native modules build with, and code-server (a real VS Code: code-server 4.100.3
# bundles VS Code 1.100.3) in a cache folder of its own, outside the project's node_modules.
# Works offline from the npm registry and Debian's packages alone; nothing is downloaded from
# anywhere else. Idempotent: a complete install is left as it is.
#
# Prints the path of the code-server binary on stdout (its last and only line); progress goes to
# stderr.
#
#   KERNEL_TRIAGE_CODE_SERVER_DIR   install folder
#                                   (default: ${XDG_CACHE_HOME:-$HOME/.cache}/kernel-triage/code-server-4.100.3)
#   KERNEL_TRIAGE_SKIP_APT=1        do not check or install the Debian packages
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
HOME="${HOME:-$(cd ~ && pwd)}"
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/kernel-triage"
DIR="${KERNEL_TRIAGE_CODE_SERVER_DIR:-$CACHE_ROOT/code-server-$CODE_SERVER_VERSION}"
BIN="$DIR/node_modules/.bin/code-server"
# Written last, after code-server has answered --version; its presence means a complete install.
STAMP="$DIR/.kernel-triage-install-complete"
DEBIAN_PACKAGES=(libkrb5-dev ripgrep python3 make g++ chromium)

log() { echo "setup-code-server: $*" >&2; }
die() { log "error: $*"; exit 1; }

# --- Debian packages -----------------------------------------------------------------------------
install_debian_packages() {
  local missing=() p
  for p in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && { log "Debian packages present: ${DEBIAN_PACKAGES[*]}"; return; }
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null && sudo -n true 2>/dev/null || die "missing Debian packages (${missing[*]}); run as root: apt-get update && apt-get install -y ${missing[*]}"
    sudo=(sudo -n)
  fi
  log "installing Debian packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >&2
}

if [ "${KERNEL_TRIAGE_SKIP_APT:-}" != 1 ]; then
  command -v dpkg-query >/dev/null || die "not a Debian system: install ${DEBIAN_PACKAGES[*]} yourself and set KERNEL_TRIAGE_SKIP_APT=1"
  install_debian_packages
fi

# --- code-server ---------------------------------------------------------------------------------
mkdir -p "$(dirname "$DIR")"
# One install at a time (two test runs or a developer and CI on one machine).
if command -v flock >/dev/null; then
  exec 9>"$(dirname "$DIR")/.code-server-$CODE_SERVER_VERSION.lock"
  flock 9
fi

if [ -f "$STAMP" ] && [ -x "$BIN" ]; then
  log "code-server $CODE_SERVER_VERSION already installed in $DIR"
  echo "$BIN"
  exit 0
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" = 20 ] || die "code-server $CODE_SERVER_VERSION needs Node 20 (found $(node --version))"
command -v rg >/dev/null || die "ripgrep (rg) not found: install Debian's ripgrep"

log "installing code-server $CODE_SERVER_VERSION into $DIR (a partial install there is started over)"
rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"
echo '{ "name": "kernel-triage-code-server", "private": true }' >package.json

# 1. The package and its dependencies, without running any install script yet.
npm install --ignore-scripts --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >&2

# 2. code-server's postinstall runs `npm install` in lib/vscode, whose @vscode/ripgrep downloads rg
#    from GitHub, which is not reachable. Its download first looks in
#    $TMPDIR/vscode-ripgrep-cache-<package version>/ripgrep-<tag>-<target>.tar.gz, so put a tar.gz
#    of Debian's rg there. The tag is in the package's lib/postinstall.js (const VERSION = '...').
export TMPDIR="$DIR/.tmp"
mkdir -p "$TMPDIR"
case "$(uname -m)" in
  x86_64) rg_target=x86_64-unknown-linux-musl ;;
  aarch64) rg_target=aarch64-unknown-linux-musl ;;
  *) die "unsupported architecture $(uname -m)" ;;
esac
rg_versions=$(cat node_modules/code-server/lib/vscode/npm-shrinkwrap.json node_modules/code-server/lib/vscode/extensions/npm-shrinkwrap.json 2>/dev/null |
  node -e '
    const text = require("fs").readFileSync(0, "utf8");
    const found = new Set();
    for (const m of text.matchAll(/"(?:node_modules\/)?@vscode\/ripgrep"\s*:\s*\{\s*"version"\s*:\s*"([^"]+)"/g)) found.add(m[1]);
    console.log([...found].join(" "));
  ')
[ -n "$rg_versions" ] || die "no @vscode/ripgrep version found in code-server's npm-shrinkwrap.json"
mkdir -p "$TMPDIR/rg-bin" "$TMPDIR/rg-pack"
cp "$(command -v rg)" "$TMPDIR/rg-bin/rg"
for v in $rg_versions; do
  (cd "$TMPDIR/rg-pack" && npm pack --silent --loglevel=error "@vscode/ripgrep@$v" >/dev/null && tar xzf "vscode-ripgrep-$v.tgz" package/lib/postinstall.js && mv package "pkg-$v")
  tag=$(sed -n "s/^const VERSION = '\\([^']*\\)'.*/\\1/p" "$TMPDIR/rg-pack/pkg-$v/lib/postinstall.js")
  [ -n "$tag" ] || die "no VERSION in @vscode/ripgrep@$v lib/postinstall.js"
  mkdir -p "$TMPDIR/vscode-ripgrep-cache-$v"
  tar czf "$TMPDIR/vscode-ripgrep-cache-$v/ripgrep-$tag-$rg_target.tar.gz" -C "$TMPDIR/rg-bin" rg
  log "@vscode/ripgrep $v will take Debian's rg as ripgrep-$tag-$rg_target"
done

# 3. Now the install scripts. code-server's postinstall refuses to run as root without
#    unsafe_perm; node-pty's install runs `npx node-gyp`, which does not fetch without `yes`.
npm_config_unsafe_perm=true npm_config_yes=true npm rebuild --foreground-scripts --loglevel=error >&2

# (--config: an empty one, so that code-server neither reads nor writes ~/.config/code-server.)
: >"$DIR/.tmp/empty-config.yaml"
version=$("$BIN" --config "$DIR/.tmp/empty-config.yaml" --version 2>/dev/null | grep -E '^[0-9]+\.[0-9]+\.[0-9]+' | head -1) || die "the installed code-server does not start"
case "$version" in
  "$CODE_SERVER_VERSION"*) ;;
  *) die "code-server --version printed '$version', expected $CODE_SERVER_VERSION" ;;
esac
[ -x node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg ] || die "ripgrep missing from code-server's VS Code"
rm -rf "$TMPDIR"
echo "$version" >"$STAMP"
log "installed code-server $version"
echo "$BIN"
