#!/usr/bin/env bash
# Checks the deployment files: compose stacks, the Dockerfile, env files and settings examples.
#
#   .ci/check-deploy.sh            check the repository's files (run by .ci/run)
#
# 1. Compose. Every compose file under deploy/ (compose*.yaml|yml, docker-compose*.yaml|yml) is validated by
#    Debian's docker-compose (1.29.2; installed when missing) with deploy/compose/.env.example as its env
#    file: `docker-compose --env-file E -f FILE [--profile P] config -q`, once without a profile and once per
#    profile the file declares. Any non-zero exit fails. Its normalised output (anchors merged, env_file
#    read into environment, values interpolated) is what checks 2 and 3 read; every bind-mounted source
#    must exist (the stacks mount the repository's config files, they do not copy them).
# 2. Pinned images: every `image:` of a compose service that is not built here (`build:`), every FROM of
#    the Dockerfile and its `# syntax=` frontend must carry a tag with a full version (major.minor.patch,
#    e.g. 1.27.4-alpine, v3.2.1; postgres, whose releases are major.minor, 16.6-alpine) or a digest. No
#    tag, `latest`, or a bare major/minor (postgres:16, sdk:10.0) fails; so does an image given by a
#    build argument, which cannot be checked.
# 3. Gateway settings are spelled as docs/configuration.md spells them. Read from:
#    - the environment of every gateway service (built from the repository's Dockerfile, or an image
#      named patrolscores*) in the normalised compose output, and the Dockerfile's ENV;
#    - deploy/compose/.env.example: names with "__" (the rest are compose variables, not settings);
#    - deploy/systemd/*.env* (every name) and the Environment= lines of deploy/systemd/*.service, when
#      they exist (EnvironmentFile= points at a file scanned by the glob above);
#    - config/appsettings.Production.example.json and the shipped src/Gateway/appsettings.json, their JSON
#      keys flattened (arrays by index).
#    "__" becomes ":". Documented keys are the backticked keys in the first column of the tables of
#    docs/configuration.md (`A:B` / `C` means A:B and A:C); there `N` stands for an index and `{name}`
#    for any one segment. A setting matches a key segment by segment, case-sensitively, and may end in
#    one more index (an element of a list key, Network:TrustedProxies:0). Also accepted, as the docs
#    describe them in prose: ReverseProxy:** (YARP's schema) and Logging:LogLevel:{category}. Not
#    settings of the gateway, skipped: ASPNETCORE_*, DOTNET_*, OTEL_* (the runtime's and exporter's own).
# Prints every problem found and exits 1 on any; 0 with a short summary otherwise; 2 when a tool is missing.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
ENV_EXAMPLE=deploy/compose/.env.example

log() { printf '[check-deploy] %s\n' "$*" >&2; }

TMP=$(mktemp -d /tmp/check-deploy.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

# --- tools -------------------------------------------------------------------------------------------
# Debian packages, installed as .ci/install-browser.sh does: refresh the lists only when needed.
apt_install() {
  if [ "$(id -u)" -ne 0 ]; then log "not root: install Debian's $* first"; return 1; fi
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-cache show "$@" >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends "$@" >"$TMP/apt.log" 2>&1; }; then
    if ! { apt-get update -qq >"$TMP/apt.log" 2>&1 && apt-get install -y -qq --no-install-recommends "$@" >>"$TMP/apt.log" 2>&1; }; then
      cat "$TMP/apt.log" >&2
      return 1
    fi
  fi
}

if ! command -v docker-compose >/dev/null; then
  log "docker-compose is missing: installing Debian's docker-compose"
  apt_install docker-compose </dev/null || { log "could not install docker-compose"; exit 2; }
  command -v docker-compose >/dev/null || { log "docker-compose installed but not on PATH"; exit 2; }
fi
if ! python3 -c 'import yaml' 2>/dev/null; then
  log "PyYAML is missing: installing Debian's python3-yaml"
  apt_install python3-yaml </dev/null || { log "could not install python3-yaml"; exit 2; }
fi

failed=0
[ -f "$ENV_EXAMPLE" ] || { log "FAIL: $ENV_EXAMPLE is missing"; failed=1; }

