#!/usr/bin/env bash
# Checks config/prometheus and config/grafana against the gateway.
#
#   .ci/check-monitoring.sh SCRAPE_FILE    a /metrics scrape of a test instance taken after real traffic
#   .ci/check-monitoring.sh --url URL      scrape a running instance now (curl), e.g. http://127.0.0.1:5080/metrics
#   .ci/check-monitoring.sh --demo         start `dotnet run --project src/Demo`, send two patrol requests,
#                                          scrape it, stop it (needs ports 5080 and 5081 free)
#
# 1. `promtool check rules` on config/prometheus/patrolscores-alerts.yml and `promtool test rules` on its
#    unit tests (installs Debian's `prometheus` package when promtool is missing).
# 2. Metric names. A counter with labels that never fired is absent from /metrics until its first
#    event (patrol_fetch_errors_total{error_type}, osm_block_events_total{kind}), so "the scrape has it"
#    alone cannot be the test, and "the source declares it" alone could drift from what the exporter
#    really writes. Both are used, each checking the other:
#    a. DECLARED: every instrument created in src/Gateway/**/*.cs (meter.CreateCounter("...") etc.),
#       mapped the way the OpenTelemetry Prometheus exporter names it: counter -> NAME_total; gauge ->
#       NAME; histogram -> NAME_<unit>_bucket/_sum/_count (unit "s" -> seconds). A Create* call the
#       script cannot read, or a unit it has no mapping for, is an error, never a skip.
#    b. SCRAPED: every osm_*/patrol_* series in the scrape must be a DECLARED name with the DECLARED
#       type (# TYPE line), and the scrape must show at least one instrument of every declared kind
#       (counter, gauge, histogram), so the mapping in (a) is proven on real output for each kind. An
#       empty or foreign scrape therefore fails.
#    c. USED: every metric name in the rules' `expr` and the dashboard's target `expr` and variable
#       queries (PromQL with strings, {label matchers}, [ranges], by/without/on/ignoring/group_*
#       (label lists), function names and keywords removed; what is left are series names). Each
#       expression must yield at least one name, or the check fails (a parser that finds nothing
#       cannot pass). Names are compared as full series names: a histogram is used through
#       NAME_bucket/_sum/_count, never its bare family name.
#    d. Every USED name must be DECLARED, or be listed in config/prometheus/pending-metrics.txt. A
#       pending name must be used somewhere and must be neither DECLARED nor SCRAPED (so the list is
#       deleted from when the gateway starts exporting it). USED names not present in this scrape are
#       listed as a note (no traffic produced them), not an error.
# 3. Every alert has severity critical|warning|info and a runbook_url docs/operations.md#ANCHOR whose
#    anchor is a heading of docs/operations.md; every dashboard panel and target uses the
#    ${DS_PROMETHEUS} datasource variable, which the dashboard defines.
# Prints every problem found and exits 1 on any; 2 on bad usage or when a tool or the scrape is missing.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
RULES=config/prometheus/patrolscores-alerts.yml
RULE_TESTS=config/prometheus/patrolscores-alerts.test.yml
PENDING=config/prometheus/pending-metrics.txt
DASHBOARD=config/grafana/patrolscores-dashboard.json
RUNBOOK=docs/operations.md
SOURCES=src/Gateway

log() { printf '[check-monitoring] %s\n' "$*" >&2; }
usage() {
  sed -n '3,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

TMP=$(mktemp -d /tmp/check-monitoring.XXXXXX)
DEMO_PID=""
cleanup() {
  if [ -n "$DEMO_PID" ]; then
    # The demo runs in its own process group: stop that group (dotnet run and the app it launched).
    kill -TERM -- "-$DEMO_PID" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$DEMO_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$DEMO_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT

mode=""; source_arg=""
case "${1:-}" in
  --url) [ $# -eq 2 ] || usage; mode=url; source_arg=$2 ;;
  --demo) [ $# -eq 1 ] || usage; mode=demo ;;
  -h|--help|"") usage ;;
  -*) usage ;;
  *) [ $# -eq 1 ] || usage; mode=file; source_arg=$1 ;;
esac

# --- tools -------------------------------------------------------------------------------------------
if ! command -v promtool >/dev/null; then
  log "promtool is missing: installing Debian's prometheus package"
  if [ "$(id -u)" -ne 0 ]; then log "not root: install the 'prometheus' package (promtool) first"; exit 2; fi
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus; } >"$TMP/apt.log" 2>&1 \
    || { cat "$TMP/apt.log" >&2; log "could not install prometheus"; exit 2; }
