#!/usr/bin/env bash
# Installs the real-toolchain tier's tools into the project-local, git-ignored .toolchain/:
#
#   .toolchain/terraform-path          absolute path of the terraform binary the e2e tests use
#   .toolchain/bin/terraform           symlink to it
#   .toolchain/plugin-mirror/...       an unpacked filesystem mirror holding grafana/grafana 2.19.0
#                                      (and 4.x when e2e/provider-v4/ builds)
#   .toolchain/terraformrc             CLI config: grafana/grafana only from the mirror, never the
#                                      network; tests point TF_CLI_CONFIG_FILE at it
#   .toolchain/double-mirror/...       the Grafana provider TEST DOUBLE as 1.43.0, 2.19.0, 4.45.1
#   .toolchain/terraformrc-double      CLI config: grafana/grafana only from the double's mirror
#
# terraform: reuses a `terraform` on PATH when it is >= 1.7 (needed for `removed` blocks),
# otherwise builds v1.8.5 with `go install`. The provider is always built with `go install`
# (there is no registry access here). Everything is fetched through the Go module proxy.
#
# Idempotent: a second run only re-checks what is there. Environment knobs:
#   TOOLCHAIN_FORCE_TERRAFORM_BUILD=1  build terraform even if a usable one is on PATH
#   TOOLCHAIN_GRAFANA_PROVIDERS="V=PATH ..."  put prebuilt provider binaries or release zips
#                                      into the mirror (see section 2)
#   TOOLCHAIN_ALLOW_MISSING_PROVIDER=1 exit 0 even when no grafana provider could be had
#   TOOLCHAIN_REBUILD=1                rebuild everything (ignores the stamps)
#
# Exit codes: 0 done; 1 a hard error (no go, terraform unusable); 2 terraform is ready but a
# grafana provider could not be had (the reason is printed and kept in .toolchain/provider-missing).
set -euo pipefail

TERRAFORM_BUILD_VERSION="1.8.5"
TERRAFORM_MIN_MAJOR=1
TERRAFORM_MIN_MINOR=7
PROVIDER_V2_VERSION="2.19.0"
PROVIDER_V2_MODULE="github.com/grafana/terraform-provider-grafana/v2"
PROVIDER_ADDR="registry.terraform.io/grafana/grafana"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TC="$ROOT/.toolchain"
BIN="$TC/bin"
MIRROR="$TC/plugin-mirror"
STAMPS="$TC/stamps"

log() { printf '[install-toolchain] %s\n' "$*"; }
die() { printf '[install-toolchain] ERROR: %s\n' "$*" >&2; exit 1; }

