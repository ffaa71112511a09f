#!/usr/bin/env bash
# Checks a running portal backend the way a newcomer would: health, the demo catalog, each
# sandbox vendor API in its own wire format with its own auth, and the on-call routes.
# Usage: bash scripts/smoke.sh [http://localhost:7007]
set -uo pipefail
base="${1:-http://localhost:7007}"
fail=0
check() { # description, then a command that must succeed
  local what="$1"
  shift
  if "$@"; then echo "smoke: ok    $what"; else echo "smoke: FAIL  $what"; fail=1; fi
}
json_has() { # url, node expression over `b` (the parsed body), curl args...
  local url="$1" expr="$2"
  shift 2
  local body
  body="$(curl -fsS "$@" "$url")" || return 1
  node -e "const b = JSON.parse(process.argv[1]); if (!($expr)) process.exit(1)" "$body"
}

token="$(curl -fsS "$base/api/auth/guest/refresh?optional&env=development" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).backstageIdentity.token))')"
auth=(-H "Authorization: Bearer $token")

# The catalog reads the demo org from examples/ a few seconds after start: give it time
deadline=$((SECONDS + 180))
until json_has "$base/api/catalog/entities?filter=kind=group&filter=kind=component" \
  "b.filter(e => e.kind === 'Group').length >= 9 && b.filter(e => e.kind === 'Component').length >= 15" "${auth[@]}" 2>/dev/null; do
  if [ $SECONDS -ge $deadline ]; then
    echo "smoke: the catalog did not load the demo org within 180 s"
    break
  fi
  sleep 2
done

check "GET /api/oncall/health is ok without credentials" \
  json_has "$base/api/oncall/health" "b.status === 'ok'"
check "the catalog lists the demo Groups" \
  json_has "$base/api/catalog/entities?filter=kind=group" "b.length >= 6 && b.some(e => e.metadata.name === 'payments')" "${auth[@]}"
check "the catalog lists the demo Components" \
  json_has "$base/api/catalog/entities?filter=kind=component" "b.length >= 15 && b.some(e => e.metadata.name === 'checkout-api')" "${auth[@]}"
check "sandbox Opsgenie answers with a GenieKey" \
  json_has "$base/api/oncall-sandbox/opsgenie/v2/schedules" "Array.isArray(b.data) && b.data.length > 0 && typeof b.requestId === 'string'" \
  -H "Authorization: GenieKey sandbox-opsgenie-key"
check "sandbox Opsgenie refuses a wrong key" \
  bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: GenieKey wrong' '$base/api/oncall-sandbox/opsgenie/v2/schedules')\" = 401 ]"
blameless_token="$(curl -fsS -X POST -H 'Authorization: sandbox-blameless-key' "$base/api/oncall-sandbox/blameless/api/v2/identity/token" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).access_token))')"
check "sandbox Blameless lists incidents with a Bearer token" \
  json_has "$base/api/oncall-sandbox/blameless/api/v1/incidents?limit=5" "b.ok === true && b.incidents.length > 0 && b.pagination.count > 0" \
  -H "Authorization: Bearer $blameless_token"
check "sandbox DataDog lists SLOs with both keys" \
  json_has "$base/api/oncall-sandbox/datadog/api/v1/slo?limit=5" "Array.isArray(b.data) && b.data.length > 0" \
  -H "DD-API-KEY: sandbox-datadog-api-key" -H "DD-APPLICATION-KEY: sandbox-datadog-app-key"
# Who Opsgenie (the sandbox) has on call in a schedule right now, as sorted usernames (emails)
vendor_on_call() { # schedule id
  curl -fsS -H "Authorization: GenieKey sandbox-opsgenie-key" \
    "$base/api/oncall-sandbox/opsgenie/v2/schedules/$1/on-calls?flat=true" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.stringify(JSON.parse(s).data.onCallRecipients.map(r=>r.toLowerCase()).sort())))'
}
# Every rotation of checkout-api shows as primary exactly whom Opsgenie has on call at the same
# instant: the vendor is asked just before and just after the route, and the route must match
# one of the two answers (a handoff may fall between them). Nobody on call is a valid answer
# (checkout_weekday at weekends); then the route names nobody and says so in a notice.
on_call_matches_vendor() { # entity path
  local summary
  summary="$(curl -fsS "${auth[@]}" "$base/api/oncall/entities/$1/on-call")" || return 1
  local ids
  ids="$(node -e 'for (const r of JSON.parse(process.argv[1]).rotations) console.log(r.schedule.id)' "$summary")" || return 1
  [ -n "$ids" ] || { echo "smoke: $1 has no rotation"; return 1; }
  local id before after again
  for id in $ids; do
    before="$(vendor_on_call "$id")" || return 1
    again="$(curl -fsS "${auth[@]}" "$base/api/oncall/entities/$1/on-call")" || return 1
    after="$(vendor_on_call "$id")" || return 1
    node -e '
      const [summary, id, before, after] = process.argv.slice(1);
      const rotation = JSON.parse(summary).rotations.find(r => r.schedule.id === id);
      const primary = rotation.levels.find(l => l.role === "primary");
      const shown = JSON.stringify(primary.responders.map(r => (r.email ?? "").toLowerCase()).sort());
      const truth = [before, after];
      const label = `${rotation.schedule.name}: shows ${shown}, Opsgenie says ${before} / ${after}`;
      if (!truth.includes(shown)) { console.log(`smoke: ${label}`); process.exit(1); }
      if (shown === "[]" && !/nobody is on call/i.test(rotation.notice ?? "")) {
        console.log(`smoke: ${rotation.schedule.name} has nobody on call but no notice says so`);
        process.exit(1);
      }
      console.log(`smoke:       ${label}`);
    ' "$again" "$id" "$before" "$after" || return 1
  done
}
check "on-call for checkout-api shows whom Opsgenie has on call now (or nobody, saying so)" \
  on_call_matches_vendor component/default/checkout-api
check "on-call routes need credentials" \
  bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' '$base/api/oncall/entities/component/default/checkout-api/on-call')\" = 401 ]"
exit $fail
