#!/usr/bin/env bash
# The studio survives hostile and heavy requests: starts it under JAVA_OPTS=-Xmx512m on a small model trained
# here, then sends the long-path GET, 8 parallel 4000x4000 16-bit PNG uploads, 20 parallel completion requests and
# 40 slow connections, and checks that it is still alive and completes a normal request. Loopback only; every
# loop is bounded and the script stops the studio it started. Exit 0 when the studio survived, 1 otherwise.
#
#   tools/studio-survival.sh            # about a minute on 2 cores
#   KEEP=1 tools/studio-survival.sh     # keep the temporary folder (model, studio log)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for tool in curl python3; do
  command -v "$tool" >/dev/null || { echo "studio-survival: needs $tool" >&2; exit 2; }
done
tmp="$(mktemp -d)"
studio_pid=""
failures=0
cleanup() {
  [ -n "$studio_pid" ] && kill "$studio_pid" 2>/dev/null && wait "$studio_pid" 2>/dev/null
  [ -n "${KEEP:-}" ] && echo "kept $tmp" || rm -rf "$tmp"
}
trap cleanup EXIT
check() { # check NAME CONDITION-RESULT(0/1) DETAIL
  if [ "$2" -eq 0 ]; then echo "ok    $1: $3"; else echo "FAIL  $1: $3"; failures=$((failures + 1)); fi
}
alive() { kill -0 "$studio_pid" 2>/dev/null; }

echo "== a small model (1 epoch on 512 bundled garments, narrow networks)"
"$here/semfill" train --data bundled --limit 512 --epochs 1 --nz 16 --ngf 8 --ndf 8 --out "$tmp/run" >"$tmp/train.log" 2>&1 \
  || { cat "$tmp/train.log"; echo "studio-survival: training the small model failed" >&2; exit 1; }

echo "== the studio under JAVA_OPTS=-Xmx512m"
JAVA_OPTS=-Xmx512m "$here/semfill" studio --model "$tmp/run" --port 0 --examples 4 >"$tmp/studio.out" 2>"$tmp/studio.err" &
studio_pid=$!
url=""
for _ in $(seq 600); do
  url="$(sed -n 's|^open \(http://127.0.0.1:[0-9]*/\).*|\1|p' "$tmp/studio.out")"
  [ -n "$url" ] && break
  alive || break
  sleep 0.1
done
[ -n "$url" ] || { cat "$tmp/studio.out" "$tmp/studio.err"; echo "studio-survival: the studio did not start" >&2; exit 1; }
port="${url##*:}"; port="${port%/}"
echo "studio at $url (pid $studio_pid)"

status() { curl -s -o "$tmp/last.json" -w '%{http_code}' --max-time "${2:-30}" "$@" 2>/dev/null; }

echo "== 1. one GET with a long path (/a x 2000)"
code="$(curl -s -o "$tmp/long.json" -w '%{http_code}' --max-time 10 "$url$(printf 'a/%.0s' $(seq 2000))a")"
check "long path" "$([ "$code" = 414 ] && alive; echo $?)" "HTTP $code $(head -c 120 "$tmp/long.json")"

echo "== 2. 8 parallel uploads of a 4000x4000 16-bit RGBA PNG"
python3 - "$tmp/deep.png" <<'EOF'
import struct, sys, zlib
w = h = 4000
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
z = zlib.compressobj(9)
row = bytes(1 + w * 8)  # filter byte 0 and 4000 pixels of 8 bytes
idat = b"".join(z.compress(row) for _ in range(h)) + z.flush()
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 6, 0, 0, 0)) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
EOF
echo "deep.png: $(stat -c %s "$tmp/deep.png") bytes, 4000 x 4000 x 4 bands x 2 bytes = 128 MB decoded"
for i in $(seq 8); do
  curl -s -o "$tmp/up$i.json" -w '%{http_code}\n' --max-time 120 -H 'Content-Type: image/png' --data-binary @"$tmp/deep.png" \
    "${url}api/images" >"$tmp/up$i.code" &
done
wait_jobs() { for j in $(jobs -p); do [ "$j" != "$studio_pid" ] && wait "$j"; done; }
wait_jobs
codes="$(cat "$tmp"/up*.code | sort | uniq -c | tr -s ' \n' ' ')"
bad="$(cat "$tmp"/up*.code | grep -cvE '^(201|503)$')"
check "8 uploads" "$([ "$bad" -eq 0 ] && alive; echo $?)" "statuses:$codes; e.g. $(head -c 160 "$tmp/up1.json")"

echo "== 3. 20 parallel completion requests (1000 iterations, 4 restarts each)"
job='{"imageId":"h0","mask":"center","iterations":1000,"restarts":4}'
for i in $(seq 20); do
  curl -s -o "$tmp/job$i.json" -w '%{http_code}\n' --max-time 30 -H 'Content-Type: application/json' -d "$job" \
    "${url}api/complete" >"$tmp/job$i.code" &