# --- 1. docker-compose config ------------------------------------------------------------------------
mapfile -t COMPOSE_FILES < <(find deploy -type f \( -name 'compose*.yaml' -o -name 'compose*.yml' \
  -o -name 'docker-compose*.yaml' -o -name 'docker-compose*.yml' \) 2>/dev/null | sort)
[ "${#COMPOSE_FILES[@]}" -gt 0 ] || { log "FAIL: no compose file under deploy/"; failed=1; }

# The environment is emptied so that a variable of the caller's shell cannot stand in for the example's.
compose() {
  env -i PATH="$PATH" HOME="${HOME:-/root}" LC_ALL=C.UTF-8 \
    docker-compose --env-file "$ROOT/$ENV_EXAMPLE" --project-directory "$(dirname "$ROOT/$1")" -f "$ROOT/$1" "${@:2}"
}

n=0
: >"$TMP/configs.txt"
for file in "${COMPOSE_FILES[@]}"; do
  profiles=$(python3 - "$file" <<'PY'
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1], encoding="utf-8")) or {}
found = set()
for service in (doc.get("services") or {}).values():
    found.update((service or {}).get("profiles") or [])
print("\n".join(sorted(found)))
PY
  ) || { log "FAIL: $file is not YAML"; failed=1; continue; }
  for profile in "" $profiles; do
    args=(); label="$file"
    [ -n "$profile" ] && { args=(--profile "$profile"); label="$file --profile $profile"; }
    if ! compose "$file" "${args[@]}" config -q >"$TMP/err" 2>&1; then
      sed 's/^/    /' "$TMP/err" >&2
      log "FAIL: docker-compose config: $label"
      failed=1
      continue
    fi
    n=$((n + 1))
    compose "$file" "${args[@]}" config >"$TMP/config.$n.yaml" 2>"$TMP/err" \
      || { cat "$TMP/err" >&2; log "FAIL: docker-compose config (output): $label"; failed=1; continue; }
    printf '%s\t%s\n' "$label" "$TMP/config.$n.yaml" >>"$TMP/configs.txt"
    log "docker-compose config: $label: valid"
  done
done

# --- 2 and 3. pinned images, settings spelled as documented ------------------------------------------
python3 - "$ROOT" "$TMP/configs.txt" "$ENV_EXAMPLE" <<'PY' || failed=1
import difflib, glob, json, os, re, shlex, sys
import yaml

root, configs_list, env_example = sys.argv[1:4]
os.chdir(root)
errors = []
def error(msg):
    if msg not in errors:
        errors.append(msg)

DOCS = "docs/configuration.md"
DOCKERFILE = "Dockerfile"
# The production example, and the settings the gateway ships with (what it reads when nothing overrides them).
SETTINGS_JSON = ["config/appsettings.Production.example.json", "src/Gateway/appsettings.json"]
SYSTEMD_ENV = "deploy/systemd/*.env*"
SYSTEMD_UNITS = "deploy/systemd/*.service"
NOT_SETTINGS = ("ASPNETCORE_", "DOTNET_", "OTEL_")
# Image repositories whose releases are numbered major.minor (PostgreSQL since 10).
TWO_PART_VERSIONS = {"postgres", "library/postgres", "docker.io/library/postgres"}

# ---- 2. pinned images -----------------------------------------------------------------------------
def check_image(ref, where):
    if "$" in ref:
        error(f"{where}: image {ref!r} is given by a variable: it cannot be checked, pin it in the file")
        return
    if re.search(r"@sha256:[0-9a-f]{64}$", ref):
        return
    last = ref.rsplit("/", 1)[-1]
    if ":" not in last:
        error(f"{where}: image {ref!r} has no tag (that is 'latest'): pin a full version")
        return
    repo, tag = ref.rsplit(":", 1)
    if tag == "latest":
        error(f"{where}: image {ref!r} uses 'latest': pin a full version")
        return
    parts = 2 if repo in TWO_PART_VERSIONS else 3
    if not re.search(r"(?<![\d.])\d+" + r"\.\d+" * (parts - 1) + r"(?![\d])", tag):
        need = "major.minor" if parts == 2 else "major.minor.patch"
        error(f"{where}: image {ref!r} is not pinned: its tag needs a full version ({need}) or a digest")

stages, from_count = set(), 0
dockerfile_env = {}
if not os.path.exists(DOCKERFILE):
    error(f"{DOCKERFILE} is missing")
