#!/usr/bin/env bash
# Builds the VM Portal demo OS: a tiny Linux (Debian's kernel + a busybox initramfs) as
#   <outdir>/demo-linux.iso     isolinux-bootable ISO9660 image (for the ISO catalog / installer flow)
#   <outdir>/demo-linux.qcow2   bootable FAT "superfloppy" disk as qcow2 (the read-only base image overlays hang off)
#   <outdir>/demo-linux.sha256  sha256sum of both outputs
#   <outdir>/demo-linux.stamp   hash of the inputs; a rerun with unchanged inputs prints "cached" and exits 0
# Everything comes from Debian packages fetched with `apt-get download` and unpacked with `dpkg-deb -x`;
# nothing is installed on the host and the host's /boot is untouched. No loop mounts.
#
# Usage: demo-os/build.sh [outdir]        (default: <repo>/.stack/demo-os; runs as root on Debian 12)
# Host tools: apt-get, dpkg-deb, depmod/modprobe (kmod), cpio, gzip, xorriso, isolinux, syslinux,
#             syslinux-common, mtools, dosfstools, qemu-utils.
set -euo pipefail
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
export LC_ALL=C

SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SRC/.." && pwd)"
OUT="${1:-$ROOT/.stack/demo-os}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

ISO="$OUT/demo-linux.iso"
QCOW="$OUT/demo-linux.qcow2"
SUMS="$OUT/demo-linux.sha256"
STAMP="$OUT/demo-linux.stamp"
DEBS="$OUT/debs"

# Kernel command line. vga=0x317 switches the VGA console from 720x400 to 1024x768 during boot
# (a real resolution change that the console tests rely on). The rest only saves time under TCG (together
# about 3 s of the boot): cryptomgr.notests and initcall_blacklist=crypto_kdf108_init skip the boot-time
# crypto self-tests, init_on_alloc=0 skips zeroing every allocated page.
CMDLINE="console=tty0 console=ttyS0,115200 vga=0x317 quiet cryptomgr.notests initcall_blacklist=crypto_kdf108_init init_on_alloc=0"
# Modules put into the initramfs (plus their dependencies); built-in ones are skipped.
MODULES=(qemu_fw_cfg virtio_pci virtio_blk virtio_net ata_piix ahci sd_mod sr_mod isofs vfat nls_cp437 nls_ascii)
DISK_MB=32

log() { echo "[demo-os] $*" >&2; }
die() { echo "[demo-os] ERROR: $*" >&2; exit 1; }

# Serialise concurrent builds into the same output directory.
exec 9>"$OUT/.lock"
flock 9

# --- cache check ---------------------------------------------------------------------------------
# Inputs: this script and everything else in demo-os/. apt is not consulted here (apt-cache takes seconds on
# hosts without a pkgcache); to pick up a newer kernel after `apt-get update`, delete the outputs (or the stamp).
IN_HASH="$(cd "$SRC" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)"
if [ -f "$ISO" ] && [ -f "$QCOW" ] && [ -f "$SUMS" ] && [ -f "$STAMP" ] &&
  [ "$(head -n1 "$STAMP")" = "$IN_HASH" ] && (cd "$OUT" && sha256sum --quiet -c "$SUMS" >/dev/null 2>&1); then
  echo "cached"
  exit 0
fi

# --- which packages ------------------------------------------------------------------------------
KPKG="$(apt-cache depends linux-image-amd64 2>/dev/null |
  sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-amd64\)$/\1/p' | head -n1)"
[ -n "$KPKG" ] || die "cannot resolve the kernel package that linux-image-amd64 depends on (apt-get update?)"
KVER="${KPKG#linux-image-}"
# "<package> <candidate version>" for both packages, from one apt-cache call.
CANDIDATES="$(apt-cache policy "$KPKG" busybox-static | awk '/^[^ ]/ { sub(/:$/, ""); p = $0 } /^ *Candidate:/ { print p, $2 }')"
candidate() { awk -v p="$1" '$1 == p { print $2 }' <<<"$CANDIDATES"; }

for tool in apt-get dpkg-deb depmod modprobe cpio gzip xorriso syslinux mkfs.vfat mcopy mmd qemu-img; do
  command -v "$tool" >/dev/null || die "missing host tool: $tool"
