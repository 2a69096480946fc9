#!/usr/bin/env bash
# Renders assets/icons/rankadaptor.svg into the PNG sizes the window and the installer use.
# Needs rsvg-convert (Debian: apt-get install librsvg2-bin). Run from anywhere; commits nothing.
set -euo pipefail
cd "$(dirname "$0")/../assets/icons"
for s in 16 32 48 64 128 256 512; do
  rsvg-convert -w "$s" -h "$s" rankadaptor.svg -o "rankadaptor-$s.png"
done
ls -l rankadaptor-*.png
