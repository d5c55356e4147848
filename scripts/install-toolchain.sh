#!/usr/bin/env bash
# Installs the real-toolchain tier's tools into the project-local, git-ignored .toolchain/:
#
#   .toolchain/terraform-path          absolute path of the terraform binary the e2e tests use
#   .toolchain/bin/terraform           symlink to it
#   .toolchain/plugin-mirror/...       an unpacked filesystem mirror holding the real grafana/grafana
#                                      releases you pass in (any number; none by default)
#   .toolchain/real-providers.json     which real releases are there, each checked (section 2)
#   .toolchain/terraformrc             CLI config: grafana/grafana only from that mirror, never the
#                                      network; tests point TF_CLI_CONFIG_FILE at it
#   .toolchain/double-mirror/...       the Grafana provider TEST DOUBLE as 1.43.0, 2.19.0, 4.45.1
#   .toolchain/terraformrc-double      CLI config: grafana/grafana only from the double's mirror
#                                      (also as registry.opentofu.org/grafana/grafana, for tofu)
#   .toolchain/tofu-path, bin/tofu     OpenTofu >= 1.10 (reused from PATH, else built: section 1b)
#
# terraform: reuses a `terraform` on PATH when it is >= 1.7 (needed for `removed` blocks),
# otherwise builds v1.8.5 with `go install`. Real provider releases are never built: they come
# as release zips or binaries (section 2). The rest is fetched through the Go module proxy.
#
# Idempotent: a second run only re-checks what is there. Environment knobs:
#   TOOLCHAIN_FORCE_TERRAFORM_BUILD=1  build terraform even if a usable one is on PATH
#   TOOLCHAIN_GRAFANA_PROVIDERS="V=PATH ..."  put real provider release zips or binaries
#                                      into the mirror, each checked (see section 2)
#   TOOLCHAIN_ALLOW_MISSING_PROVIDER=1 exit 0 even when no real grafana release is installed
#   TOOLCHAIN_DIR=DIR                  install there instead of .toolchain (the script's own tests)
#   TOOLCHAIN_REBUILD=1                rebuild everything (ignores the stamps)
#   TOOLCHAIN_SKIP_OPENTOFU=1          do not build OpenTofu (the e2e tofu runs skip, or fail in CI)
#
# Exit codes: 0 done; 1 a hard error (no go, terraform unusable, a release that is not usable or
# not the version it is passed as); 2 terraform and the doubles are ready but no real grafana
# release is installed (the reason is printed and kept in .toolchain/provider-missing).
set -euo pipefail

TERRAFORM_BUILD_VERSION="1.8.5"
TERRAFORM_MIN_MAJOR=1
TERRAFORM_MIN_MINOR=7
PROVIDER_ADDR="registry.terraform.io/grafana/grafana"
# OpenTofu reads `grafana/grafana` as registry.opentofu.org/grafana/grafana.
TOFU_PROVIDER_ADDR="registry.opentofu.org/grafana/grafana"
TOFU_BUILD_VERSION="1.10.10" # the version e2e/opentofu/go.mod requires
TOFU_MIN_MINOR=10

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TC="${TOOLCHAIN_DIR:-$ROOT/.toolchain}"
BIN="$TC/bin"
MIRROR="$TC/plugin-mirror"
STAMPS="$TC/stamps"

log() { printf '[install-toolchain] %s\n' "$*"; }
die() { printf '[install-toolchain] ERROR: %s\n' "$*" >&2; exit 1; }