fi

PY=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import yaml' 2>/dev/null; then PY=$candidate; break; fi
done
if [ -z "$PY" ]; then
  if [ "$(id -u)" -eq 0 ] && { { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-yaml; } >"$TMP/apt.log" 2>&1; }; then
    PY=/usr/bin/python3
  else
    log "python3 with PyYAML is required (Debian: python3-yaml)"; exit 2
  fi
fi

# --- 1. promtool -------------------------------------------------------------------------------------
failed=0
log "promtool check rules $RULES"
promtool check rules "$RULES" >&2 || { log "FAIL: promtool check rules"; failed=1; }
log "promtool test rules $RULE_TESTS"
promtool test rules "$RULE_TESTS" >&2 || { log "FAIL: promtool test rules"; failed=1; }

# --- the scrape --------------------------------------------------------------------------------------
SCRAPE="$TMP/scrape.txt"
case "$mode" in
  file)
    [ -s "$source_arg" ] || { log "scrape file '$source_arg' is missing or empty"; exit 2; }
    cp "$source_arg" "$SCRAPE" ;;
  url)
    curl -fsS --max-time 20 "$source_arg" -o "$SCRAPE" || { log "could not scrape $source_arg"; exit 2; } ;;
  demo)
    base=http://127.0.0.1:5080
    if curl -fs --max-time 2 "$base/healthz" >/dev/null 2>&1; then
      log "something already answers on $base: stop it or use --url"; exit 2
    fi
    log "starting the demo (dotnet run --project src/Demo)"
    # Job control gives the background job its own process group (id = its pid), so that cleanup can
    # stop dotnet run and the app it launched together, and nothing else.
    set -m
    dotnet run --project src/Demo >"$TMP/demo.log" 2>&1 &
    DEMO_PID=$!
    set +m
    if [ "$(ps -o pgid= -p "$DEMO_PID" | tr -d ' ')" != "$DEMO_PID" ]; then
      kill "$DEMO_PID" 2>/dev/null; DEMO_PID=""; log "could not give the demo its own process group"; exit 2
    fi
    for _ in $(seq 1 240); do
      curl -fs --max-time 2 "$base/healthz" >/dev/null 2>&1 && break
      kill -0 "$DEMO_PID" 2>/dev/null || { cat "$TMP/demo.log" >&2; log "the demo exited"; exit 2; }
      sleep 1
    done
    curl -fs --max-time 2 "$base/healthz" >/dev/null || { tail -n 30 "$TMP/demo.log" >&2; log "the demo did not become healthy"; exit 2; }
    # Real traffic: a miss with an upstream fetch, then a cache hit.
    for _ in 1 2; do
      curl -fsS --max-time 20 -o /dev/null -H 'Authorization: Bearer demo-device-token' "$base/api/v1/patrols" \
        || { log "the demo's patrol request failed"; exit 2; }
    done
    curl -fsS --max-time 20 "$base/metrics" -o "$SCRAPE" || { log "could not scrape the demo"; exit 2; } ;;
esac

# --- 2 and 3. names, runbook links, datasource --------------------------------------------------------
"$PY" - "$ROOT" "$RULES" "$DASHBOARD" "$PENDING" "$RUNBOOK" "$SOURCES" "$SCRAPE" <<'PY' || failed=1
import glob, json, os, re, sys
import yaml

root, rules_path, dashboard_path, pending_path, runbook_path, sources_dir, scrape_path = sys.argv[1:8]
os.chdir(root)
errors, notes = [], []
def error(msg): errors.append(msg)