done
ISOLINUX_BIN=/usr/lib/ISOLINUX/isolinux.bin
LDLINUX_C32=/usr/lib/syslinux/modules/bios/ldlinux.c32
[ -f "$ISOLINUX_BIN" ] || die "missing $ISOLINUX_BIN (package isolinux)"
[ -f "$LDLINUX_C32" ] || die "missing $LDLINUX_C32 (package syslinux-common)"

# --- download (cached under $DEBS) ---------------------------------------------------------------
mkdir -p "$DEBS"
fetch() { # fetch <package>: prints the path of the downloaded .deb
  local pkg="$1" ver deb
  ver="$(candidate "$pkg")"
  [ -n "$ver" ] && [ "$ver" != "(none)" ] || die "package $pkg has no candidate version (apt-get update?)"
  local file="${pkg}_${ver/:/%3a}_" # apt writes an epoch's ":" as "%3a"
  deb="$(find "$DEBS" -maxdepth 1 -name "${file}*.deb" -print -quit)"
  if [ -z "$deb" ]; then
    log "downloading $pkg $ver"
    # Root downloads into a root-owned directory anyway; say so instead of letting apt warn about _apt.
    (cd "$DEBS" && apt-get download -q -o APT::Sandbox::User=root "$pkg=$ver" >&2) ||
      die "apt-get download $pkg failed"
    deb="$(find "$DEBS" -maxdepth 1 -name "${file}*.deb" -print -quit)"
    [ -n "$deb" ] || die "downloaded $pkg but cannot find its .deb in $DEBS"
  fi
  echo "$deb"
}
KDEB="$(fetch "$KPKG")"
BDEB="$(fetch busybox-static)"
# Drop superseded .debs so the cache does not grow with every kernel update.
find "$DEBS" -maxdepth 1 -name '*.deb' ! -path "$KDEB" ! -path "$BDEB" -delete

# --- unpack --------------------------------------------------------------------------------------
WORK="$OUT/work"
rm -rf "$WORK"
mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT
log "unpacking $(basename "$KDEB")"
dpkg-deb -x "$KDEB" "$WORK/kernel"
dpkg-deb -x "$BDEB" "$WORK/busybox"
VMLINUZ="$WORK/kernel/boot/vmlinuz-$KVER"
[ -f "$VMLINUZ" ] || die "no /boot/vmlinuz-$KVER in $KDEB"
[ -d "$WORK/kernel/lib/modules/$KVER" ] || die "no /lib/modules/$KVER in $KDEB"
depmod -b "$WORK/kernel" "$KVER"

# --- initramfs -----------------------------------------------------------------------------------
IR="$WORK/initramfs"
mkdir -p "$IR"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,tmp,root,run,mnt,media,lib/modules/"$KVER"}
chmod 1777 "$IR/tmp"
install -m 0755 "$WORK/busybox/bin/busybox" "$IR/bin/busybox"
# One symlink per applet, at the path busybox itself reports.
"$IR/bin/busybox" --list-full | while read -r applet; do
  [ -e "$IR/$applet" ] || ln -s /bin/busybox "$IR/$applet"
done
[ -e "$IR/bin/sh" ] || die "busybox has no sh applet"

# Modules: resolve dependencies from the depmod'ed kernel tree, copy them in, keep the load order.
: >"$IR/etc/modules.order"
for mod in "${MODULES[@]}"; do
  modprobe -d "$WORK/kernel" -S "$KVER" --show-depends "$mod" >"$WORK/deps" 2>"$WORK/deps.err" ||
    die "cannot resolve module $mod: $(cat "$WORK/deps.err")"
  while read -r kind path _; do
    [ "$kind" = insmod ] || continue # "builtin <name>": nothing to load
    rel="${path#"$WORK/kernel"}"
    if ! grep -qxF "$rel" "$IR/etc/modules.order"; then
      mkdir -p "$IR$(dirname "$rel")"
      cp "$path" "$IR$rel"
      echo "$rel" >>"$IR/etc/modules.order"
    fi
  done <"$WORK/deps"
done
cp "$WORK/kernel/lib/modules/$KVER"/modules.{order,builtin,builtin.modinfo} "$IR/lib/modules/$KVER/" 2>/dev/null || true
depmod -b "$IR" "$KVER"
log "modules: $(wc -l <"$IR/etc/modules.order") files ($(du -sk "$IR/lib/modules" | cut -f1) KiB)"

