#!/usr/bin/env bash
# Makes a minimal base image for the image smoke test (Maven profile image-smoke), because no base
# image can be pulled here: a JRE linked by jlink from the JDK that runs the build, the shared
# libraries it loads (so the unpacked image runs under chroot with nothing from the host), /tmp,
# and a passwd entry for the services' uid 10001. Written in the `docker save` layout that Jib
# reads from a tar:// base. Reproducible: sorted entries, epoch times, root ownership.
#
#   deploy/images/make-smoke-base.sh OUT_DIR      -> OUT_DIR/base.tar
#
# Never committed, never pushed: release images build on the pinned base of the parent POM.
set -euo pipefail

out=${1:?usage: make-smoke-base.sh OUT_DIR}
jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
# A JRE like the release base's (eclipse-temurin's JRE): Java SE and the JDK's runtime modules
# (jdk.unsupported for Netty, jdk.jfr for Netty's and Micronaut's events, jdk.crypto.ec for TLS
# with EC keys, ...), without the development tools.
modules=java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.jfr,jdk.management,jdk.management.jfr,\
jdk.naming.dns,jdk.net,jdk.zipfs,jdk.charsets,jdk.localedata,jdk.security.auth,jdk.security.jgss,jdk.httpserver,\
jdk.xml.dom

rm -rf "$out" && mkdir -p "$out"
root="$out/rootfs"
mkdir -p "$root"/{opt,tmp,etc,proc,dev,sys}
"$jdk/bin/jlink" --add-modules "$modules" --output "$root/opt/java" \
  --strip-debug --no-header-files --no-man-pages --compress=2 >/dev/null

# The host libraries the JRE's binaries need (not the JRE's own), where the dynamic loader looks.
find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 |
  xargs -0 -n1 ldd 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' |
  grep -vF "$root/" | sort -u |
  while read -r library; do
    mkdir -p "$root$(dirname "$library")"
    cp -L "$library" "$root$library"
  done

printf 'root:x:0:0:root:/:/sbin/nologin\ntollgate:x:10001:10001:tollgate:/app:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\ntollgate:x:10001:\n' > "$root/etc/group"
printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"
: > "$root/etc/hosts"
: > "$root/etc/resolv.conf"
chmod 1777 "$root/tmp"

tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$root" -cf "$out/layer.tar" .
diff_id=$(sha256sum "$out/layer.tar" | cut -d' ' -f1)
cat > "$out/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"deploy/images/make-smoke-base.sh"}]}
JSON
printf '[{"Config":"config.json","RepoTags":["tollgate/smoke-base:local"],"Layers":["layer.tar"]}]\n' \
  > "$out/manifest.json"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$out" \
  -cf "$out/base.tar" manifest.json config.json layer.tar
rm -rf "$root" "$out/layer.tar"
echo "smoke base image: $out/base.tar ($(du -h "$out/base.tar" | cut -f1), JRE from $jdk)"