# ---- a. DECLARED: instruments in the gateway's source ---------------------------------------------
KINDS = {
    "Counter": "counter", "ObservableCounter": "counter",
    "Gauge": "gauge", "ObservableGauge": "gauge",
    "UpDownCounter": "gauge", "ObservableUpDownCounter": "gauge",
    "Histogram": "histogram",
}
UNITS = {None: None, "": None, "s": "seconds", "ms": "milliseconds", "By": "bytes"}
create_re = re.compile(r"\bCreate(Counter|ObservableCounter|Gauge|ObservableGauge|UpDownCounter|ObservableUpDownCounter|Histogram)\s*(?:<[^>()]*>)?\s*\(")

def call_args(text, start):
    """The text between the '(' at start-1 and its matching ')', skipping C# string literals."""
    depth, i, n = 1, start, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return text[start:i]
        i += 1
    raise ValueError("unbalanced call")

declared = {}          # exported series name -> (family, type, instrument, file)
families = {}          # family name -> type
source_files = [f for f in glob.glob(f"{sources_dir}/**/*.cs", recursive=True) if "/obj/" not in f and "/bin/" not in f]
for path in sorted(source_files):
    text = open(path, encoding="utf-8").read()
    for m in create_re.finditer(text):
        kind = KINDS[m.group(1)]
        try:
            args = call_args(text, m.end())
        except ValueError:
            error(f"{path}: cannot read the arguments of Create{m.group(1)}"); continue
        name_m = re.match(r'\s*"([^"]+)"', args)
        if not name_m:
            error(f"{path}: Create{m.group(1)}(...) does not name its instrument with a string literal; extend .ci/check-monitoring.sh"); continue
        name = re.sub(r"[^a-zA-Z0-9_:]", "_", name_m.group(1))
        unit_m = re.search(r'\bunit\s*:\s*"([^"]*)"', args)
        unit = unit_m.group(1) if unit_m else None
        if unit and re.fullmatch(r"\{[^{}]*\}", unit):
            unit = None                   # an annotation such as "{request}": the exporter drops it
        if unit not in UNITS:
            error(f"{path}: instrument {name} has unit {unit!r}, which the check has no Prometheus mapping for"); continue
        suffix = UNITS[unit]
        if suffix and not name.endswith("_" + suffix):
            name = f"{name}_{suffix}"
        if kind == "counter":
            family = name if name.endswith("_total") else name + "_total"
            series = [family]
        elif kind == "histogram":
            family = name
            series = [name + "_bucket", name + "_sum", name + "_count"]
        else:
            family, series = name, [name]
        if family in families:
            error(f"{path}: instrument family {family} is declared twice")
        families[family] = kind
        for s in series:
            declared[s] = (family, kind, name_m.group(1), path)
if not declared:
    error(f"no instrument found under {sources_dir}: the declared list cannot be empty")

# ---- b. SCRAPED -----------------------------------------------------------------------------------
OURS = ("osm_", "patrol_")
scraped, scraped_types = set(), {}
for line in open(scrape_path, encoding="utf-8", errors="replace"):
    line = line.strip()
    if not line:
        continue
    if line.startswith("#"):
        t = re.match(r"#\s*TYPE\s+(\S+)\s+(\S+)", line)
        if t:
            scraped_types[t.group(1)] = t.group(2)
        continue
    m = re.match(r"([a-zA-Z_:][a-zA-Z0-9_:]*)", line)
    if m:
        scraped.add(m.group(1))
ours_scraped = {s for s in scraped if s.startswith(OURS)}
if not ours_scraped:
    error(f"the scrape has no osm_*/patrol_* series: not a PatrolScores /metrics page, or no traffic")
for s in sorted(ours_scraped - declared.keys()):
    error(f"the gateway exports {s}, which the check does not derive from the source: fix the name mapping in .ci/check-monitoring.sh")
for family, typ in sorted(scraped_types.items()):
    if family.startswith(OURS) and family in families and families[family] != typ:
        error(f"{family} is exported as a {typ} but declared as a {families[family]}")
for kind in sorted(set(families.values())):
    if not any(declared[s][1] == kind for s in ours_scraped if s in declared):
        error(f"the scrape shows no {kind} of the gateway: the {kind} name mapping is unproven (scrape after real traffic)")