else:
    lines = open(DOCKERFILE, encoding="utf-8").read().splitlines()
    for i, line in enumerate(lines, 1):
        m = re.match(r"#\s*syntax\s*=\s*(\S+)", line)
        if m:
            check_image(m.group(1), f"{DOCKERFILE}:{i} (# syntax)")
        if not line.startswith("#"):
            break                              # parser directives come first only
    # Instructions with their continuation lines joined, comments dropped.
    instructions, current, start = [], "", 0
    for i, line in enumerate(lines, 1):
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if current and line.lstrip().startswith("#"):
            continue
        if not current:
            start = i
        if line.rstrip().endswith("\\"):
            current += line.rstrip()[:-1] + " "
            continue
        instructions.append((start, current + line))
        current = ""
    for i, text in instructions:
        words = text.split()
        op = words[0].upper()
        if op == "FROM":
            args = [w for w in words[1:] if not w.startswith("--")]
            if not args:
                error(f"{DOCKERFILE}:{i}: FROM without an image"); continue
            from_count += 1
            image = args[0]
            if len(args) >= 3 and args[1].upper() == "AS":
                stages.add(args[2].lower())
            if image.lower() in stages or image == "scratch":
                continue
            check_image(image, f"{DOCKERFILE}:{i} (FROM)")
        elif op == "ENV":
            body = text.split(None, 1)[1] if len(words) > 1 else ""
            tokens = shlex.split(body)
            if tokens and "=" not in tokens[0]:
                dockerfile_env[tokens[0]] = f"{DOCKERFILE}:{i}"      # ENV NAME value (old form)
            else:
                for t in tokens:
                    dockerfile_env[t.split("=", 1)[0]] = f"{DOCKERFILE}:{i}"
    if from_count == 0:
        error(f"{DOCKERFILE}: no FROM found")

# ---- compose: images, bind mounts, gateway environments ----------------------------------------------
def is_gateway(service):
    build = service.get("build")
    if build:
        context = build.get("context") if isinstance(build, dict) else build
        if os.path.realpath(context or "") == os.path.realpath(root):
            return True
    image = service.get("image") or ""
    return image.rsplit("/", 1)[-1].startswith("patrolscores")

settings = []          # (setting as written, key with ':', where)
def add_env_name(name, where, only_double_underscore=False):
    if name.startswith(NOT_SETTINGS):
        return
    if only_double_underscore and "__" not in name:
        return
    settings.append((name, name.replace("__", ":"), where))

configs = [line.rstrip("\n").split("\t") for line in open(configs_list, encoding="utf-8") if line.strip()]
gateway_files = {}
for label, path in configs:
    doc = yaml.safe_load(open(path, encoding="utf-8")) or {}
    file = label.split(" --profile ")[0]
    gateway_files.setdefault(file, 0)
    for name, service in (doc.get("services") or {}).items():
        where = f"{file}: service {name}"
        if not service.get("build"):
            if not service.get("image"):
                error(f"{where}: neither image nor build")
            else:
                check_image(service["image"], where)
        for volume in service.get("volumes") or []:
            if isinstance(volume, dict) and volume.get("type") == "bind" and not os.path.exists(volume.get("source", "")):
                error(f"{where}: bind-mounted {os.path.relpath(volume.get('source', ''), root)} does not exist")
            elif isinstance(volume, str) and volume.split(":")[0].startswith("/") and not os.path.exists(volume.split(":")[0]):
                error(f"{where}: bind-mounted {os.path.relpath(volume.split(':')[0], root)} does not exist")
        if is_gateway(service):
            gateway_files[file] += 1
            env = service.get("environment") or {}
            names = env.keys() if isinstance(env, dict) else [e.split("=", 1)[0] for e in env]
            for env_name in names:
                add_env_name(env_name, where)
for file, count in gateway_files.items():
    if count == 0:
        error(f"{file}: no gateway service (built from ./Dockerfile or an image named patrolscores*): nothing to check its settings against")

for name, where in dockerfile_env.items():
    add_env_name(name, where)

def read_env_file(path, only_double_underscore):
    for i, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        line = re.sub(r"^export\s+", "", line)
        if "=" not in line:
            error(f"{path}:{i}: not NAME=value"); continue
        add_env_name(line.split("=", 1)[0].strip(), f"{path}:{i}", only_double_underscore)

