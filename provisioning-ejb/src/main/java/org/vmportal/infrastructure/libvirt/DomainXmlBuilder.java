package org.vmportal.infrastructure.libvirt;

import org.vmportal.domain.service.Accelerator;
import org.vmportal.domain.service.DiskSpec;
import org.vmportal.domain.service.DomainSpec;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Turns a {@link DomainSpec} into libvirt domain XML. Values go through the DOM serializer, so a
 * name such as {@code <script>} arrives in libvirt as text, never as markup.
 */
final class DomainXmlBuilder {

  /** Namespace of the portal's {@code <metadata>} element, which marks a domain as the portal's. */
  static final String METADATA_NAMESPACE = "https://vmportal.org/xmlns/domain/1";

  /** Name of the fw_cfg entry the demo OS reads its host name from. */
  static final String HOSTNAME_FW_CFG = "opt/demo/hostname";

  /**
   * Name of the fw_cfg entry that tells the demo OS, lacking {@link #HOSTNAME_FW_CFG}, to read its
   * host name from the medium in its CD-ROM drive ({@value #CDROM_DRIVE}).
   */
  static final String HOSTNAME_MEDIUM_FW_CFG = "opt/demo/hostname-media";

  /** The CD-ROM drive: an installer's ISO, or a spare's host-name medium. */
  static final String CDROM_DRIVE = "hdc";

  /**
   * TCG's translation cache, in MiB. QEMU's default (1 GiB of address space, much of it touched)
   * dominates a small guest's memory; 32 MiB is plenty for a small Linux guest.
   */
  static final int TB_CACHE_MIB = 32;

  /** A named, migratable CPU model: host-passthrough fails on the nested hosts this runs on. */
  static final String CPU_MODEL = "qemu64";

  private static final String LOOPBACK = "127.0.0.1";

  private DomainXmlBuilder() {}

  static String build(DomainSpec spec) {
    return build(spec, null);
  }

  /**
   * The XML of a domain that keeps its identity: a new definition of an existing domain must carry
   * its UUID, or libvirt refuses it as another domain of the same name.
   *
   * @param spec the domain
   * @param uuid the existing domain's UUID, or {@code null} for a new domain
   * @return the XML
   */
  static String build(DomainSpec spec, String uuid) {
    Document doc = Xml.newDocument();
    Element domain =
        Xml.element(doc, "domain", "type", spec.accelerator() == Accelerator.KVM ? "kvm" : "qemu");
    Xml.text(domain, "name", spec.name());
    if (uuid != null) {
      Xml.text(domain, "uuid", uuid);
    }
    if (spec.title() != null) {
      Xml.text(domain, "title", spec.title());
    }
    metadata(Xml.element(domain, "metadata"));
    Xml.text(domain, "memory", Long.toString(spec.memoryMiB()), "unit", "MiB");
    Xml.text(domain, "vcpu", Integer.toString(spec.vcpus()));
    if (spec.hostname() != null) {
      Element sysinfo = Xml.element(domain, "sysinfo", "type", "fwcfg");
      Xml.text(sysinfo, "entry", spec.hostname(), "name", HOSTNAME_FW_CFG);
    } else if (spec.hostnameFromMedium()) {
      Element sysinfo = Xml.element(domain, "sysinfo", "type", "fwcfg");
      Xml.text(sysinfo, "entry", "cdrom", "name", HOSTNAME_MEDIUM_FW_CFG);
    }
    Element os = Xml.element(domain, "os");
    Xml.text(os, "type", "hvm", "arch", "x86_64", "machine", "pc");
    Element features = Xml.element(domain, "features");
    Xml.element(features, "acpi");
    if (spec.accelerator() == Accelerator.TCG) {
      Element tcg = Xml.element(features, "tcg");
      Xml.text(tcg, "tb-cache", Integer.toString(TB_CACHE_MIB), "unit", "MiB");
    }
    // check='none': a KVM host may lack a feature of the generic model; the guest copes.
    Element cpu = Xml.element(domain, "cpu", "mode", "custom", "match", "exact", "check", "none");
    Xml.text(cpu, "model", CPU_MODEL, "fallback", "forbid");
    Xml.element(domain, "clock", "offset", "utc");
    Xml.text(domain, "on_poweroff", "destroy");
    Xml.text(domain, "on_reboot", "restart");
    Xml.text(domain, "on_crash", "destroy");
    devices(spec, Xml.element(domain, "devices"));
    return Xml.serialize(doc);
  }