cp "$SRC/rootfs/init" "$IR/init"
cp "$SRC/rootfs/inittab" "$IR/etc/inittab"
cp "$SRC/rootfs/profile" "$IR/etc/profile"
chmod 0755 "$IR/init"
chmod 0644 "$IR/etc/inittab" "$IR/etc/profile"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$IR/etc/passwd"
printf 'root:x:0:\n' >"$IR/etc/group"
printf 'demo\n' >"$IR/etc/hostname"
printf 'VM Portal demo OS: kernel %s %s, busybox-static %s\n' "$KPKG" "$(candidate "$KPKG")" \
  "$(candidate busybox-static)" >"$IR/etc/demo-release"
# The kernel opens /dev/console before /init runs; /init also re-opens it after mounting devtmpfs.
mknod -m 600 "$IR/dev/console" c 5 1 2>/dev/null || true
mknod -m 666 "$IR/dev/null" c 1 3 2>/dev/null || true

INITRD="$WORK/initrd.gz"
(cd "$IR" && find . -mindepth 1 | sort | cpio --quiet -o -H newc -R 0:0) | gzip -9n >"$INITRD"
log "initramfs: $(du -k "$INITRD" | cut -f1) KiB, kernel: $(du -k "$VMLINUZ" | cut -f1) KiB"

# --- ISO (isolinux) ------------------------------------------------------------------------------
ISODIR="$WORK/iso"
mkdir -p "$ISODIR/isolinux"
cp "$VMLINUZ" "$ISODIR/vmlinuz"
cp "$INITRD" "$ISODIR/initrd.gz"
cp "$ISOLINUX_BIN" "$LDLINUX_C32" "$ISODIR/isolinux/"
cat >"$ISODIR/isolinux/isolinux.cfg" <<EOF
DEFAULT demo
PROMPT 0
TIMEOUT 0
LABEL demo
  KERNEL /vmlinuz
  INITRD /initrd.gz
  APPEND $CMDLINE
EOF
HYBRID=()
[ -f /usr/lib/ISOLINUX/isohdpfx.bin ] && HYBRID=(-isohybrid-mbr /usr/lib/ISOLINUX/isohdpfx.bin)
xorriso -as mkisofs -o "$WORK/demo-linux.iso" -V DEMOLINUX -J -R "${HYBRID[@]}" \
  -b isolinux/isolinux.bin -c isolinux/boot.cat -no-emul-boot -boot-load-size 4 -boot-info-table \
  "$ISODIR" >"$WORK/xorriso.log" 2>&1 || { cat "$WORK/xorriso.log" >&2; die "xorriso failed"; }
[ "$(dd if="$WORK/demo-linux.iso" bs=1 skip=$((0x8001)) count=5 status=none)" = CD001 ] ||
  die "ISO9660 magic missing in the ISO"

# --- disk (FAT superfloppy + syslinux, no loop mount) --------------------------------------------
RAW="$WORK/disk.raw"
rm -f "$RAW"
mkfs.vfat -C -n DEMOLINUX "$RAW" $((DISK_MB * 1024)) >/dev/null
syslinux --install "$RAW"
cat >"$WORK/syslinux.cfg" <<EOF
DEFAULT demo
PROMPT 0
TIMEOUT 0
LABEL demo
  KERNEL /vmlinuz
  INITRD /initrd.gz
  APPEND $CMDLINE
EOF
mcopy -o -i "$RAW" "$VMLINUZ" ::/vmlinuz
mcopy -o -i "$RAW" "$INITRD" ::/initrd.gz
mcopy -o -i "$RAW" "$WORK/syslinux.cfg" ::/syslinux.cfg
qemu-img convert -f raw -O qcow2 "$RAW" "$WORK/demo-linux.qcow2"

# --- publish -------------------------------------------------------------------------------------
# mv, never write in place: a QEMU that has the old file open keeps reading the old inode. Note that
# overlays made on an old build must not be re-pointed at a new one: the portal imports (copies) this file.
rm -f "$STAMP"
mv -f "$WORK/demo-linux.iso" "$ISO"
mv -f "$WORK/demo-linux.qcow2" "$QCOW"
(cd "$OUT" && sha256sum demo-linux.iso demo-linux.qcow2 >"$SUMS.tmp" && mv -f "$SUMS.tmp" "$SUMS")
printf '%s\n%s\n' "$IN_HASH" "$(cat "$IR/etc/demo-release")" >"$STAMP"
log "built $ISO ($(du -k "$ISO" | cut -f1) KiB) and $QCOW ($(du -k "$QCOW" | cut -f1) KiB), kernel $KPKG"