if os.path.exists(env_example):
    read_env_file(env_example, only_double_underscore=True)
for path in sorted(glob.glob(SYSTEMD_ENV)):
    read_env_file(path, only_double_underscore=False)
for path in sorted(glob.glob(SYSTEMD_UNITS)):
    for i, line in enumerate(open(path, encoding="utf-8"), 1):
        m = re.match(r"\s*Environment\s*=\s*(.*)$", line)
        if not m:
            continue
        try:
            assignments = shlex.split(m.group(1))
        except ValueError as e:
            error(f"{path}:{i}: cannot read Environment= ({e})"); continue
        for a in assignments:
            if "=" not in a:
                error(f"{path}:{i}: Environment= entry {a!r} is not NAME=value"); continue
            add_env_name(a.split("=", 1)[0], f"{path}:{i}")

def flatten(value, prefix):
    if isinstance(value, dict) and value:
        for k, v in value.items():
            yield from flatten(v, f"{prefix}:{k}" if prefix else k)
    elif isinstance(value, list) and value:
        for i, v in enumerate(value):
            yield from flatten(v, f"{prefix}:{i}")
    else:
        yield prefix
for settings_json in SETTINGS_JSON:
    if os.path.exists(settings_json):
        for key in flatten(json.load(open(settings_json, encoding="utf-8")), ""):
            settings.append((key, key, settings_json))
    else:
        error(f"{settings_json} is missing")

# ---- 3. documented keys ---------------------------------------------------------------------------
documented = []
for line in open(DOCS, encoding="utf-8"):
    m = re.match(r"\|\s*(`.*?)(?<!\\)\|", line)
    if not m:
        continue
    tokens = re.findall(r"`([^`]+)`", m.group(1))
    if not tokens:
        continue
    first = tokens[0]
    documented.append(first)
    for t in tokens[1:]:
        documented.append(t if ":" in t else ":".join(first.split(":")[:-1] + [t]))
for key in documented:
    if not re.fullmatch(r"[A-Za-z0-9{}]+(:[A-Za-z0-9{}]+)*", key):
        error(f"{DOCS}: cannot read {key!r} as a key in a table's first column")
if len(documented) < 20 or "Storage:Mode" not in documented:
    error(f"{DOCS}: read only {len(documented)} keys from its tables: the check cannot work")
PROSE = ["ReverseProxy:**", "Logging:LogLevel:{category}"]

def segment_matches(doc, seg):
    return doc == seg or (doc == "N" and seg.isdigit()) or (doc.startswith("{") and doc.endswith("}"))
def matches(key, doc_key):
    segs, doc = key.split(":"), doc_key.split(":")
    if doc[-1] == "**":
        return len(segs) >= len(doc) - 1 and all(segment_matches(d, s) for d, s in zip(doc[:-1], segs))
    candidates = [segs] + ([segs[:-1]] if len(segs) > 1 and segs[-1].isdigit() else [])
    return any(len(c) == len(doc) and all(segment_matches(d, s) for d, s in zip(doc, c)) for c in candidates)

checked = 0
for written, key, where in dict.fromkeys(settings):      # once each (a setting is in every profile's output)
    checked += 1
    if any(matches(key, d) for d in documented + PROSE):
        continue
    hint = ""
    lower = [d for d in documented if matches(key.lower(), d.lower()) or d.lower() == key.lower()]
    if lower:
        hint = f" (differs in case from {lower[0]})"
    else:
        pattern = re.sub(r":\d+(?=:|$)", ":N", key)
        close = difflib.get_close_matches(pattern, documented, n=1, cutoff=0.8)
        if close:
            hint = f" (did you mean {close[0]}?)"
    error(f"{where}: setting {written} ({key}) is not a key of {DOCS}{hint}")

for e in errors:
    print(f"[check-deploy] FAIL: {e}", file=sys.stderr)
print(f"[check-deploy] {checked} settings checked against {len(documented)} documented keys; "
      f"images and FROM lines checked for pinned versions", file=sys.stderr)
sys.exit(1 if errors else 0)
PY

if [ "$failed" -ne 0 ]; then
  log "deployment check FAILED"
  exit 1
fi
log "deployment check passed: ${#COMPOSE_FILES[@]} compose files in $n configurations, images pinned, settings as documented"