  private static void metadata(Element metadata) {
    Element portal = metadata.getOwnerDocument().createElementNS(METADATA_NAMESPACE, "vmp:portal");
    portal.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:vmp", METADATA_NAMESPACE);
    Element managedBy =
        portal.getOwnerDocument().createElementNS(METADATA_NAMESPACE, "vmp:managed-by");
    managedBy.setTextContent("vmportal");
    portal.appendChild(managedBy);
    metadata.appendChild(portal);
  }

  /**
   * Names the base image below an overlay, so that libvirt neither probes the chain (the empty
   * inner {@code backingStore} ends it: whatever the base's header names is never opened) nor hands
   * the base to the QEMU user: without {@code relabel='no'} libvirt's DAC driver chowns it to
   * {@code libvirt-qemu} and never gives it back, so a guest that escaped into QEMU could make a
   * base shared by other tenants writable. A root-owned base of mode 0444 is readable as it is.
   */
  private static void backingStore(Element disk, DiskSpec backing) {
    Element store = Xml.element(disk, "backingStore", "type", "file");
    Xml.element(store, "format", "type", backing.format());
    Element source = Xml.element(store, "source", "file", backing.path());
    Xml.element(source, "seclabel", "model", "dac", "relabel", "no");
    Xml.element(store, "backingStore");
  }

  /** A TCP serial console listens on loopback with the telnet protocol that guacd speaks. */
  private static void serialSource(Element serialOrConsole, Integer port) {
    if (port != null) {
      Xml.element(
          serialOrConsole, "source", "mode", "bind", "host", LOOPBACK, "service", port.toString());
      Xml.element(serialOrConsole, "protocol", "type", "telnet");
    }
  }

  /**
   * The device XML that puts a host-name medium into a spare's empty drive.
   *
   * @param medium the medium's file on the host
   * @return a {@code <disk>} element for a live device update
   */
  static String hostnameMedium(String medium) {
    Document doc = Xml.newDocument();
    cdromDrive(doc, "raw", medium);
    return Xml.serialize(doc);
  }

  /** The read-only IDE CD-ROM drive, with a medium of the format, or empty when medium is null. */
  private static Element cdromDrive(Node parent, String format, String medium) {
    Element drive = Xml.element(parent, "disk", "type", "file", "device", "cdrom");
    Xml.element(drive, "driver", "name", "qemu", "type", format);
    if (medium != null) {
      Xml.element(drive, "source", "file", medium);
    }
    Xml.element(drive, "target", "dev", CDROM_DRIVE, "bus", "ide");
    Xml.element(drive, "readonly");
    return drive;
  }

  private static void devices(DomainSpec spec, Element devices) {
    boolean hasCdrom = spec.cdrom() != null;
    Element disk = Xml.element(devices, "disk", "type", "file", "device", "disk");
    Xml.element(disk, "driver", "name", "qemu", "type", spec.disk().format());
    Xml.element(disk, "source", "file", spec.disk().path());
    if (spec.disk().backing() != null) {
      backingStore(disk, spec.disk().backing());
    }
    Xml.element(disk, "target", "dev", "vda", "bus", "virtio");
    Xml.element(disk, "boot", "order", hasCdrom ? "2" : "1");
    if (hasCdrom) {
      Element cdrom = cdromDrive(devices, spec.cdrom().format(), spec.cdrom().path());
      Xml.element(cdrom, "boot", "order", "1");
    } else if (spec.hostnameFromMedium()) {
      cdromDrive(devices, "raw", null);
    }
    if (spec.userNetwork()) {
      Element nic = Xml.element(devices, "interface", "type", "user");
      Xml.element(nic, "model", "type", "virtio");
      // No PXE boot is wanted; skipping iPXE's option ROM saves guest memory and boot time.
      Xml.element(nic, "rom", "enabled", "no");
    }
    String serialType = spec.serialPort() == null ? "pty" : "tcp";
    Element serial = Xml.element(devices, "serial", "type", serialType);
    serialSource(serial, spec.serialPort());
    Xml.element(serial, "log", "file", spec.serialLogPath(), "append", "off");
    Xml.element(serial, "target", "port", "0");
    Element console = Xml.element(devices, "console", "type", serialType);
    serialSource(console, spec.serialPort());
    Xml.element(console, "target", "type", "serial", "port", "0");
    Element graphics =
        Xml.element(
            devices,
            "graphics",
            "type",
            "vnc",
            "autoport",
            "yes",
            "listen",
            LOOPBACK,
            "passwd",
            spec.vncPassword());
    Xml.element(graphics, "listen", "type", "address", "address", LOOPBACK);
    Element video = Xml.element(devices, "video");
    Xml.element(video, "model", "type", "vga");
  }
}