if ! command -v go >/dev/null 2>&1; then
  die "'go' is not on PATH. terraform (when none is on PATH), go-client-check and the
  provider test double are built with Go through the Go module proxy. Install Go >= 1.22 (https://go.dev/dl/), make sure
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
# 1b. OpenTofu (>= 1.10: removed blocks with lifecycle), for the e2e runs with --engine opentofu.
#     Reuses a `tofu` >= 1.10 on PATH, else builds e2e/opentofu: `go install pkg@version` refuses
#     OpenTofu because its go.mod has a replace directive (github.com/hashicorp/hcl/v2), so a
#     wrapper module requires it and repeats that replace; `go build` of its cmd/tofu then works.
#     Slow once (about 15 minutes cold on 2 cores, most of it compiling), then cached in
#     .toolchain/bin with a stamp. Not fatal: without it the tofu runs skip (CI: fail, unless
#     E2E_OPTIONAL lists opentofu); the reason is kept in .toolchain/opentofu-missing.
# ---------------------------------------------------------------------------------------------
TOFU_SRC="$ROOT/e2e/opentofu"
TOFU_PATH=""
rm -f "$TC/opentofu-missing"
tofu_ok() { # <version>: is it >= 1.10 ?
  local major minor
  IFS=. read -r major minor _ <<<"$1"
  [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] && (( major > 1 || (major == 1 && minor >= TOFU_MIN_MINOR) ))
}
sys_tofu="$(PATH="$(printf '%s' "$PATH" | tr ':' '\n' | grep -vxF "$BIN" | paste -sd:)" command -v tofu || true)"
if [[ -n "$sys_tofu" ]]; then
  read -r v _ <<<"$(terraform_info "$sys_tofu")" || true
  if [[ -n "${v:-}" ]] && tofu_ok "$v"; then
    log "opentofu: reusing $sys_tofu ($v)"
    TOFU_PATH="$(readlink -f "$sys_tofu")"
  else
    log "opentofu: $sys_tofu is ${v:-unusable}; need >= 1.$TOFU_MIN_MINOR"
  fi
fi
built="$BIN/tofu-$TOFU_BUILD_VERSION"
if [[ -z "$TOFU_PATH" && -n "${TOOLCHAIN_SKIP_OPENTOFU:-}" ]]; then
  printf 'not built (TOOLCHAIN_SKIP_OPENTOFU is set)\n' >"$TC/opentofu-missing"
  log "opentofu: skipped (TOOLCHAIN_SKIP_OPENTOFU)"
elif [[ -z "$TOFU_PATH" ]]; then
  if stamp_ok "tofu-$TOFU_BUILD_VERSION" && [[ -x "$built" && ! "$TOFU_SRC/go.mod" -nt "$built" ]]; then
    log "opentofu: $TOFU_BUILD_VERSION already built at $built"
    TOFU_PATH="$built"
  else
    log "opentofu: go build github.com/opentofu/opentofu/cmd/tofu v$TOFU_BUILD_VERSION via e2e/opentofu (slow: about 15 minutes cold)"
    # version.dev=no as OpenTofu's release builds set it (.goreleaser.yaml), or it is "1.10.10-dev".
    if (cd "$TOFU_SRC" && go build -trimpath -ldflags "-X github.com/opentofu/opentofu/version.dev=no" -o "$built.tmp" github.com/opentofu/opentofu/cmd/tofu); then
      mv -f "$built.tmp" "$built"
      touch "$STAMPS/tofu-$TOFU_BUILD_VERSION"
      TOFU_PATH="$built"
    else
      rm -f "$built.tmp"
      printf 'go build of e2e/opentofu failed (see the install output)\n' >"$TC/opentofu-missing"
      printf '[install-toolchain] WARNING: OpenTofu not built; the e2e tofu runs will skip\n' >&2
    fi
  fi
fi
if [[ -n "$TOFU_PATH" ]]; then
  read -r v _ <<<"$(terraform_info "$TOFU_PATH")" || true
  if [[ -n "${v:-}" ]] && tofu_ok "$v"; then
    printf '%s\n' "$TOFU_PATH" >"$TC/tofu-path"
    ln -sfn "$TOFU_PATH" "$BIN/tofu"
    log "opentofu: $TOFU_PATH ($v) -> $TC/tofu-path"
  else
    printf 'tofu at %s reports version %s; need >= 1.%s\n' "$TOFU_PATH" "${v:-unknown}" "$TOFU_MIN_MINOR" >"$TC/opentofu-missing"
    rm -f "$TC/tofu-path"
  fi
else
  rm -f "$TC/tofu-path"
fi

# ---------------------------------------------------------------------------------------------
# 2. real Grafana provider releases into an unpacked filesystem mirror (.toolchain/plugin-mirror)
# Unpacked layout (terraform docs, "Provider Installation" > filesystem_mirror):
#   HOSTNAME/NAMESPACE/TYPE/VERSION/TARGET/ holds what the release zip holds, i.e. the
#   executable terraform-provider-TYPE_vVERSION (terraform runs the file whose name starts
#   with terraform-provider-TYPE).
# Releases come from (any number of versions):
#   a. TOOLCHAIN_GRAFANA_PROVIDERS="VERSION=PATH ..." (PATH: a binary or an official release zip),
#      e.g. "2.19.0=$HOME/Downloads/terraform-provider-grafana_2.19.0_linux_amd64.zip"
#   b. unpacked copies in ~/.terraform.d/plugins or $TF_PLUGIN_CACHE_DIR (`terraform providers
#      mirror` output has the same layout)
# They are never built here: the Go module proxy reachable on this project's machines answers
# 403 for every github.com/grafana/terraform-provider-grafana module, so `go install` cannot work.
# Each release is checked before it counts (check_release): it must start and serve a schema,
# and that schema must match the version it is installed as (grafana_api_key before 3.0.0, none
# from 3.0.0 on). The checked releases are listed in .toolchain/real-providers.json, which the
# e2e tests read to run every scenario against them too.
# ---------------------------------------------------------------------------------------------
PROVIDER_FAILURES=()
REAL_LIST="$TC/real-providers.json"
rm -f "$REAL_LIST" # written once every release is checked: a failed run leaves none listed

# The real releases' CLI config: grafana/grafana only from the mirror; anything else would go
# direct (and fail offline, which is what we want to notice).
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
log "wrote $TC/terraformrc (set TF_CLI_CONFIG_FILE to it)"

mirror_dir() { printf '%s\n' "$MIRROR/$PROVIDER_ADDR/$1/$GOOS_GOARCH"; }
mirror_file() { printf '%s/terraform-provider-grafana_v%s\n' "$(mirror_dir "$1")" "$1"; }

install_in_mirror() { # <binary, release zip or unpacked dir> <version>: what the zip holds, as is
  local src="$1" version="$2" dir tmp="" bin
  dir="$(mirror_dir "$version")"
  rm -rf "$dir"; mkdir -p "$dir"
  if [[ "$src" == *.zip ]]; then
    tmp="$(mktemp -d "$TC/unzip.XXXXXX")"
    if command -v unzip >/dev/null 2>&1; then unzip -q -o "$src" -d "$tmp"
    else python3 -m zipfile -e "$src" "$tmp"; fi
    src="$tmp"
  fi
  if [[ -d "$src" ]]; then
    bin="$(find "$src" -maxdepth 1 -type f -name 'terraform-provider-grafana*' | head -n1)"
    [[ -n "$bin" ]] || { rm -rf "$dir" ${tmp:+"$tmp"}; die "$1 holds no terraform-provider-grafana* file"; }
    find "$src" -maxdepth 1 -type f ! -name 'terraform-provider-grafana*' -exec cp {} "$dir/" \;
    src="$bin"
  fi
  install -m 0755 "$src" "$(mirror_file "$version")"
  if [[ -n "$tmp" ]]; then rm -rf "$tmp"; fi
}

# Runs the installed release the way terraform will: a scratch module pinned to exactly that
# version, the mirror's CLI config, `terraform providers schema -json`. Prints
# "<resource count> <has grafana_api_key: true|false>", or fails with the reason.
release_schema_facts() { # <version> <scratch dir>
  local version="$1" scratch="$2" out
  printf 'terraform {\n  required_providers {\n    grafana = { source = "grafana/grafana", version = "= %s" }\n  }\n}\n' \
    "$version" >"$scratch/main.tf"
  if ! out="$(cd "$scratch" && TF_CLI_CONFIG_FILE="$TC/terraformrc" "$TF_PATH" init -input=false -no-color 2>&1)"; then
    printf 'terraform init with it failed: %s\n' "$(printf '%s' "$out" | grep -v '^\s*$' | tail -n 3 | tr '\n' ' ')"; return 1
  fi
  if ! (cd "$scratch" && TF_CLI_CONFIG_FILE="$TC/terraformrc" "$TF_PATH" providers schema -json >schema.json 2>err.txt); then
    printf 'it did not start or serve a schema (terraform providers schema -json: %s)\n' \
      "$(grep -v '^\s*$' "$scratch/err.txt" | tail -n 3 | tr '\n' ' ')"; return 1
  fi
  node -e '
    const doc = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const p = (doc.provider_schemas || {})["registry.terraform.io/grafana/grafana"];
    if (!p) { console.log("it served no schema for registry.terraform.io/grafana/grafana"); process.exit(1); }
    const r = p.resource_schemas || {};
    console.log(`${Object.keys(r).length} ${"grafana_api_key" in r}`);' "$scratch/schema.json"
}

check_release() { # <version> <where it came from>: dies (and removes it) unless it is that release
  local version="$1" from="$2" scratch facts count legacy major want
  scratch="$(mktemp -d "$TC/check.XXXXXX")"
  if ! facts="$(release_schema_facts "$version" "$scratch")"; then
    rm -rf "$scratch" "$(mirror_dir "$version")"
    die "grafana $version from $from is not usable: $facts"
  fi
  rm -rf "$scratch"
  read -r count legacy <<<"$facts"
  major="${version%%.*}"
  if (( major < 3 )); then want=true; else want=false; fi
  if [[ "$legacy" != "$want" ]]; then
    rm -rf "$(mirror_dir "$version")"
    if [[ "$want" == true ]]; then
      die "grafana $version from $from: claimed as $version (before 3.0.0, which has grafana_api_key), but its schema ($count resources) has no grafana_api_key, as releases from 3.0.0 on. Pass it under its own version."
    fi
    die "grafana $version from $from: claimed as $version (3.0.0 or later, where grafana_api_key is gone), but its schema ($count resources) has grafana_api_key, as releases before 3.0.0. Pass it under its own version."
  fi
  printf '%s %s\n' "$count" "$legacy" >"$STAMPS/provider-grafana-$version"
  log "provider: grafana $version checked: starts, serves $count resources, grafana_api_key: $legacy"
}

provide() { # <version> <binary, zip or dir> <where it came from>
  [[ "$1" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "TOOLCHAIN_GRAFANA_PROVIDERS: '$1' is not a version like 2.19.0 (write VERSION=PATH)"
  [[ -e "$2" ]] || die "TOOLCHAIN_GRAFANA_PROVIDERS names $2 for $1, which does not exist"
  log "provider: grafana $1 from $3 ($2)"
  install_in_mirror "$2" "$1"
  check_release "$1" "$2"
}

given=" "
for entry in ${TOOLCHAIN_GRAFANA_PROVIDERS:-}; do
  [[ "$entry" == *=* ]] || die "TOOLCHAIN_GRAFANA_PROVIDERS: '$entry' is not VERSION=PATH"
  provide "${entry%%=*}" "${entry#*=}" TOOLCHAIN_GRAFANA_PROVIDERS
  given+="${entry%%=*} "
done
for d in "$HOME/.terraform.d/plugins" "${TF_PLUGIN_CACHE_DIR:-}"; do
  [[ -n "$d" && -d "$d/$PROVIDER_ADDR" ]] || continue
  for vdir in "$d/$PROVIDER_ADDR"/*/"$GOOS_GOARCH"; do
    v="$(basename "$(dirname "$vdir")")"
    [[ -d "$vdir" && "$given" != *" $v "* && ! -x "$(mirror_file "$v")" ]] || continue
    provide "$v" "$vdir" "local plugins"
    given+="$v "
  done
done
# Releases installed by earlier runs: checked again only when the binary changed since.
for f in "$MIRROR/$PROVIDER_ADDR"/*/"$GOOS_GOARCH"/terraform-provider-grafana_v*; do
  [[ -x "$f" ]] || continue
  v="$(basename "$(dirname "$(dirname "$f")")")"
  [[ "$given" != *" $v "* ]] || continue
  if [[ -z "${TOOLCHAIN_REBUILD:-}" && -f "$STAMPS/provider-grafana-$v" && ! "$f" -nt "$STAMPS/provider-grafana-$v" ]]; then
    log "provider: grafana $v already in the mirror (checked)"
  else
    check_release "$v" "the mirror"
  fi
done

# .toolchain/real-providers.json: the checked real releases, for the e2e tests' provider sets.
real_versions=()
for f in "$MIRROR/$PROVIDER_ADDR"/*/"$GOOS_GOARCH"/terraform-provider-grafana_v*; do
  [[ -x "$f" ]] && real_versions+=("$(basename "$(dirname "$(dirname "$f")")")")
done
{
  printf '{\n  "comment": "Written by scripts/install-toolchain.sh: real grafana/grafana releases in plugin-mirror, each checked",\n'
  printf '  "platform": "%s",\n  "cliConfig": "terraformrc",\n  "mirror": "plugin-mirror",\n  "releases": [' "$GOOS_GOARCH"
  sep=""
  for v in ${real_versions[@]+"${real_versions[@]}"}; do
    read -r count legacy <"$STAMPS/provider-grafana-$v"
    printf '%s\n    { "version": "%s", "resources": %s, "legacyKeys": %s }' "$sep" "$v" "$count" "$legacy"
    sep=","
  done
  printf '%s]\n}\n' "${sep:+$'\n  '}"
} >"$REAL_LIST.tmp"
mv -f "$REAL_LIST.tmp" "$REAL_LIST"
if (( ${#real_versions[@]} == 0 )); then
  PROVIDER_FAILURES+=("no real grafana/grafana release in $MIRROR (the e2e scenarios run against the provider test doubles only). It cannot be built here: the Go module proxy answers 403 for the provider's module. Pass release zips or binaries: TOOLCHAIN_GRAFANA_PROVIDERS=\"2.19.0=/path/terraform-provider-grafana_2.19.0_${GOOS_GOARCH}.zip 4.45.1=/path/...zip\"")
fi
log "real releases: ${real_versions[*]:-(none)} -> $REAL_LIST"
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
  if [[ -z "$double_missing" ]]; then
    # The same releases under OpenTofu's registry host (hard links: one copy on disk), so that
    # tofu finds registry.opentofu.org/grafana/grafana in the same mirror.
    rm -rf "${DOUBLE_MIRROR:?}/registry.opentofu.org"
    mkdir -p "$DOUBLE_MIRROR/registry.opentofu.org"
    cp -al "$DOUBLE_MIRROR/registry.terraform.io/grafana" "$DOUBLE_MIRROR/registry.opentofu.org/grafana"
  fi
  if [[ -n "$double_missing" ]]; then
    printf '%s\n' "$double_missing" >"$TC/provider-double-missing"
    printf '[install-toolchain] WARNING: provider double not installed: %s\n' "$double_missing" >&2
  fi
fi

# ---------------------------------------------------------------------------------------------
# 3. the double's CLI config (the real releases' one, .toolchain/terraformrc, is in section 2)
# ---------------------------------------------------------------------------------------------
# The double's CLI config: grafana/grafana only from the double's mirror (never a real release).
cat >"$TC/terraformrc-double.tmp" <<EOF
# Written by scripts/install-toolchain.sh: the Grafana provider TEST DOUBLE, not the provider.
# Use with TF_CLI_CONFIG_FILE=$TC/terraformrc-double
disable_checkpoint = true

provider_installation {
  filesystem_mirror {
    path    = "$DOUBLE_MIRROR"
    include = ["$PROVIDER_ADDR", "$TOFU_PROVIDER_ADDR"]
  }
  direct {
    exclude = ["$PROVIDER_ADDR", "$TOFU_PROVIDER_ADDR"]
  }
}
EOF
mv -f "$TC/terraformrc-double.tmp" "$TC/terraformrc-double"
log "wrote $TC/terraformrc-double (the provider double's mirror)"
log "mirror holds (real releases):"
(cd "$MIRROR" && find . -type f -name 'terraform-provider-*' | sed 's|^\./|  |' | sort)
if [[ -d "$DOUBLE_MIRROR" ]]; then
  log "double mirror holds (TEST DOUBLES, not the Grafana provider):"
  (cd "$DOUBLE_MIRROR" && find . -type f -name 'terraform-provider-*' | sed 's|^\./|  |' | sort)
fi

if (( ${#PROVIDER_FAILURES[@]} )); then
  printf '%s\n' "${PROVIDER_FAILURES[@]}" >"$TC/provider-missing"
  for f in "${PROVIDER_FAILURES[@]}"; do printf '[install-toolchain] MISSING: %s\n' "$f" >&2; done
  printf '[install-toolchain] %s\n' \
    "terraform and the provider test doubles are ready; the e2e scenarios run against the doubles only." \
    "To run them against real releases as well, get release zips on a machine with network access" \
    "(see e2e/README.md), then run:" \
    "  TOOLCHAIN_GRAFANA_PROVIDERS=\"2.19.0=/path/to/terraform-provider-grafana_2.19.0_$GOOS_GOARCH.zip\" bash scripts/install-toolchain.sh" >&2
  if [[ -n "${TOOLCHAIN_ALLOW_MISSING_PROVIDER:-}" ]]; then
    log "done, without a real provider (TOOLCHAIN_ALLOW_MISSING_PROVIDER is set) in ${SECONDS}s"
    exit 0
  fi
  exit 2
fi
rm -f "$TC/provider-missing"
log "done in ${SECONDS}s"
