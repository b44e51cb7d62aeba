package org.vmportal.infrastructure.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vmportal.domain.service.Accelerator;
import org.vmportal.domain.service.DiskSpec;
import org.vmportal.domain.service.DomainSpec;
import org.vmportal.domain.service.DomainState;
import org.vmportal.domain.service.HypervisorException;
import org.w3c.dom.Element;

/** Round trips through libvirt's built-in test driver, which needs no daemon and runs no guest. */
class LibvirtHypervisorTest {

  private static final String TITLE = "Title with <script>alert(1)</script> & \"quotes\"";

  private final LibvirtConnection connection = new LibvirtConnection("test:///default");
  private final LibvirtHypervisor hypervisor = new LibvirtHypervisor(connection, Accelerator.TCG);
  private final String name = "<img src=x> & 'friends' " + UUID.randomUUID();

  @AfterEach
  void cleanUp() {
    hypervisor.undefine(name);
    connection.close();
  }

  private DomainSpec spec() {
    return DomainSpec.builder(
            name, Accelerator.TCG, new DiskSpec("/nowhere/d.qcow2", "qcow2"), "pw", "/tmp/s.log")
        .title(TITLE)
        .hostname("h")
        .cdrom(new DiskSpec("/nowhere/x.iso", "raw"))
        .userNetwork(true)
        .build();
  }

  @Test
  void definedDomainRunsCarriesTheOwnershipMarkAndIsListed() {
    hypervisor.defineAndStart(spec());

    assertThat(hypervisor.state(name)).isEqualTo(DomainState.RUNNING);
    assertThat(hypervisor.isPortalDomain(name)).isTrue();
    assertThat(hypervisor.listDomainNames()).contains(name);
    String xml = connection.hypervisor("read", c -> c.domainLookupByName(name).getXMLDesc(0));
    Element domain = Xml.parse(xml).getDocumentElement();
    assertThat(Xml.childText(domain, "name")).contains(name);
    assertThat(Xml.childText(domain, "title")).contains(TITLE);
  }

  @Test
  void destroyIsIdempotentAndKeepsTheDefinition() {
    hypervisor.defineAndStart(spec());

    hypervisor.destroy(name);
    hypervisor.destroy(name);

    assertThat(hypervisor.state(name)).isEqualTo(DomainState.SHUTOFF);
    assertThat(hypervisor.vncPort(name)).isEmpty();
  }

  @Test
  void undefineRemovesARunningDomainAndIsIdempotent() {
    hypervisor.defineAndStart(spec());

    hypervisor.undefine(name);
    hypervisor.undefine(name);

    assertThat(hypervisor.state(name)).isEqualTo(DomainState.ABSENT);
    assertThat(hypervisor.listDomainNames()).doesNotContain(name);
    assertThat(hypervisor.isPortalDomain(name)).isFalse();
  }

  @Test
  void absentDomainsAreNotErrors() {
    String missing = "vmportal-missing-" + UUID.randomUUID();

    assertThat(hypervisor.state(missing)).isEqualTo(DomainState.ABSENT);
    assertThat(hypervisor.vncPort(missing)).isEmpty();
    hypervisor.destroy(missing);
    hypervisor.undefine(missing);
  }

  @Test
  void aSecondDomainOfTheSameNameIsRefused() {
    hypervisor.defineAndStart(spec());

    assertThatThrownBy(() -> hypervisor.defineAndStart(spec()))
        .isInstanceOf(HypervisorException.class)
        .hasMessageContaining("already exists");
  }

  @Test
  void domainsDefinedByOthersAreNotThePortals() {
    connection.hypervisor(
        "define a foreign domain",
        c ->
            c.domainDefineXML(
                "<domain type='test'><name>"
                    + name.replace("&", "&amp;").replace("<", "&lt;")
                    + "</name><memory>65536</memory><os><type>hvm</type></os></domain>"));

    assertThat(hypervisor.listDomainNames()).contains(name);
    assertThat(hypervisor.isPortalDomain(name)).isFalse();
  }
}