if ! command -v go >/dev/null 2>&1; then
  die "'go' is not on PATH. The toolchain (terraform and the Grafana provider) is built with
  'go install' through the Go module proxy. Install Go >= 1.22 (https://go.dev/dl/), make sure
  'go' is on PATH, then run again: bash scripts/install-toolchain.sh"
fi

mkdir -p "$BIN" "$MIRROR" "$STAMPS"
export GOBIN="$BIN"
# Terraform must not phone home (no network here) nor read the user's own CLI config.
export CHECKPOINT_DISABLE=1

GOOS_GOARCH="$(go env GOOS)_$(go env GOARCH)"
log "go: $(go version | awk '{print $3}') ($GOOS_GOARCH), GOMODCACHE=$(go env GOMODCACHE)"
log "toolchain dir: $TC"

stamp_ok() { [[ -z "${TOOLCHAIN_REBUILD:-}" && -f "$STAMPS/$1" ]]; }

# Prints "<version> <platform>" for a terraform binary, or nothing when it cannot be run.
terraform_info() {
  local out
  out="$(TF_CLI_CONFIG_FILE=/dev/null "$1" version -json 2>/dev/null)" || return 0
  local v p
  v="$(printf '%s' "$out" | sed -n 's/.*"terraform_version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' | head -n1)"
  p="$(printf '%s' "$out" | sed -n 's/.*"platform"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' | head -n1)"
  [[ -n "$v" ]] && printf '%s %s\n' "$v" "${p:-unknown}"
}

version_ok() { # X.Y.Z[-pre] -> is it >= MIN_MAJOR.MIN_MINOR ?
  local major minor
  IFS=. read -r major minor _ <<<"$1"
  [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] || return 1
  (( major > TERRAFORM_MIN_MAJOR || (major == TERRAFORM_MIN_MAJOR && minor >= TERRAFORM_MIN_MINOR) ))
}

# ---------------------------------------------------------------------------------------------
# 1. terraform
# ---------------------------------------------------------------------------------------------
TF_PATH=""
if [[ -z "${TOOLCHAIN_FORCE_TERRAFORM_BUILD:-}" ]]; then
  # Look at PATH without our own bin dir, so a previous build does not shadow a system terraform.
  sys_tf="$(PATH="$(printf '%s' "$PATH" | tr ':' '\n' | grep -vxF "$BIN" | paste -sd:)" command -v terraform || true)"
  if [[ -n "$sys_tf" ]]; then
    read -r v p <<<"$(terraform_info "$sys_tf")" || true
    if [[ -n "${v:-}" ]] && version_ok "$v"; then
      log "terraform: reusing $sys_tf ($v, $p)"
      TF_PATH="$(readlink -f "$sys_tf")"
    else
      log "terraform: $sys_tf is ${v:-unusable}; need >= $TERRAFORM_MIN_MAJOR.$TERRAFORM_MIN_MINOR, will build one"
    fi
  else
    log "terraform: none on PATH, will build one"
  fi
fi
if [[ -z "$TF_PATH" ]]; then
  built="$BIN/terraform-$TERRAFORM_BUILD_VERSION"
  if stamp_ok "terraform-$TERRAFORM_BUILD_VERSION" && [[ -x "$built" ]]; then
    log "terraform: $TERRAFORM_BUILD_VERSION already built at $built"
  else
    log "terraform: go install github.com/hashicorp/terraform@v$TERRAFORM_BUILD_VERSION (slow: several minutes)"
    tmpbin="$(mktemp -d "$TC/gobin.XXXXXX")"
    # version.dev=no is what HashiCorp's release builds set: without it the binary calls itself
    # "1.8.5-dev", and a prerelease does not satisfy constraints like required_version ">= 1.7".
    GOBIN="$tmpbin" go install -ldflags "-X github.com/hashicorp/terraform/version.dev=no" \
      "github.com/hashicorp/terraform@v$TERRAFORM_BUILD_VERSION"
    mv -f "$tmpbin/terraform" "$built"
    rmdir "$tmpbin"
    touch "$STAMPS/terraform-$TERRAFORM_BUILD_VERSION"
  fi
  TF_PATH="$built"
fi
read -r tf_v tf_platform <<<"$(terraform_info "$TF_PATH")" || true
[[ -n "${tf_v:-}" ]] || die "terraform at $TF_PATH does not run ('terraform version -json' failed)"
printf '%s\n' "$TF_PATH" >"$TC/terraform-path"
ln -sfn "$TF_PATH" "$BIN/terraform"
log "terraform: $TF_PATH ($tf_v) -> $TC/terraform-path"
if [[ "$tf_platform" != "unknown" && "$tf_platform" != "$GOOS_GOARCH" ]]; then
  die "terraform runs as $tf_platform but go builds providers for $GOOS_GOARCH"
fi

# ---------------------------------------------------------------------------------------------
# 2. providers into an unpacked filesystem mirror
# Unpacked layout (terraform docs, "Provider Installation" > filesystem_mirror):
#   HOSTNAME/NAMESPACE/TYPE/VERSION/TARGET/ holds what the release zip holds, i.e. the
#   executable terraform-provider-TYPE_vVERSION (terraform runs the file whose name starts
#   with terraform-provider-TYPE).
# Where a provider binary comes from, first hit wins:
#   a. TOOLCHAIN_GRAFANA_PROVIDERS="VERSION=PATH ..." (PATH: a binary or an official release zip),
#      e.g. "2.19.0=$HOME/Downloads/terraform-provider-grafana_2.19.0_linux_amd64.zip"
#   b. an unpacked copy in ~/.terraform.d/plugins or $TF_PLUGIN_CACHE_DIR
#   c. for 2.19.0 only: go install through the Go module proxy. Expect this to fail: the proxy
#      reachable on this project's machines refuses the provider's modules (403), and go install
#      refuses 2.19.0 anyway because its go.mod has a replace directive. Use (a) with the release zip.
# ---------------------------------------------------------------------------------------------
PROVIDER_FAILURES=()

mirror_dir() { printf '%s\n' "$MIRROR/$PROVIDER_ADDR/$1/$GOOS_GOARCH"; }
mirror_file() { printf '%s/terraform-provider-grafana_v%s\n' "$(mirror_dir "$1")" "$1"; }

install_in_mirror() { # <binary or release zip> <version>
  local src="$1" version="$2" dir tmp=""
  dir="$(mirror_dir "$version")"
  mkdir -p "$dir"
  if [[ "$src" == *.zip ]]; then
    tmp="$(mktemp -d "$TC/unzip.XXXXXX")"
    if command -v unzip >/dev/null 2>&1; then unzip -q -o "$src" -d "$tmp"
    else python3 -m zipfile -e "$src" "$tmp"; fi
    src="$(find "$tmp" -maxdepth 1 -type f -name 'terraform-provider-grafana*' | head -n1)"
    [[ -n "$src" ]] || die "$1 holds no terraform-provider-grafana* file"
  fi
  install -m 0755 "$src" "$dir/terraform-provider-grafana_v$version"
  if [[ -n "${tmp:-}" ]]; then rm -rf "$tmp"; fi
  touch "$STAMPS/provider-grafana-$version"
  log "provider: grafana/grafana $version -> $dir/terraform-provider-grafana_v$version"
}

provider_from_env() { # <version>: prints the path given for it in TOOLCHAIN_GRAFANA_PROVIDERS
  local entry
  for entry in ${TOOLCHAIN_GRAFANA_PROVIDERS:-}; do
    [[ "${entry%%=*}" == "$1" ]] && { printf '%s\n' "${entry#*=}"; return 0; }
  done
  return 0
}

provider_from_local_plugins() { # <version>
  local d f
  for d in "$HOME/.terraform.d/plugins" "${TF_PLUGIN_CACHE_DIR:-}"; do
    [[ -n "$d" ]] || continue
    f="$(find "$d/$PROVIDER_ADDR/$1/$GOOS_GOARCH" -maxdepth 1 -type f -name 'terraform-provider-grafana*' 2>/dev/null | head -n1 || true)"
    [[ -n "$f" ]] && { printf '%s\n' "$f"; return 0; }
  done
  return 0
}

provide() { # <version> [go module to go install]
  local version="$1" module="${2:-}" src tmpbin errlog
  if stamp_ok "provider-grafana-$version" && [[ -x "$(mirror_file "$version")" ]]; then
    log "provider: grafana $version already in the mirror"
    return 0
  fi
  src="$(provider_from_env "$version")"
  if [[ -n "$src" ]]; then
    [[ -f "$src" ]] || die "TOOLCHAIN_GRAFANA_PROVIDERS names $src for $version, which does not exist"
    log "provider: grafana $version from TOOLCHAIN_GRAFANA_PROVIDERS ($src)"
    install_in_mirror "$src" "$version"; return 0
  fi
  src="$(provider_from_local_plugins "$version")"
  if [[ -n "$src" ]]; then
    log "provider: grafana $version from local plugins ($src)"
    install_in_mirror "$src" "$version"; return 0
  fi
  if [[ -z "$module" ]]; then
    PROVIDER_FAILURES+=("grafana $version: no binary given (set TOOLCHAIN_GRAFANA_PROVIDERS=\"$version=/path\")")
    return 0
  fi
  log "provider: go install $module@v$version (slow: several minutes)"
  tmpbin="$(mktemp -d "$TC/gobin.XXXXXX")"
  errlog="$TC/go-install-grafana-$version.log"
  if GOBIN="$tmpbin" go install "$module@v$version" 2>&1 | tee "$errlog"; [[ ${PIPESTATUS[0]} -eq 0 ]]; then
    install_in_mirror "$tmpbin/terraform-provider-grafana" "$version"
    rm -rf "$tmpbin"
  else
    rm -rf "$tmpbin"
    PROVIDER_FAILURES+=("grafana $version: 'go install $module@v$version' failed: $(grep -m1 -E '^go: ' "$errlog" | cut -c1-300) (full log: $errlog)")
  fi
}

provide "$PROVIDER_V2_VERSION" "$PROVIDER_V2_MODULE"
# Extra versions (e.g. a 4.x binary for later suites) come only from TOOLCHAIN_GRAFANA_PROVIDERS:
# the 3.x/4.x modules cannot be built as dependencies of a module of ours (their go.mod files
# use replace directives, and the Go module proxy reachable here refuses them).
for entry in ${TOOLCHAIN_GRAFANA_PROVIDERS:-}; do
  [[ "${entry%%=*}" == "$PROVIDER_V2_VERSION" ]] || provide "${entry%%=*}"
done

# ---------------------------------------------------------------------------------------------
# 2b. go-client-check: the provider's own Go API client (grafana-openapi-client-go, pinned as in
#     provider 2.19.0) driving the Grafana test double. Built from e2e/go-client-check.
#     The tests rebuild it when its sources are newer; building it here warms the module cache.
# ---------------------------------------------------------------------------------------------
CHECK_SRC="$ROOT/e2e/go-client-check"
if [[ -f "$CHECK_SRC/go.mod" ]]; then
  if [[ -z "${TOOLCHAIN_REBUILD:-}" && -x "$BIN/go-client-check" && -z "$(find "$CHECK_SRC" -newer "$BIN/go-client-check" -type f)" ]]; then
    log "go-client-check: up to date"
  else
    log "go-client-check: go build (grafana-openapi-client-go from the Go module proxy)"
    (cd "$CHECK_SRC" && go build -o "$BIN/go-client-check" .)
  fi
fi

# ---------------------------------------------------------------------------------------------
# 2c. the Grafana provider TEST DOUBLE (e2e/provider-double; NOT the Grafana provider): one go
#     build, installed once per modelled release into a mirror of its own, next to that
#     release's schema from schema/reference (the repository's facts-only copies; the file's name
#     tells the double which release it models):
#       .toolchain/double-mirror/registry.terraform.io/grafana/grafana/<ver>/<os_arch>/
#         terraform-provider-grafana_v<ver>  grafana-provider-schema.v<ver>.json
#     .toolchain/terraformrc-double points only at that mirror, so a configuration's own version
#     constraint picks the double's release as it would a real one (and `init -upgrade` moves to
#     4.45.1). Real releases stay in .toolchain/plugin-mirror with .toolchain/terraformrc.
#     Not fatal: without the build, the double's suites skip (fail in CI).
#     TOOLCHAIN_SCHEMA_REFERENCE_DIR overrides where the reference files are.
# ---------------------------------------------------------------------------------------------
DOUBLE_VERSIONS=(1.43.0 2.19.0 4.45.1)
DOUBLE_SRC="$ROOT/e2e/provider-double"
DOUBLE_REF="${TOOLCHAIN_SCHEMA_REFERENCE_DIR:-$ROOT/schema/reference}"
DOUBLE_MIRROR="$TC/double-mirror"
double_dir() { printf '%s\n' "$DOUBLE_MIRROR/$PROVIDER_ADDR/$1/$GOOS_GOARCH"; }
rm -f "$TC/provider-double-missing"
# The single-version double of earlier installs (0.0.1-double in the real mirror) is retired.
rm -rf "${MIRROR:?}/$PROVIDER_ADDR/0.0.1-double"
if [[ -f "$DOUBLE_SRC/go.mod" ]]; then
  double_missing=""
  double_inputs=()
  for v in "${DOUBLE_VERSIONS[@]}"; do
    f="$DOUBLE_REF/grafana-provider-schema.v$v.json"
    [[ -f "$f" ]] || double_missing="reference schema $f not found (set TOOLCHAIN_SCHEMA_REFERENCE_DIR)"
    double_inputs+=("$f")
  done
  double_stale=""
  for v in "${DOUBLE_VERSIONS[@]}"; do
    bin="$(double_dir "$v")/terraform-provider-grafana_v$v"
    if [[ ! -x "$bin" || ! -f "$(double_dir "$v")/grafana-provider-schema.v$v.json" \
          || -n "$(find "$DOUBLE_SRC" "${double_inputs[@]}" -newer "$bin" -type f 2>/dev/null)" ]]; then
      double_stale=1
    fi
  done
  if [[ -n "$double_missing" ]]; then
    :
  elif [[ -z "${TOOLCHAIN_REBUILD:-}" && -z "$double_stale" ]]; then
    log "provider double: up to date ($DOUBLE_MIRROR: ${DOUBLE_VERSIONS[*]})"
  else
    log "provider double: go build e2e/provider-double (terraform-plugin-go from the Go module proxy)"
    if (cd "$DOUBLE_SRC" && go build -o "$TC/provider-double.tmp" .); then
      rm -rf "$DOUBLE_MIRROR"
      for v in "${DOUBLE_VERSIONS[@]}"; do
        dir="$(double_dir "$v")"
        mkdir -p "$dir"
        install -m 0755 "$TC/provider-double.tmp" "$dir/terraform-provider-grafana_v$v"
        install -m 0644 "$DOUBLE_REF/grafana-provider-schema.v$v.json" "$dir/"
        "$dir/terraform-provider-grafana_v$v" -self-check | sed 's/^/[install-toolchain] /' \
          || double_missing="self-check of $dir/terraform-provider-grafana_v$v failed"
      done
      rm -f "$TC/provider-double.tmp"
    else
      double_missing="go build of e2e/provider-double failed (see above)"
    fi
  fi
  if [[ -n "$double_missing" ]]; then
    printf '%s\n' "$double_missing" >"$TC/provider-double-missing"
    printf '[install-toolchain] WARNING: provider double not installed: %s\n' "$double_missing" >&2
  fi
fi

# ---------------------------------------------------------------------------------------------
# 3. CLI config: grafana/grafana only from the mirror; anything else would go direct (and fail
#    offline, which is what we want to notice).
# ---------------------------------------------------------------------------------------------
cat >"$TC/terraformrc.tmp" <<EOF
# Written by scripts/install-toolchain.sh. Use with TF_CLI_CONFIG_FILE=$TC/terraformrc
disable_checkpoint = true

provider_installation {
  filesystem_mirror {
    path    = "$MIRROR"
    include = ["$PROVIDER_ADDR"]
  }
  direct {
    exclude = ["$PROVIDER_ADDR"]
  }
}
EOF
mv -f "$TC/terraformrc.tmp" "$TC/terraformrc"
# The double's CLI config: grafana/grafana only from the double's mirror (never a real release).
cat >"$TC/terraformrc-double.tmp" <<EOF
# Written by scripts/install-toolchain.sh: the Grafana provider TEST DOUBLE, not the provider.
# Use with TF_CLI_CONFIG_FILE=$TC/terraformrc-double
disable_checkpoint = true

provider_installation {
  filesystem_mirror {
    path    = "$DOUBLE_MIRROR"
    include = ["$PROVIDER_ADDR"]
  }
  direct {
    exclude = ["$PROVIDER_ADDR"]
  }
}
EOF
mv -f "$TC/terraformrc-double.tmp" "$TC/terraformrc-double"
log "wrote $TC/terraformrc (set TF_CLI_CONFIG_FILE to it)"

log "wrote $TC/terraformrc-double (the provider double's mirror)"
log "mirror holds:"
(cd "$MIRROR" && find . -type f -name 'terraform-provider-*' | sed 's|^\./|  |' | sort)
if [[ -d "$DOUBLE_MIRROR" ]]; then
  log "double mirror holds (TEST DOUBLES, not the Grafana provider):"
  (cd "$DOUBLE_MIRROR" && find . -type f -name 'terraform-provider-*' | sed 's|^\./|  |' | sort)
fi

if (( ${#PROVIDER_FAILURES[@]} )); then
  printf '%s\n' "${PROVIDER_FAILURES[@]}" >"$TC/provider-missing"
  for f in "${PROVIDER_FAILURES[@]}"; do printf '[install-toolchain] MISSING: %s\n' "$f" >&2; done
  printf '[install-toolchain] %s\n' \
    "terraform is ready, but the e2e tests need the Grafana provider $PROVIDER_V2_VERSION in the mirror." \
    "Get its official release zip (terraform-provider-grafana_${PROVIDER_V2_VERSION}_$GOOS_GOARCH.zip) on a machine" \
    "with network access, then run:" \
    "  TOOLCHAIN_GRAFANA_PROVIDERS=\"$PROVIDER_V2_VERSION=/path/to/that.zip\" bash scripts/install-toolchain.sh" >&2
  if [[ -n "${TOOLCHAIN_ALLOW_MISSING_PROVIDER:-}" ]]; then
    log "done, without the provider(s) above (TOOLCHAIN_ALLOW_MISSING_PROVIDER is set) in ${SECONDS}s"
    exit 0
  fi
  exit 2
fi
rm -f "$TC/provider-missing"
log "done in ${SECONDS}s"
