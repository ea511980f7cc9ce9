#!/usr/bin/env bash
# Renders a PNG of a small fleet side by side: four demo processes (market makers replaying real
# Bitstamp trades under three strategies, one of them with its circuit breaker tripped 30 s in),
# Prometheus scraping them every second with the committed rules, and headless Chromium on
# Prometheus's graph page: position per instance, fills per second per instance, p99 of ack latency
# per instance, the desk's net position (the recording rule trader:position:sum) and readiness per
# instance. Writes docs/images/fleet-prometheus.png.
# Needs: examples/target/metrics-demo.jar (mvn -B -q install -DskipTests), and the Debian packages
# prometheus and chromium. Takes about 90 s. Not run by CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out=${1:-$root/docs/images/fleet-prometheus.png}
demo_port=${DEMO_PORT:-19464}   # the demos use this port and the three after it
prom_port=${PROM_PORT:-19090}
for tool in java prometheus chromium; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (Debian: apt-get install $tool)" >&2; exit 1; }
done
[ -f examples/target/metrics-demo.jar ] || { echo "build first: mvn -B -q install -DskipTests" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# instance: strategy, trades replayed in 60 s, extra flags
fleet=("mm-a 20000" "mm-a 30000" "mm-b 40000 --trip-after 30" "mm-c 60000")
targets=()
for i in "${!fleet[@]}"; do
  read -r strategy trades extra <<<"${fleet[$i]}"
  port=$((demo_port + i))
  # shellcheck disable=SC2086 # $extra is a list of flags
  java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar examples/target/metrics-demo.jar --port "$port" \
    --strategy "$strategy" --trades "$trades" --duration 60 --linger 120 $extra >"$work/demo-$i.log" 2>&1 &
  pids+=($!)
  targets+=("'127.0.0.1:$port'")
done

sed -e "s/scrape_interval: 5s/scrape_interval: 1s/" -e "s/evaluation_interval: 5s/evaluation_interval: 1s/" \
    -e "s|- rules.yml|- $root/examples/monitoring/prometheus/rules.yml|" \
    -e "s/'127.0.0.1:9464'/$(IFS=,; echo "${targets[*]}")/" \
    examples/monitoring/prometheus/prometheus.yml >"$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" >"$work/prometheus.log" 2>&1 &
pids+=($!)

echo "${#fleet[@]} demos and Prometheus running; collecting 70 s of samples"
sleep 70

enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
range=90s
url="http://127.0.0.1:$prom_port/graph?"
i=0
for expr in \
  'trader_position' \
  'sum by (instance, strategy) (rate(trader_orders_filled_total[10s]))' \
  'histogram_quantile(0.99, sum by (instance, strategy, le) (rate(trader_order_ack_latency_seconds_bucket[10s])))' \
  'sum by (symbol) (trader:position:sum)' \
  'max by (instance, check) (tradermetrics_health_status{kind="readiness", status="up"})'; do
  url+="g$i.expr=$(enc "$expr")&g$i.tab=0&g$i.range_input=$range&g$i.stacked=0&g$i.show_exemplars=0&"
  i=$((i + 1))
done

mkdir -p "$(dirname "$out")"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$work/chromium" \
  --virtual-time-budget=15000 --window-size=1400,3900 --screenshot="$out" "$url" >"$work/chromium.log" 2>&1
echo "wrote $out"
