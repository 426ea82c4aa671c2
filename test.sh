#!/usr/bin/env bash
# Runs every test. Installs the test-only npm tools (Microsoft's @azure/event-hubs client, Azurite)
# into .tools/ (git-ignored) when they are missing, and the Debian packages the tests drive
# (python3-azure: Microsoft's Python Event Hubs client; tinyproxy: an authenticating HTTP proxy)
# with apt-get when they are missing.
# Needs only the .NET SDK, Node.js/npm and apt-get (as root, or sudo without a password).
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if command -v npm >/dev/null 2>&1; then
  if ! cmp -s tests/tools/package.json .tools/package.json 2>/dev/null || [ ! -d .tools/node_modules ]; then
    echo "test.sh: installing test tools from tests/tools/package.json into .tools/"
    mkdir -p .tools
    cp tests/tools/package.json tests/tools/package-lock.json .tools/
    (cd .tools && npm ci --no-audit --no-fund --loglevel=error)
  fi
else
  echo "test.sh: npm not found; tests that drive the npm clients will fail" >&2
fi

# Debian packages: installed once, only when missing (apt-get update first). tinyproxy: a real HTTP
# proxy for the Event Hub WebSockets and Graph proxy tests (they start their own instance).
# rsyslog with its gtls and RELP modules: the real receiver of the syslog and RELP output tests.
debian_packages=(python3-azure tinyproxy rsyslog rsyslog-gnutls rsyslog-relp)
missing=()
for package in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo -n)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

dotnet build DefenderConnector.sln -c Release -nologo -clp:ErrorsOnly

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
for project in tests/DefenderConnector.Tests tests/DefenderConnector.IntegrationTests; do
  echo "test.sh: $project"
  dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=minimal" 2>&1 | tee -a "$log" || status=1
done

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || status=1
exit $status
