package org.vmportal.infrastructure.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmportal.domain.service.Accelerator;
import org.vmportal.domain.service.DiskSpec;
import org.vmportal.domain.service.DomainSpec;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class DomainXmlBuilderTest {

  // libvirt forbids '/' in names, so a name's markup has no closing tags; a title may have them.
  private static final String EVIL_NAME = "<img src=x onerror=\"alert('x')\"> & vm";
  private static final DiskSpec DISK = new DiskSpec("/pools/overlays/a&b.qcow2", "qcow2");
  private static final DiskSpec ISO = new DiskSpec("/pools/isos/<demo>.iso", "raw");

  private static DomainSpec.Builder spec(Accelerator accelerator) {
    return DomainSpec.builder(EVIL_NAME, accelerator, DISK, "p\"w'&<x>", "/logs/\"a\" & <b>.log");
  }

  private static Element build(DomainSpec spec) {
    return Xml.parse(DomainXmlBuilder.build(spec)).getDocumentElement();
  }

  @Test
  void markupInValuesArrivesAsTextNotMarkup() {
    String xml =
        DomainXmlBuilder.build(
            spec(Accelerator.TCG)
                .title("Tom & \"Jerry\" <script>alert(1)</script>")
                .hostname("host<&>")
                .cdrom(ISO)
                .build());

    assertThat(xml)
        .doesNotContain("<script>")
        .doesNotContain("<img")
        .contains("&lt;script&gt;")
        .contains("&lt;img");
    Element domain = Xml.parse(xml).getDocumentElement();
    assertThat(Xml.childText(domain, "name")).contains(EVIL_NAME);
    assertThat(Xml.childText(domain, "title"))
        .contains("Tom & \"Jerry\" <script>alert(1)</script>");
    assertThat(Xml.childText(domain, "sysinfo", "entry")).contains("host<&>");
    assertThat(Xml.child(domain, "sysinfo", "entry").orElseThrow().getAttribute("name"))
        .isEqualTo("opt/demo/hostname");
    assertThat(Xml.child(domain, "devices", "graphics").orElseThrow().getAttribute("passwd"))
        .isEqualTo("p\"w'&<x>");
    assertThat(Xml.child(domain, "devices", "serial", "log").orElseThrow().getAttribute("file"))
        .isEqualTo("/logs/\"a\" & <b>.log");
    assertThat(disks(domain))
        .extracting(d -> Xml.child(d, "source").orElseThrow().getAttribute("file"))
        .containsExactly("/pools/overlays/a&b.qcow2", "/pools/isos/<demo>.iso");
  }

  @Test
  void tcgDomainIsTypeQemuWithSmallTranslationCache() {
    Element domain = build(spec(Accelerator.TCG).build());

    assertThat(domain.getAttribute("type")).isEqualTo("qemu");
    Element cache = Xml.child(domain, "features", "tcg", "tb-cache").orElseThrow();
    assertThat(cache.getTextContent()).isEqualTo("32");
    assertThat(cache.getAttribute("unit")).isEqualTo("MiB");
  }

  @Test
  void kvmDomainIsTypeKvmWithoutTcgFeatures() {
    Element domain = build(spec(Accelerator.KVM).build());

    assertThat(domain.getAttribute("type")).isEqualTo("kvm");
    assertThat(Xml.child(domain, "features", "tcg")).isEmpty();
    assertThat(Xml.child(domain, "features", "acpi")).isPresent();
  }

  @Test
  void cpuIsANamedModelNeverTheHostsCpu() {
    for (Accelerator accelerator : Accelerator.values()) {
      String xml = DomainXmlBuilder.build(spec(accelerator).build());
      Element cpu = Xml.child(Xml.parse(xml).getDocumentElement(), "cpu").orElseThrow();

      assertThat(cpu.getAttribute("mode")).isEqualTo("custom");
      assertThat(Xml.childText(cpu, "model")).contains("qemu64");
      assertThat(xml).doesNotContain("host-passthrough").doesNotContain("host-model");
    }
  }

  @Test
  void cdromIsIdeAndBootsBeforeTheVirtioDisk() {
    Element domain = build(spec(Accelerator.TCG).cdrom(ISO).build());

    List<Element> disks = disks(domain);
    assertThat(disks).hasSize(2);
    Element disk = disks.get(0);
    Element cdrom = disks.get(1);
    assertThat(disk.getAttribute("device")).isEqualTo("disk");
    assertThat(Xml.child(disk, "target").orElseThrow().getAttribute("dev")).isEqualTo("vda");
    assertThat(Xml.child(disk, "target").orElseThrow().getAttribute("bus")).isEqualTo("virtio");
    assertThat(Xml.child(disk, "driver").orElseThrow().getAttribute("type")).isEqualTo("qcow2");
    assertThat(Xml.child(disk, "boot").orElseThrow().getAttribute("order")).isEqualTo("2");
    assertThat(cdrom.getAttribute("device")).isEqualTo("cdrom");
    assertThat(Xml.child(cdrom, "target").orElseThrow().getAttribute("bus")).isEqualTo("ide");
    assertThat(Xml.child(cdrom, "driver").orElseThrow().getAttribute("type")).isEqualTo("raw");
    assertThat(Xml.child(cdrom, "readonly")).isPresent();
    assertThat(Xml.child(cdrom, "boot").orElseThrow().getAttribute("order")).isEqualTo("1");
    // Per-device boot order and <os><boot dev> exclude each other in libvirt.
    assertThat(Xml.child(domain, "os", "boot")).isEmpty();
  }

  @Test
  void withoutCdromTheDiskBootsFirst() {
    Element domain = build(spec(Accelerator.TCG).build());

    assertThat(disks(domain)).hasSize(1);
    assertThat(Xml.child(disks(domain).get(0), "boot").orElseThrow().getAttribute("order"))
        .isEqualTo("1");
  }

  @Test
  void vncListensOnLoopbackOnly() {
    Element domain = build(spec(Accelerator.TCG).build());

    Element graphics = Xml.child(domain, "devices", "graphics").orElseThrow();
    assertThat(graphics.getAttribute("type")).isEqualTo("vnc");
    assertThat(graphics.getAttribute("listen")).isEqualTo("127.0.0.1");
    assertThat(graphics.getAttribute("autoport")).isEqualTo("yes");
    NodeList listens = graphics.getElementsByTagName("listen");
    assertThat(listens.getLength()).isEqualTo(1);
    Element listen = (Element) listens.item(0);
    assertThat(listen.getAttribute("type")).isEqualTo("address");
    assertThat(listen.getAttribute("address")).isEqualTo("127.0.0.1");
  }

  @Test
  void serialConsoleIsLoggedToTheChosenFile() {
    Element domain = build(spec(Accelerator.TCG).build());

    Element serial = Xml.child(domain, "devices", "serial").orElseThrow();
    assertThat(serial.getAttribute("type")).isEqualTo("pty");
    assertThat(Xml.child(serial, "log").orElseThrow().getAttribute("append")).isEqualTo("off");
    Element console = Xml.child(domain, "devices", "console").orElseThrow();
    assertThat(console.getAttribute("type")).isEqualTo("pty");
    assertThat(Xml.child(console, "target").orElseThrow().getAttribute("type")).isEqualTo("serial");
  }

  @Test
  void aSerialPortListensOnLoopbackWithTelnetAndIsStillLogged() {
    Element domain = build(spec(Accelerator.TCG).serialPort(47001).build());

    for (String device : List.of("serial", "console")) {
      Element element = Xml.child(domain, "devices", device).orElseThrow();
      assertThat(element.getAttribute("type")).isEqualTo("tcp");
      Element source = Xml.child(element, "source").orElseThrow();
      assertThat(source.getAttribute("mode")).isEqualTo("bind");
      assertThat(source.getAttribute("host")).isEqualTo("127.0.0.1");
      assertThat(source.getAttribute("service")).isEqualTo("47001");
      assertThat(Xml.child(element, "protocol").orElseThrow().getAttribute("type"))
          .isEqualTo("telnet");
    }
    assertThat(Xml.child(domain, "devices", "serial", "log").orElseThrow().getAttribute("file"))
        .isEqualTo("/logs/\"a\" & <b>.log");
  }

  @Test
  void anOverlaysBaseIsNamedNeverRelabelledAndEndsTheChain() {
    DiskSpec overlay =
        new DiskSpec(
            "/pools/overlays/vm.qcow2", "qcow2", new DiskSpec("/pools/base/<b>.qcow2", "raw"));
    Element disk =
        disks(build(DomainSpec.builder("vm", Accelerator.TCG, overlay, "pw", "/l").build())).get(0);

    Element store = Xml.child(disk, "backingStore").orElseThrow();
    assertThat(store.getAttribute("type")).isEqualTo("file");
    assertThat(Xml.child(store, "format").orElseThrow().getAttribute("type")).isEqualTo("raw");
    assertThat(Xml.child(store, "source").orElseThrow().getAttribute("file"))
        .isEqualTo("/pools/base/<b>.qcow2");
    Element seclabel = Xml.child(store, "source", "seclabel").orElseThrow();
    assertThat(seclabel.getAttribute("model")).isEqualTo("dac");
    assertThat(seclabel.getAttribute("relabel")).isEqualTo("no");
    Element end = Xml.child(store, "backingStore").orElseThrow();
    assertThat(end.getAttributes().getLength()).isZero();
    assertThat(end.hasChildNodes()).isFalse();
    // The overlay itself is relabelled as usual: QEMU must write it.
    assertThat(Xml.child(disk, "source", "seclabel")).isEmpty();
  }

  @Test
  void aStandaloneDiskHasNoBackingStore() {
    assertThat(Xml.child(disks(build(spec(Accelerator.TCG).build())).get(0), "backingStore"))
        .isEmpty();
  }

  @Test
  void sizesMachineCrashPolicyAndOwnership() {
    Element domain = build(spec(Accelerator.TCG).vcpus(2).memoryMiB(96).build());

    assertThat(Xml.childText(domain, "vcpu")).contains("2");
    assertThat(Xml.childText(domain, "memory")).contains("96");
    assertThat(Xml.child(domain, "memory").orElseThrow().getAttribute("unit")).isEqualTo("MiB");
    assertThat(Xml.child(domain, "os", "type").orElseThrow().getAttribute("machine"))
        .isEqualTo("pc");
    assertThat(Xml.childText(domain, "on_crash")).contains("destroy");
    Element portal = Xml.child(domain, "metadata", "portal").orElseThrow();
    assertThat(portal.getNamespaceURI()).isEqualTo("https://vmportal.org/xmlns/domain/1");
    assertThat(Xml.child(domain, "title")).isEmpty();
    assertThat(Xml.child(domain, "sysinfo")).isEmpty();
  }

  @Test
  void userNetworkIsOptional() {
    assertThat(Xml.child(build(spec(Accelerator.TCG).build()), "devices", "interface")).isEmpty();

    Element nic =
        Xml.child(build(spec(Accelerator.TCG).userNetwork(true).build()), "devices", "interface")
            .orElseThrow();
    assertThat(nic.getAttribute("type")).isEqualTo("user");
    assertThat(Xml.child(nic, "model").orElseThrow().getAttribute("type")).isEqualTo("virtio");
  }

  @Test
  void aSpareAsksForItsHostNameFromAnEmptyDrive() {
    Element domain = build(spec(Accelerator.TCG).hostnameFromMedium(true).build());

    Element entry = Xml.child(domain, "sysinfo", "entry").orElseThrow();
    assertThat(entry.getAttribute("name")).isEqualTo("opt/demo/hostname-media");
    assertThat(entry.getTextContent()).isEqualTo("cdrom");
    Element drive = disks(domain).get(1);
    assertThat(drive.getAttribute("device")).isEqualTo("cdrom");
    assertThat(Xml.child(drive, "source")).as("empty until the spare is taken").isEmpty();
    assertThat(Xml.child(drive, "target").orElseThrow().getAttribute("dev")).isEqualTo("hdc");
    assertThat(Xml.child(drive, "boot")).as("never booted from").isEmpty();
  }

  @Test
  void theHostNameMediumFillsTheSparesDrive() {
    Element drive =
        Xml.parse(DomainXmlBuilder.hostnameMedium("/s/<a>.hostname")).getDocumentElement();

    assertThat(drive.getAttribute("device")).isEqualTo("cdrom");
    assertThat(Xml.child(drive, "source").orElseThrow().getAttribute("file"))
        .isEqualTo("/s/<a>.hostname");
    assertThat(Xml.child(drive, "target").orElseThrow().getAttribute("dev")).isEqualTo("hdc");
    assertThat(Xml.child(drive, "readonly")).isPresent();
  }

  @Test
  void aNewDefinitionOfAnExistingDomainKeepsItsUuid() {
    Element domain =
        Xml.parse(
                DomainXmlBuilder.build(spec(Accelerator.TCG).hostname("named").build(), "0f-uuid"))
            .getDocumentElement();

    assertThat(Xml.childText(domain, "uuid")).contains("0f-uuid");
    assertThat(Xml.child(domain, "sysinfo", "entry").orElseThrow().getAttribute("name"))
        .isEqualTo("opt/demo/hostname");
    assertThat(disks(domain)).hasSize(1);
  }

  private static List<Element> disks(Element domain) {
    NodeList nodes = Xml.child(domain, "devices").orElseThrow().getElementsByTagName("disk");
    List<Element> disks = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      disks.add((Element) nodes.item(i));
    }
    return disks;
  }
}
