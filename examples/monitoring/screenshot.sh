#!/usr/bin/env bash
# Renders a PNG of the demo's key series (position, fills by side, p99 of ack latency and of
# tick-to-trade, readiness checks): runs the demo (a market maker replaying real Bitstamp
# trades, its circuit breaker tripped 45 s in), Prometheus scraping it every second with the
# committed rules, and headless Chromium on Prometheus's graph page. Writes docs/images/demo-prometheus.png.
# Needs: examples/target/metrics-demo.jar (mvn -B -q install -DskipTests), and the Debian packages
# prometheus and chromium. Takes about 90 s. Not run by CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out=${1:-$root/docs/images/demo-prometheus.png}
demo_port=${DEMO_PORT:-19464}
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

java -jar examples/target/metrics-demo.jar --port "$demo_port" --duration 60 --trip-after 45 --linger 120 \
  >"$work/demo.log" 2>&1 &
pids+=($!)

sed -e "s/scrape_interval: 5s/scrape_interval: 1s/" -e "s/evaluation_interval: 5s/evaluation_interval: 1s/" \
    -e "s|- rules.yml|- $root/examples/monitoring/prometheus/rules.yml|" \
    -e "s/'127.0.0.1:9464'/'127.0.0.1:$demo_port'/" \
    examples/monitoring/prometheus/prometheus.yml >"$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" >"$work/prometheus.log" 2>&1 &
pids+=($!)

echo "demo and Prometheus running; collecting 70 s of samples"
sleep 70

enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
range=90s
url="http://127.0.0.1:$prom_port/graph?"
i=0
for expr in \
  'trader_position' \
  'sum by (side) (rate(trader_orders_filled_total[10s]))' \
  'histogram_quantile(0.99, sum by (le) (rate(trader_order_ack_latency_seconds_bucket[10s])))' \
  'histogram_quantile(0.99, sum by (le) (rate(trader_tick_to_trade_seconds_bucket[10s])))' \
  'sum by (check) (tradermetrics_health_status{kind="readiness", status="up"})'; do
  url+="g$i.expr=$(enc "$expr")&g$i.tab=0&g$i.range_input=$range&g$i.stacked=0&g$i.show_exemplars=0&"
  i=$((i + 1))
done

mkdir -p "$(dirname "$out")"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$work/chromium" \
  --virtual-time-budget=15000 --window-size=1400,3900 --screenshot="$out" "$url" >"$work/chromium.log" 2>&1
echo "wrote $out"