# ---- c. USED --------------------------------------------------------------------------------------
KEYWORDS = {"and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "offset", "inf", "nan", "atan2"}
def metric_names(expr):
    e = re.sub(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|`[^`]*`', '""', expr)   # string literals
    e = re.sub(r"#[^\n]*", " ", e)                                                # comments
    e = re.sub(r"\{[^{}]*\}", "{}", e)                                            # label matchers
    e = re.sub(r"\[[^\[\]]*\]", "[]", e)                                          # ranges, subqueries
    # label lists: "sum by (job) (x)" becomes "sum  (x)", so sum reads as a function call
    e = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)", " ", e)
    names = set()
    for m in re.finditer(r"(?<![A-Za-z0-9_:.$])([A-Za-z_:][A-Za-z0-9_:]*)", e):
        word = m.group(1)
        if word.lower() in KEYWORDS or re.match(r"\s*\(", e[m.end():]):
            continue                                                              # keyword or function
        names.add(word)
    return names

used = {}              # name -> set of places
def use(expr, where):
    names = metric_names(expr)
    if not names:
        error(f"{where}: no metric name found in {expr!r}")
    for n in names:
        used.setdefault(n, set()).add(where)

rules_doc = yaml.safe_load(open(rules_path, encoding="utf-8"))
headings = open(runbook_path, encoding="utf-8").read() if os.path.exists(runbook_path) else None
if headings is None:
    error(f"{runbook_path} is missing: every runbook_url points into it")
anchors = set()
def slug(title):
    # GitHub's rule: lower case, drop what is not a letter, digit, '_', '-' or space; spaces become '-'.
    return re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")
for line in (headings or "").splitlines():
    h = re.match(r"#{1,6}\s+(.+?)\s*#*\s*$", line)
    if h:
        anchors.add(slug(h.group(1)))
alerts = 0
for group in (rules_doc or {}).get("groups", []):
    for rule in group.get("rules", []):
        name = rule.get("alert") or rule.get("record")
        use(rule["expr"], f"{rules_path}: {name}")
        if "alert" not in rule:
            continue
        alerts += 1
        severity = (rule.get("labels") or {}).get("severity")
        if severity not in ("critical", "warning", "info"):
            error(f"{rules_path}: {name} has severity {severity!r}, not critical|warning|info")
        url = (rule.get("annotations") or {}).get("runbook_url", "")
        m = re.fullmatch(r"docs/operations\.md#([\w\-]+)", url)
        if not m:
            error(f"{rules_path}: {name} runbook_url {url!r} is not docs/operations.md#ANCHOR")
        elif headings is not None and m.group(1) not in anchors:
            error(f"{rules_path}: {name} runbook_url anchor #{m.group(1)} is not a heading of {runbook_path}")
if alerts == 0:
    error(f"{rules_path} has no alert")

dash = json.load(open(dashboard_path, encoding="utf-8"))
DS_UID = "${DS_PROMETHEUS}"
variables = (dash.get("templating") or {}).get("list", [])
if not any(v.get("type") == "datasource" and v.get("name") == "DS_PROMETHEUS" and v.get("query") == "prometheus" for v in variables):
    error(f"{dashboard_path}: no datasource variable DS_PROMETHEUS of type prometheus")
def ds_ok(ds):
    return isinstance(ds, dict) and ds.get("uid") == DS_UID
for v in variables:
    if v.get("type") != "query":
        continue
    q = v.get("query")
    q = q.get("query", "") if isinstance(q, dict) else (q or "")
    where = f"{dashboard_path}: variable {v.get('name')}"
    if not ds_ok(v.get("datasource")):
        error(f"{where}: datasource is not {DS_UID}")
    lv = re.fullmatch(r"\s*label_values\((.*),\s*[A-Za-z_][A-Za-z0-9_]*\s*\)\s*", q, re.S)
    if lv:
        use(lv.group(1), where)           # label_values(SELECTOR, label): the selector's metric
    elif re.fullmatch(r"\s*label_values\(\s*[A-Za-z_][A-Za-z0-9_]*\s*\)\s*", q):
        pass                              # label_values(label): no metric
    else:
        use(re.sub(r"^\s*query_result\((.*)\)\s*$", r"\1", q, flags=re.S), where)
ids, targets = set(), 0
def walk(panels):
    global targets
    for p in panels:
        title = f"{dashboard_path}: panel {p.get('title')!r}"
        if p.get("id") in ids:
            error(f"{title}: duplicate panel id {p.get('id')}")
        ids.add(p.get("id"))
        if p.get("type") == "row":
            walk(p.get("panels") or [])
            continue
        if not ds_ok(p.get("datasource")):
            error(f"{title}: datasource is not {DS_UID}")
        if not p.get("targets"):
            error(f"{title}: no query")
        for t in p.get("targets") or []:
            targets += 1
            if not ds_ok(t.get("datasource")):
                error(f"{title} {t.get('refId')}: datasource is not {DS_UID}")
            if not t.get("expr"):
                error(f"{title} {t.get('refId')}: empty expr")
                continue
            use(t["expr"], f"{title} {t.get('refId')}")
walk(dash.get("panels") or [])
if targets == 0:
    error(f"{dashboard_path} has no query")

# The dashboard's PromQL parses: each target as a recording rule for `promtool check rules`, with
# Grafana's interval variables replaced by a duration ($job and $user_id only appear inside strings).
dash_rules, index = [], {}
def collect(panels):
    for p in panels:
        collect(p.get("panels") or [])
        for t in p.get("targets") or []:
            if t.get("expr"):
                name = f"dashboard:panel_{p.get('id')}_{t.get('refId')}"
                index[name] = f"panel {p.get('title')!r} {t.get('refId')}"
                expr = re.sub(r"\$(__rate_interval|__interval|__range)\b|\$\{(__rate_interval|__interval|__range)\}", "5m", t["expr"])
                dash_rules.append({"record": name, "expr": expr})
collect(dash.get("panels") or [])
import subprocess, tempfile
with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False) as f:
    yaml.safe_dump({"groups": [{"name": "dashboard", "rules": dash_rules}]}, f)
check = subprocess.run(["promtool", "check", "rules", f.name], capture_output=True, text=True)
os.unlink(f.name)
if check.returncode != 0:
    error(f"{dashboard_path}: a query does not parse (promtool): {(check.stdout + check.stderr).strip()}")

# ---- d. compare -----------------------------------------------------------------------------------
pending = set()
for line in open(pending_path, encoding="utf-8"):
    line = line.split("#", 1)[0].strip()
    if line:
        pending.add(line)
for n in sorted(used):
    places = "; ".join(sorted(used[n]))
    if n in pending:
        continue
    if n not in declared:
        hint = ""
        family = re.sub(r"_(bucket|sum|count)$", "", n)
        if n in families and families[n] == "histogram":
            hint = " (a histogram family: use its _bucket/_sum/_count series)"
        elif family + "_bucket" in declared and n not in declared:
            hint = f" (did you mean {family}_bucket/_sum/_count?)"
        error(f"MISSING: {n} is used but the gateway does not export it{hint} — used by {places}")
    elif n not in scraped:
        notes.append(f"{n}: declared, absent from this scrape (no event of that kind yet)")
for n in sorted(pending):
    if n in declared or n in scraped:
        error(f"{pending_path}: {n} is exported now: delete it from the pending list")
    if n not in used:
        error(f"{pending_path}: {n} is listed as pending but no rule or panel uses it")

print(f"[check-monitoring] declared by the gateway: {len(families)} families, {len(declared)} series names; "
      f"in the scrape: {len(ours_scraped)} osm_/patrol_ series names", file=sys.stderr)
print(f"[check-monitoring] used by rules and dashboard: {len(used)} names "
      f"({len([n for n in used if n in declared])} exported, {len([n for n in used if n in pending])} pending: "
      f"{', '.join(sorted(n for n in used if n in pending)) or '-'})", file=sys.stderr)
for n in notes:
    print(f"[check-monitoring] note: {n}", file=sys.stderr)
for e in errors:
    print(f"[check-monitoring] FAIL: {e}", file=sys.stderr)
sys.exit(1 if errors else 0)
PY

if [ "$failed" -ne 0 ]; then
  log "monitoring check FAILED"
  exit 1
fi
log "monitoring check passed"