done
wait_jobs
codes="$(cat "$tmp"/job*.code | sort | uniq -c | tr -s ' \n' ' ')"
accepted="$(grep -c '^202$' "$tmp"/job*.code | awk -F: '{s += $2} END {print s}')"
refused="$(grep -l '^429$' "$tmp"/job*.code | head -1)"
check "20 jobs" "$([ "$accepted" -ge 1 ] && [ "$accepted" -le 4 ] && alive; echo $?)" \
  "statuses:$codes; a refusal says: $([ -n "$refused" ] && head -c 160 "${refused%.code}.json")"

echo "== 4. 40 slow connections (headers sent a byte a second, never finished)"
python3 - "$port" 40 12 >"$tmp/slow.log" 2>&1 <<'EOF' &
import socket, sys, time
port, n, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
head = ("POST /api/images HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: image/png\r\nContent-Length: 1000000\r\n" % port).encode()
socks = []
for _ in range(n):
    s = socket.create_connection(("127.0.0.1", port), timeout=2)
    s.send(head[:5])
    socks.append([s, 5])
dropped, end = 0, time.time() + seconds
while time.time() < end and socks:
    time.sleep(1)
    for entry in list(socks):
        s, at = entry
        try:
            s.send(head[at:at + 1] if at < len(head) else b"x")
            entry[1] = at + 1
        except OSError:
            socks.remove(entry); dropped += 1; s.close()
print("slow connections dropped by the studio within %.0f s: %d of %d" % (seconds, dropped, n))
EOF
slow_pid=$!
sleep 2
t0=$EPOCHREALTIME
code="$(curl -s -o "$tmp/model.json" -w '%{http_code}' --max-time 30 "${url}api/model")"
t1=$EPOCHREALTIME
check "page beside 40 slow connections" "$([ "$code" = 200 ]; echo $?)" "GET /api/model: HTTP $code in $(python3 -c "print('%.1f' % ($t1 - $t0))") s"
wait "$slow_pid"
check "slow connections dropped" "$(grep -q 'dropped' "$tmp/slow.log"; echo $?)" "$(cat "$tmp/slow.log")"

echo "== 5. a normal request still completes"
python3 -c "
import struct, zlib, sys
w = h = 40
raw = b''.join(b'\x00' + bytes((x * 6) % 256 for x in range(w)) for _ in range(h))
c = lambda k, d: struct.pack('>I', len(d)) + k + d + struct.pack('>I', zlib.crc32(k + d) & 0xFFFFFFFF)
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + c(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 0, 0, 0, 0)) + c(b'IDAT', zlib.compress(raw)) + c(b'IEND', b''))
" "$tmp/small.png"
code="$(curl -s -o "$tmp/small.json" -w '%{http_code}' --max-time 30 -H 'Content-Type: image/png' --data-binary @"$tmp/small.png" "${url}api/images")"
image="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("id",""))' "$tmp/small.json" 2>/dev/null)"
check "small upload" "$([ "$code" = 201 ] && [ -n "$image" ]; echo $?)" "HTTP $code, image $image"
jobid=""
for _ in $(seq 40); do # the 20 jobs' queue drains; 429 says when to try again
  code="$(curl -s -D "$tmp/h.txt" -o "$tmp/mine.json" -w '%{http_code}' --max-time 30 -H 'Content-Type: application/json' \
    -H 'X-Semfill-Session: survival-check' -d "{\"imageId\":\"$image\",\"mask\":\"center\",\"iterations\":50,\"restarts\":2}" "${url}api/complete")"
  [ "$code" = 202 ] && { jobid="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["jobId"])' "$tmp/mine.json")"; break; }
  wait_s="$(sed -n 's/^[Rr]etry-[Aa]fter: *\([0-9]*\).*/\1/p' "$tmp/h.txt")"
  echo "   HTTP $code, Retry-After ${wait_s:-?}: waiting"
  sleep "${wait_s:-5}"
done
state=""
for _ in $(seq 600); do
  [ -n "$jobid" ] || break
  state="$(curl -s --max-time 10 "${url}api/jobs/$jobid" | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])' 2>/dev/null)"
  [ "$state" = queued ] || [ "$state" = running ] || break
  sleep 0.5
done
code="$(curl -s -o "$tmp/result.png" -w '%{http_code}' --max-time 10 "${url}api/jobs/$jobid/result.png")"
check "normal completion" "$([ "$state" = done ] && [ "$code" = 200 ]; echo $?)" "job ${jobid:-none} $state, result.png HTTP $code, $(stat -c %s "$tmp/result.png" 2>/dev/null) bytes"
check "studio alive" "$(alive; echo $?)" "pid $studio_pid still running; its stderr has $(grep -c . "$tmp/studio.err") lines"
[ -s "$tmp/studio.err" ] && { echo "-- studio stderr (first lines):"; head -5 "$tmp/studio.err"; }

echo "== $([ "$failures" -eq 0 ] && echo "the studio survived" || echo "$failures check(s) failed")"
[ "$failures" -eq 0 ]
