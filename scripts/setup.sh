#!/usr/bin/env bash
# nianbao 一键安装：系统软件包（Chromium 和它的打印专用版、中文字体、LibreOffice、poppler）、npm 依赖，然后构建示例报告到 dist/。
# 在全新的 Debian/Ubuntu 机器上运行，需要 Node.js 20 以上（npm 会安装项目自带的 Node.js 24）和 root 或 sudo。
# `--no-build` stops after the installs (CI jobs that build with their own options, such as shards).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=1
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    *) echo "未知的选项：$arg（可用：--no-build）" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# Chromium prints the PDF and runs the browser tests; the fonts cover every character the
# reports use (宋/黑/楷/仿宋 fallbacks); LibreOffice checks the DOCX as a word processor would;
# nginx serves a built site to the verify tests as a county portal's server would, and nginx and
# Apache httpd check the configuration `nianbao server-config` writes (both started by the test
# itself, never as a system service); xmllint validates the OFD copies against the standard's schemas.
PACKAGES=(chromium fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming fonts-wqy-zenhei fonts-lxgw-wenkai fonts-liberation2
  libreoffice-writer-nogui poppler-utils nginx apache2 libxml2-utils)
# Chromium's headless shell prints the PDFs in about a quarter of the full browser's time, the same
# bytes (src/pdf/browser-path.ts). Debian packages it; where it is missing the full browser prints.
if grep -qs '^ID=debian' /etc/os-release; then PACKAGES+=(chromium-headless-shell); fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "没有找到 Node.js 和 npm。请先安装 Node.js 20 或更新版本（例如 apt-get install nodejs npm），再运行本脚本。" >&2
  exit 1
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  install=(apt-get install -y --no-install-recommends "${missing[@]}")
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    SUDO=(sudo)
  else
    echo "需要安装这些系统软件包：${missing[*]}" >&2
    echo "请用管理员权限运行：" >&2
    echo "  sudo apt-get update && sudo ${install[*]}" >&2
    echo "装好后重新运行 bash scripts/setup.sh。" >&2
    exit 1
  fi
  say "安装系统软件包：${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -q
  "${SUDO[@]}" "${install[@]}"
else
  say "系统软件包已齐全"
fi

say "安装 npm 依赖（npm ci）"
bash scripts/npm-ci.sh --no-audit --no-fund

if [ "$BUILD" -eq 1 ]; then
  say "检查并构建示例报告（npm run build）"
  npm run build
fi
