#!/usr/bin/env bash
# Builds a Linux installer of the workbench with jpackage (JDK 17+): a .deb by default
# (needs dpkg-deb and fakeroot: apt-get install fakeroot), or an app image with TYPE=app-image.
# The icon and the desktop entry come from assets/. Output: target/installer/.
set -euo pipefail
cd "$(dirname "$0")/.."
type="${TYPE:-deb}"
version="$(sed -n 's:.*<version>\([0-9][0-9.]*\)\(-SNAPSHOT\)\{0,1\}</version>.*:\1:p' pom.xml | head -1)"
[ -f target/rankadaptor.jar ] && [ -z "$(find src/main assets pom.xml -newer target/rankadaptor.jar -print -quit)" ] \
  || mvn -q -B -DskipTests package
rm -rf target/installer-input target/installer-resources target/installer
mkdir -p target/installer-input target/installer-resources target/installer
cp target/rankadaptor.jar target/installer-input/
# jpackage takes the launcher's .desktop file from the resource folder, named after the package
sed -e "s:^Exec=.*:Exec=/opt/rankadaptor/bin/rankadaptor %F:" -e "s:^Icon=.*:Icon=/opt/rankadaptor/lib/rankadaptor.png:" \
  assets/rankadaptor.desktop > target/installer-resources/rankadaptor.desktop
cp assets/icons/rankadaptor-256.png target/installer-resources/rankadaptor.png
jpackage --type "$type" --name rankadaptor --app-version "$version" \
  --vendor "RankAdaptor Workbench" --description "Recover structurally pruned LLaMA models with per-layer LoRA ranks" \
  --input target/installer-input --main-jar rankadaptor.jar --main-class dev.rankadaptor.Main \
  --icon assets/icons/rankadaptor-256.png --resource-dir target/installer-resources \
  --java-options -Xmx12g --java-options -Dai.djl.offline=true \
  $( [ "$type" = app-image ] || echo --linux-shortcut --linux-menu-group Science ) \
  --dest target/installer
ls -l target/installer
