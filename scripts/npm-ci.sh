#!/usr/bin/env bash
# npm ci for nianbao, without a screenful of "npm warn EBADENGINE" on an older system Node.
#
# npm checks every package's "engines" against the Node that runs npm itself. nianbao and its
# dependencies (astro, vitest, puppeteer-core …) run on the project's own Node.js 24 (the npm package
# `node`), not on the system's Node 20. So when the system's Node is older than 22.12, npm is run for
# the install on that same Node 24 (fetched once into npm's cache by `npm exec`): its engine checks
# then concern the Node the code really runs on, and any other warning still shows.
set -euo pipefail
cd "$(dirname "$0")/.."

if node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)'; then
  exec npm ci "$@"
fi

node_version=$(node -p 'require("./package-lock.json").packages["node_modules/node"].version')
npm_cli=$(readlink -f "$(command -v npm)")
case "$npm_cli" in
  *.js) exec npm exec --yes --package="node@$node_version" -- node "$npm_cli" ci "$@" ;;
  # npm is not a plain npm-cli.js here (a wrapper script): install as usual.
  *) exec npm ci "$@" ;;
esac
