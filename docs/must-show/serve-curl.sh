#!/usr/bin/env bash
# `interviewer serve` on a fresh HOME with no configuration, driven with curl through /v1 (SSE)
# and /api (the reference web client's calls). Prints the transcript in serve-curl.md.
# Usage: docs/must-show/serve-curl.sh [PORT]   (needs `interviewer` on PATH, curl, python3)
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
PORT="${1:-18777}"
S="http://127.0.0.1:$PORT"
WORK="$(mktemp -d)"
trap 'rc=$?; kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true; rm -rf "$WORK"; exit $rc' EXIT
HOME="$WORK" env -u DATABASE_URL -u OPENAI_API_KEY -u INTERVIEWER_SERVER interviewer serve --port "$PORT" >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 120); do curl -sf "$S/readyz" >/dev/null && break; sleep 0.5; done
show() { printf '\n$ %s\n' "$*"; }
j='content-type: application/json'
short() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps({k:(v[:16]+"…" if k.endswith("token") or k=="jwtoken" else v) for k,v in d.items()}))'; }

show "interviewer serve --port $PORT      # fresh HOME, no DATABASE_URL, no OPENAI_API_KEY"
head -1 "$WORK/serve.log" | sed "s#$WORK#~#"
show 'curl -s $S/readyz'
curl -s $S/readyz; echo

printf '\n## /v1: our API\n'
show "curl -s -X POST \$S/v1/accounts -H '$j' -d '{\"username\":\"ada\",\"email\":\"ada@example.com\",\"password\":\"correct horse battery\"}'"
curl -s -X POST $S/v1/accounts -H "$j" -d '{"username":"ada","email":"ada@example.com","password":"correct horse battery"}'; echo
show "curl -s -X POST \$S/v1/sessions -H '$j' -d '{\"identifier\":\"ada\",\"password\":\"correct horse battery\"}'   # tokens shortened here"
LOGIN=$(curl -s -X POST $S/v1/sessions -H "$j" -d '{"identifier":"ada","password":"correct horse battery"}')
echo "$LOGIN" | short
TOKEN=$(echo "$LOGIN" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
A="authorization: Bearer $TOKEN"
show "curl -s -X POST \$S/v1/interviews -H \"authorization: Bearer \$TOKEN\" -H '$j' -d '{\"id\":\"0b6f…\",\"difficulty\":\"hard\",\"topics\":[\"databases\"],\"questions\":2}'"
IV=$(curl -s -X POST $S/v1/interviews -H "$A" -H "$j" -d '{"id":"0b6f2a58-6a4c-4a55-9d1e-51e3c0a1b2c3","difficulty":"hard","topics":["databases"],"questions":2}')
echo "$IV"
ID=$(echo "$IV" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
show "curl -sN \$S/v1/interviews/$ID/events -H \"authorization: Bearer \$TOKEN\"      # runs the interviewer's turn: the first question"
curl -sN $S/v1/interviews/$ID/events -H "$A"
WRONG='Once COMMIT returns, the row is only in memory; the database writes it to disk later in the background, and that is fine because a committed transaction can never be lost, not even if the disk dies.'
show "curl -sN -X POST \$S/v1/interviews/$ID/answers -H \"authorization: Bearer \$TOKEN\" -H '$j' -d '{\"id\":\"5d0c7a4e-…\",\"text\":\"$WRONG\"}'"
curl -sN -X POST $S/v1/interviews/$ID/answers -H "$A" -H "$j" -d "{\"id\":\"5d0c7a4e-1111-4222-8333-944455556666\",\"text\":\"$WRONG\"}"
show "# the same request again (a client whose connection dropped): the stored answer and what followed, not a second answer"
curl -sN -X POST $S/v1/interviews/$ID/answers -H "$A" -H "$j" -d "{\"id\":\"5d0c7a4e-1111-4222-8333-944455556666\",\"text\":\"$WRONG\"}" | grep -c '^event: answer' | sed 's/^/answer events: /'
show "curl -sN \$S/v1/interviews/$ID/events -H \"authorization: Bearer \$TOKEN\" -H 'Last-Event-ID: 2'   # a dropped stream resumes after event 2"
curl -sN $S/v1/interviews/$ID/events -H "$A" -H 'Last-Event-ID: 2'
show "curl -s \$S/v1/interviews/$ID -H \"authorization: Bearer \$TOKEN\""
curl -s $S/v1/interviews/$ID -H "$A"; echo

printf '\n## /api: the reference web client'"'"'s calls\n'
show "curl -s -X POST \$S/api/auth/check-email -H '$j' -d '{\"email\":\"grace@example.com\"}'"
curl -s -X POST $S/api/auth/check-email -H "$j" -d '{"email":"grace@example.com"}'; echo
show "curl -s -X POST \$S/api/auth/request-verification -H '$j' -d '{\"username\":\"grace\",\"email\":\"grace@example.com\",\"password\":\"another long password\"}'   # no SMTP set: created at once"
curl -s -X POST $S/api/auth/request-verification -H "$j" -d '{"username":"grace","email":"grace@example.com","password":"another long password"}'; echo
show "curl -s -X POST \$S/api/auth/login -H '$j' -d '{\"email\":\"grace@example.com\",\"password\":\"another long password\"}'"
L2=$(curl -s -X POST $S/api/auth/login -H "$j" -d '{"email":"grace@example.com","password":"another long password"}')
echo "$L2" | short
W=$(echo "$L2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["jwtoken"])')
B="authorization: Bearer $W"
show "curl -s -X POST \$S/api/interviews -H \"authorization: Bearer \$JWT\" -H '$j' -d '{\"job_description\":\"\"}'"
I2=$(curl -s -X POST $S/api/interviews -H "$B" -H "$j" -d '{"job_description":""}')
echo "$I2"
IID=$(echo "$I2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["interview_id"])')
show "curl -s -X POST \$S/api/conversations/create/$IID -H \"authorization: Bearer \$JWT\" -H '$j' -d '{\"message\":\"…\"}'   # the answer; printed: where the web client finds the feedback"
curl -s -X POST $S/api/conversations/create/$IID -H "$B" -H "$j" -d '{"message":"I am a backend engineer; I built a payments API in Go on PostgreSQL and moved its slow reports to a read replica, which cut p95 latency from 900 ms to 120 ms."}' | python3 "$HERE/flatten_conversation.py"
show "curl -s \$S/api/user/dashboard -H \"authorization: Bearer \$JWT\""
curl -s $S/api/user/dashboard -H "$B"; echo
