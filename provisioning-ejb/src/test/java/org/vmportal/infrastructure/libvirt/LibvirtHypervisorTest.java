package org.vmportal.infrastructure.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.libvirt.LibvirtException;
import org.libvirt.event.LifecycleListener;
import org.vmportal.domain.service.Accelerator;
import org.vmportal.domain.service.DiskSpec;
import org.vmportal.domain.service.DomainLifecycleEvent;
import org.vmportal.domain.service.DomainSpec;
import org.vmportal.domain.service.DomainState;
import org.vmportal.domain.service.Hypervisor;
import org.vmportal.domain.service.HypervisorException;
import org.w3c.dom.Element;

/** Round trips through libvirt's built-in test driver, which needs no daemon and runs no guest. */
class LibvirtHypervisorTest {

  private static final String TITLE = "Title with <script>alert(1)</script> & \"quotes\"";

  private final LibvirtConnection connection = new LibvirtConnection("test:///default");
  private final LibvirtHypervisor hypervisor =
      new LibvirtHypervisor(connection, Accelerator.TCG, Path.of("/var/log/libvirt/qemu"));
  private final String name = "<img src=x> & 'friends' " + UUID.randomUUID();
  private final String foreign = "foreign " + UUID.randomUUID();

  @AfterEach
  void cleanUp() {
    hypervisor.undefine(name);
    hypervisor.undefine(foreign);
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
  void aStoppedDomainsSerialConsoleMovesToAnotherPortKeepingItsVncPassword() {
    hypervisor.defineAndStart(
        DomainSpec.builder(
                name,
                Accelerator.TCG,
                new DiskSpec("/nowhere/d.qcow2", "qcow2"),
                "pw",
                "/tmp/s.log")
            .serialPort(24001)
            .build());
    hypervisor.destroy(name);

    hypervisor.moveSerialPort(name, 24777);

    String xml = connection.hypervisor("read", c -> c.domainLookupByName(name).getXMLDesc(1));
    assertThat(xml)
        .contains("service='24777'")
        .doesNotContain("service='24001'")
        .contains("passwd='pw'");
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
    defineForeignDomain();

    assertThat(hypervisor.listDomainNames()).contains(foreign);
    assertThat(hypervisor.isPortalDomain(foreign)).isFalse();
  }

  @Test
  void statesCoverThePortalsDomainsOnly() {
    hypervisor.defineAndStart(spec());
    defineForeignDomain();

    assertThat(hypervisor.states())
        .containsEntry(name, DomainState.RUNNING)
        .doesNotContainKey(foreign);
    hypervisor.destroy(name);
    assertThat(hypervisor.states()).containsEntry(name, DomainState.SHUTOFF);
  }

  @Test
  void startStartsAShutOffDomainAndIsIdempotent() {
    hypervisor.defineAndStart(spec());
    hypervisor.destroy(name);

    hypervisor.start(name);
    hypervisor.start(name);

    assertThat(hypervisor.state(name)).isEqualTo(DomainState.RUNNING);
  }

  @Test
  void pauseAndResumeAreIdempotentButNeedAnActiveDomain() {
    hypervisor.defineAndStart(spec());

    hypervisor.pause(name);
    hypervisor.pause(name);
    assertThat(hypervisor.state(name)).isEqualTo(DomainState.PAUSED);
    hypervisor.resume(name);
    hypervisor.resume(name);
    assertThat(hypervisor.state(name)).isEqualTo(DomainState.RUNNING);

    hypervisor.destroy(name);
    assertThatThrownBy(() -> hypervisor.pause(name)).isInstanceOf(HypervisorException.class);
    assertThatThrownBy(() -> hypervisor.resume(name)).isInstanceOf(HypervisorException.class);
  }

  @Test
  void hibernationKeepsTheStateUntilTheNextStart() {
    hypervisor.defineAndStart(spec());
    assertThat(hypervisor.hasSavedState(name)).isFalse();

    hypervisor.hibernate(name);
    hypervisor.hibernate(name);

    assertThat(hypervisor.state(name)).isEqualTo(DomainState.SHUTOFF);
    assertThat(hypervisor.hasSavedState(name)).isTrue();
    hypervisor.start(name);
    assertThat(hypervisor.state(name)).isEqualTo(DomainState.RUNNING);
    assertThat(hypervisor.hasSavedState(name)).isFalse();
  }

  @Test
  void aShutOffDomainWithoutSavedStateCannotHibernate() {
    hypervisor.defineAndStart(spec());
    hypervisor.destroy(name);

    assertThatThrownBy(() -> hypervisor.hibernate(name))
        .isInstanceOf(HypervisorException.class)
        .hasMessageStartingWith("hibernate domain " + name);
  }

  @Test
  void undefineAlsoRemovesSavedStateAndSnapshotMetadata() {
    hypervisor.defineAndStart(spec());
    connection.hypervisor(
        "snapshot",
        c ->
            c.domainLookupByName(name)
                .snapshotCreateXML("<domainsnapshot><name>s1</name></domainsnapshot>"));
    hypervisor.hibernate(name);
    // Without its flags, libvirt refuses to undefine such a domain.
    assertThatThrownBy(() -> connection.hypervisor("plain undefine", c -> plainUndefine(c, name)))
        .isInstanceOf(HypervisorException.class);

    hypervisor.undefine(name);

    assertThat(hypervisor.state(name)).isEqualTo(DomainState.ABSENT);
    assertThat(hypervisor.hasSavedState(name)).isFalse();
  }

  @Test
  void shutdownAsksTheGuestAndIsANoOpWhenOff() {
    hypervisor.defineAndStart(spec());

    hypervisor.shutdown(name);

    // The test driver's guests obey at once; real ones take their time or ignore it (see ITs).
    assertThat(hypervisor.state(name)).isEqualTo(DomainState.SHUTOFF);
    hypervisor.shutdown(name);
    hypervisor.shutdown("vmportal-missing-" + UUID.randomUUID());
  }

  @Test
  void operationsOnAnAbsentDomainNameIt() {
    String missing = "vmportal-missing-" + UUID.randomUUID();

    for (Runnable operation :
        List.<Runnable>of(
            () -> hypervisor.start(missing),
            () -> hypervisor.pause(missing),
            () -> hypervisor.resume(missing),
            () -> hypervisor.hibernate(missing))) {
      assertThatThrownBy(operation::run)
          .isInstanceOf(HypervisorException.class)
          .hasMessageContaining("No domain named " + missing);
    }
    assertThat(hypervisor.hasSavedState(missing)).isFalse();
  }

  @Test
  void lifecycleEventsArriveInOrderUntilTheSubscriptionCloses() throws Exception {
    BlockingQueue<DomainLifecycleEvent> events = new LinkedBlockingQueue<>();
    Hypervisor.Subscription subscription =
        hypervisor.onLifecycleEvent(
            event -> {
              if (event.domainName().equals(name)) {
                events.add(event);
              }
            });
    try {
      hypervisor.defineAndStart(spec());
      hypervisor.pause(name);
      hypervisor.resume(name);
      hypervisor.hibernate(name);
      hypervisor.start(name);
      hypervisor.undefine(name);

      List<DomainLifecycleEvent> seen = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        DomainLifecycleEvent event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("event %d after %s", i, seen).isNotNull();
        seen.add(event);
      }
      assertThat(seen)
          .extracting(DomainLifecycleEvent::state, DomainLifecycleEvent::reason)
          .containsExactly(
              tuple(DomainState.RUNNING, "booted"),
              tuple(DomainState.PAUSED, "paused"),
              tuple(DomainState.RUNNING, "unpaused"),
              tuple(DomainState.SHUTOFF, "saved"),
              // The test driver reports a restore as a boot; QEMU says "restored" (VmLifecycleIT).
              tuple(DomainState.RUNNING, "booted"),
              tuple(DomainState.SHUTOFF, "destroyed"),
              tuple(DomainState.ABSENT, "removed"));
    } finally {
      subscription.close();
    }
    subscription.close();

    hypervisor.defineAndStart(spec());
    assertThat(events.poll(1, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void aFailingListenerKeepsItsSubscription() throws Exception {
    BlockingQueue<DomainState> states = new LinkedBlockingQueue<>();
    Hypervisor.Subscription subscription =
        hypervisor.onLifecycleEvent(
            event -> {
              if (event.domainName().equals(name)) {
                states.add(event.state());
                throw new IllegalStateException("listener bug");
              }
            });
    try {
      hypervisor.defineAndStart(spec());
      hypervisor.destroy(name);

      assertThat(states.poll(10, TimeUnit.SECONDS)).isEqualTo(DomainState.RUNNING);
      assertThat(states.poll(10, TimeUnit.SECONDS)).isEqualTo(DomainState.SHUTOFF);
    } finally {
      subscription.close();
    }
  }

  @Test
  void subscriptionsSurviveAReconnection() throws Exception {
    BlockingQueue<DomainState> states = new LinkedBlockingQueue<>();
    Hypervisor.Subscription subscription =
        hypervisor.onLifecycleEvent(
            event -> {
              if (event.domainName().equals(name)) {
                states.add(event.state());
              }
            });
    try {
      // A dead daemon takes its registrations along; the local test driver needs help with that.
      connection.hypervisor(
          "kill the connection",
          c -> {
            c.removeLifecycleListener((LifecycleListener) subscription);
            return c.close();
          });

      hypervisor.defineAndStart(spec());

      assertThat(states.poll(10, TimeUnit.SECONDS)).isEqualTo(DomainState.RUNNING);
    } finally {
      subscription.close();
    }
  }

  private static Void plainUndefine(org.libvirt.Connect c, String domain) throws LibvirtException {
    c.domainLookupByName(domain).undefine();
    return null;
  }

  private void defineForeignDomain() {
    connection.hypervisor(
        "define a foreign domain",
        c ->
            c.domainDefineXML(
                "<domain type='test'><name>"
                    + foreign
                    + "</name><memory>65536</memory><os><type>hvm</type></os></domain>"));
  }
}
