#!/bin/sh
# ExecStartPost of patrolscores.service: waits until the gateway's /healthz answers 200, at most 60 s.
# The port (and host, unless it listens on every interface) comes from the first address in Urls, which
# systemd passes from the unit and /etc/patrolscores/patrolscores.env.
first=${Urls:-http://127.0.0.1:5080}
first=${first%%;*}
first=${first%/}
port=${first##*:}
case "$first" in
  *://0.0.0.0:* | *://\[::\]:* | *://+:* | *://\*:* | *://localhost:*) url="http://127.0.0.1:$port/healthz" ;;
  *) url="$first/healthz" ;;
esac

deadline=$(($(date +%s) + 60))
while [ "$(date +%s)" -lt "$deadline" ]; do
  if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
    exit 0
  fi
  sleep 1
done
echo "PatrolScores did not answer $url within 60 s" >&2
exit 1
