package org.vmportal.infrastructure.libvirt;

import static org.vmportal.infrastructure.libvirt.LibvirtConnection.failedWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainSnapshot;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.vmportal.domain.service.Accelerator;
import org.vmportal.domain.service.DomainLifecycleEvent;
import org.vmportal.domain.service.DomainSpec;
import org.vmportal.domain.service.DomainState;
import org.vmportal.domain.service.Hypervisor;
import org.vmportal.domain.service.HypervisorException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The {@link Hypervisor} port over a libvirt connection (QEMU in production, test driver in tests).
 */
public class LibvirtHypervisor implements Hypervisor {

  private static final Logger LOG = Logger.getLogger(LibvirtHypervisor.class.getName());

  /** {@code VIR_DOMAIN_METADATA_ELEMENT}: custom XML in {@code <metadata>}, looked up by URI. */
  private static final int METADATA_ELEMENT = 2;

  /** Managed-save images and snapshot metadata would otherwise make undefine fail. */
  private static final int UNDEFINE_FLAGS =
      Domain.UndefineFlags.MANAGED_SAVE | Domain.UndefineFlags.SNAPSHOTS_METADATA;

  /** Size of a host-name medium. */
  private static final int HOSTNAME_MEDIUM_BYTES = 2048;

  /** {@code VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE}. */
  private static final int INACTIVE_WITH_SECRETS = 1 | 2;

  private final LibvirtConnection connection;
  private volatile Accelerator defaultAccelerator;
  private final Path qemuLogDirectory;

  /**
   * A hypervisor over a connection.
   *
   * @param connection the libvirt connection, owned by the caller
   * @param defaultAccelerator what this host runs guests with
   * @param qemuLogDirectory where libvirt writes each domain's QEMU log ({@code <name>.log})
   */
  public LibvirtHypervisor(
      LibvirtConnection connection, Accelerator defaultAccelerator, Path qemuLogDirectory) {
    this.connection = connection;
    this.defaultAccelerator = Objects.requireNonNull(defaultAccelerator);
    this.qemuLogDirectory = Objects.requireNonNull(qemuLogDirectory);
  }

  @Override
  public Accelerator defaultAccelerator() {
    return defaultAccelerator;
  }

  /**
   * Runs guests started from now on with another accelerator (what {@code auto} settled on).
   *
   * @param accelerator the accelerator
   */
  public void useAccelerator(Accelerator accelerator) {
    this.defaultAccelerator = Objects.requireNonNull(accelerator);
  }

  @Override
  public void defineAndStart(DomainSpec spec) {
    defineAndStart(spec, Domain.CreateFlags.NONE);
  }

  @Override
  public void defineSpare(DomainSpec spec) {
    defineAndStart(spec, Domain.CreateFlags.PAUSED);
  }

  private void defineAndStart(DomainSpec spec, int createFlags) {
    String xml = DomainXmlBuilder.build(spec);
    connection.hypervisor(
        "define and start domain " + spec.name(),
        c -> {
          if (lookup(c, spec.name()) != null) {
            throw new HypervisorException("A domain named " + spec.name() + " already exists");
          }
          Domain domain = c.domainDefineXML(xml);
          try {
            domain.create(createFlags);
          } catch (LibvirtException e) {
            discard(domain, spec.name());
            throw e;
          }
          return null;
        });
  }

  @Override
  public void takeSpare(DomainSpec spec, Path hostnameMedium) {
    writeHostnameMedium(hostnameMedium, Objects.requireNonNull(spec.hostname(), "hostname"));
    connection.hypervisor(
        "take spare " + spec.name(),
        c -> {
          Domain domain = existing(c, spec.name());
          if (state(domain) != DomainState.PAUSED) {
            throw new HypervisorException("Spare " + spec.name() + " is not paused");
          }
          // Changes the definition only: the running QEMU keeps its fw_cfg and empty drive.
          c.domainDefineXML(DomainXmlBuilder.build(spec, domain.getUUIDString()));
          if (spec.title() != null) {
            domain.setMetadata(
                Domain.MetadataType.TITLE,
                spec.title(),
                null,
                null,
                Domain.ModificationImpact.LIVE);
          }
          domain.updateDeviceFlags(
              DomainXmlBuilder.hostnameMedium(hostnameMedium.toString()),
              Domain.ModificationImpact.LIVE);
          domain.resume();
          return null;
        });
  }

  /**
   * One CD-ROM sector (the least a drive reads): the host name, a newline, zeros. The demo OS reads
   * it when fw_cfg names the medium instead of the host name (see {@link DomainXmlBuilder}).
   */
  private static void writeHostnameMedium(Path medium, String hostname) {
    byte[] sector = new byte[HOSTNAME_MEDIUM_BYTES];
    byte[] line = (hostname + "\n").getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(line, 0, sector, 0, line.length);
    try {
      Files.write(medium, sector);
    } catch (IOException e) {
      throw new HypervisorException("Cannot write the host-name medium " + medium, e);
    }
  }

  private static void discard(Domain domain, String name) {
    try {
      domain.undefine(UNDEFINE_FLAGS);
    } catch (LibvirtException e) {
      LOG.log(Level.WARNING, "Could not undefine " + name + " after its start failed", e);
    }
  }

  @Override
  public void start(String name) {
    connection.hypervisor(
        "start domain " + name,
        c -> {
          Domain domain = existing(c, name);
          if (domain.isActive() != 1) {
            try {
              // libvirt restores from a managed-save image when there is one, then deletes it.
              domain.create();
            } catch (LibvirtException e) {
              if (domain.isActive() != 1) {
                throw e;
              }
              // Started concurrently: the outcome is what was asked for.
            }
          }
          return null;
        });
  }

  @Override
  public void shutdown(String name) {
    connection.hypervisor(
        "shut down domain " + name,
        c -> {
          Domain domain = lookup(c, name);
          if (domain != null && domain.isActive() == 1) {
            try {
              domain.shutdown();
            } catch (LibvirtException e) {
              if (domain.isActive() == 1) {
                throw e;
              }
            }
          }
          return null;
        });
  }

  @Override
  public void pause(String name) {
    connection.hypervisor(
        "pause domain " + name,
        c -> {
          Domain domain = existing(c, name);
          if (state(domain) != DomainState.PAUSED) {
            domain.suspend();
          }
          return null;
        });
  }

  @Override
  public void resume(String name) {
    connection.hypervisor(
        "resume domain " + name,
        c -> {
          Domain domain = existing(c, name);
          if (state(domain) != DomainState.RUNNING) {
            domain.resume();
          }
          return null;
        });
  }

  @Override
  public void hibernate(String name) {
    connection.hypervisor(
        "hibernate domain " + name,
        c -> {
          Domain domain = existing(c, name);
          if (domain.isActive() == 1 || domain.hasManagedSaveImage() != 1) {
            domain.managedSave();
          }
          return null;
        });
  }

  @Override
  public boolean hasSavedState(String name) {
    return connection.hypervisor(
        "look for the saved state of domain " + name,
        c -> {
          Domain domain = lookup(c, name);
          return domain != null && domain.hasManagedSaveImage() == 1;
        });
  }

  @Override
  public DomainState state(String name) {
    return connection.hypervisor(
        "read the state of domain " + name,
        c -> {
          Domain domain = lookup(c, name);
          return domain == null ? DomainState.ABSENT : state(domain);
        });
  }

  private static DomainState state(Domain domain) throws LibvirtException {
    return switch (domain.getInfo().state) {
      case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED -> DomainState.RUNNING;
      case VIR_DOMAIN_PAUSED -> DomainState.PAUSED;
      case VIR_DOMAIN_SHUTDOWN -> DomainState.SHUTTING_DOWN;
      case VIR_DOMAIN_SHUTOFF -> DomainState.SHUTOFF;
      case VIR_DOMAIN_CRASHED -> DomainState.CRASHED;
      case VIR_DOMAIN_PMSUSPENDED -> DomainState.SUSPENDED;
      case VIR_DOMAIN_NOSTATE -> DomainState.UNKNOWN;
    };
  }

  @Override
  public void destroy(String name) {
    connection.hypervisor(
        "destroy domain " + name,
        c -> {
          Domain domain = lookup(c, name);
          if (domain != null) {
            destroyIfActive(domain);
          }
          return null;
        });
  }

  private static void destroyIfActive(Domain domain) throws LibvirtException {
    try {
      if (domain.isActive() == 1) {
        domain.destroy();
      }
    } catch (LibvirtException e) {
      // It stopped by itself between the check and the destroy.
      if (!failedWith(e, ErrorNumber.VIR_ERR_OPERATION_INVALID)) {
        throw e;
      }
    }
  }

  @Override
  public void undefine(String name) {
    connection.hypervisor(
        "undefine domain " + name,
        c -> {
          Domain domain = lookup(c, name);
          if (domain != null) {
            destroyIfActive(domain);
            try {
              domain.undefine(UNDEFINE_FLAGS);
            } catch (LibvirtException e) {
              // Undefined concurrently: the outcome is what was asked for.
              if (!failedWith(e, ErrorNumber.VIR_ERR_NO_DOMAIN)) {
                throw e;
              }
            }
          }
          return null;
        });
  }

  @Override
  public OptionalInt vncPort(String name) {
    return connection.hypervisor(
        "read the VNC port of domain " + name,
        c -> {
          Domain domain = lookup(c, name);
          if (domain == null || domain.isActive() != 1) {
            return OptionalInt.empty();
          }
          Element devices =
              Xml.child(Xml.parse(domain.getXMLDesc(0)).getDocumentElement(), "devices")
                  .orElse(null);
          return devices == null ? OptionalInt.empty() : vncPort(devices);
        });
  }

  private static OptionalInt vncPort(Element devices) {
    for (Node n = devices.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && "graphics".equals(e.getTagName())
          && "vnc".equals(e.getAttribute("type"))) {
        String port = e.getAttribute("port");
        // Before QEMU has bound its socket, libvirt reports -1.
        if (port.matches("\\d+") && Integer.parseInt(port) > 0) {
          return OptionalInt.of(Integer.parseInt(port));
        }
      }
    }
    return OptionalInt.empty();
  }

  @Override
  public void moveSerialPort(String name, int port) {
    connection.hypervisor(
        "move the serial console of domain " + name + " to port " + port,
        c -> {
          Domain domain = existing(c, name);
          // The persistent definition, with the VNC password (SECURE), which a redefinition keeps.
          Document xml = Xml.parse(domain.getXMLDesc(INACTIVE_WITH_SECRETS));
          Element devices = Xml.child(xml.getDocumentElement(), "devices").orElseThrow();
          for (Node n = devices.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e
                && ("serial".equals(e.getTagName()) || "console".equals(e.getTagName()))
                && "tcp".equals(e.getAttribute("type"))) {
              Xml.child(e, "source")
                  .ifPresent(source -> source.setAttribute("service", Integer.toString(port)));
            }
          }
          c.domainDefineXML(Xml.serialize(xml));
          return null;
        });
  }

  @Override
  public List<String> diskPaths(String name) {
    return connection.hypervisor(
        "read the disks of domain " + name,
        c -> {
          Domain domain = lookup(c, name);
          List<String> paths = new ArrayList<>();
          if (domain == null) {
            return paths;
          }
          Element devices =
              Xml.child(Xml.parse(domain.getXMLDesc(0)).getDocumentElement(), "devices")
                  .orElse(null);
          for (Node n = devices == null ? null : devices.getFirstChild();
              n != null;
              n = n.getNextSibling()) {
            if (n instanceof Element disk
                && "disk".equals(disk.getTagName())
                && "disk".equals(disk.getAttribute("device"))) {
              Xml.child(disk, "source")
                  .map(source -> source.getAttribute("file"))
                  .filter(file -> !file.isEmpty())
                  .ifPresent(paths::add);
            }
          }
          return paths;
        });
  }

  @Override
  public List<String> listDomainNames() {
    return connection.hypervisor(
        "list domains",
        c -> {
          List<String> names = new ArrayList<>();
          for (Domain domain : c.listAllDomains(0)) {
            names.add(domain.getName());
            // Free now rather than at finalization: a host may list thousands of domains.
            domain.free();
          }
          return names;
        });
  }

  @Override
  public boolean isPortalDomain(String name) {
    return connection.hypervisor(
        "read the metadata of domain " + name,
        c -> {
          Domain domain = lookup(c, name);
          return domain != null && isPortalDomain(domain);
        });
  }

  private static boolean isPortalDomain(Domain domain) throws LibvirtException {
    try {
      return domain.getMetadata(METADATA_ELEMENT, DomainXmlBuilder.METADATA_NAMESPACE, 0) != null;
    } catch (LibvirtException e) {
      if (failedWith(e, ErrorNumber.VIR_ERR_NO_DOMAIN_METADATA)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public Map<String, DomainState> states() {
    return connection.hypervisor(
        "read the states of the portal's domains",
        c -> {
          Map<String, DomainState> states = new HashMap<>();
          for (Domain domain : c.listAllDomains(0)) {
            try {
              if (isPortalDomain(domain)) {
                states.put(domain.getName(), state(domain));
              }
            } catch (LibvirtException e) {
              // Undefined since the listing: it no longer has a state to report.
              if (!failedWith(e, ErrorNumber.VIR_ERR_NO_DOMAIN)) {
                throw e;
              }
            } finally {
              domain.free();
            }
          }
          return states;
        });
  }

  @Override
  public Path logFile(String name) {
    return qemuLogDirectory.resolve(name + ".log");
  }

  @Override
  public void createSnapshot(String name, String snapshotName) {
    Document doc = Xml.newDocument();
    Xml.text(Xml.element(doc, "domainsnapshot"), "name", snapshotName);
    String xml = Xml.serialize(doc);
    connection.hypervisor(
        "snapshot domain " + name,
        c -> {
          // No flags: internal, in the qcow2 overlay, with the memory of a running guest.
          existing(c, name).snapshotCreateXML(xml, 0).free();
          return null;
        });
  }

  @Override
  public void revertToSnapshot(String name, String snapshotName) {
    connection.hypervisor(
        "revert domain " + name + " to " + snapshotName,
        c -> {
          Domain domain = existing(c, name);
          DomainSnapshot snapshot = domain.snapshotLookupByName(snapshotName);
          try {
            domain.revertToSnapshot(snapshot);
          } finally {
            snapshot.free();
          }
          return null;
        });
  }

  @Override
  public void deleteSnapshot(String name, String snapshotName) {
    connection.hypervisor(
        "delete snapshot " + snapshotName + " of domain " + name,
        c -> {
          Domain domain = lookup(c, name);
          if (domain == null) {
            return null;
          }
          try {
            DomainSnapshot snapshot = domain.snapshotLookupByName(snapshotName);
            try {
              snapshot.delete(0);
            } finally {
              snapshot.free();
            }
          } catch (LibvirtException e) {
            if (!failedWith(e, ErrorNumber.VIR_ERR_NO_DOMAIN_SNAPSHOT)) {
              throw e;
            }
          }
          return null;
        });
  }

  @Override
  public List<String> snapshotNames(String name) {
    return connection.hypervisor(
        "list the snapshots of domain " + name,
        c -> {
          Domain domain = lookup(c, name);
          return domain == null ? List.of() : List.of(domain.snapshotListNames());
        });
  }

  @Override
  public Subscription onLifecycleEvent(Consumer<DomainLifecycleEvent> listener) {
    return LifecycleSubscription.open(connection, Objects.requireNonNull(listener));
  }

  private static Domain existing(Connect c, String name) throws LibvirtException {
    Domain domain = lookup(c, name);
    if (domain == null) {
      throw new HypervisorException("No domain named " + name);
    }
    return domain;
  }

  private static Domain lookup(Connect c, String name) throws LibvirtException {
    try {
      return c.domainLookupByName(name);
    } catch (LibvirtException e) {
      if (failedWith(e, ErrorNumber.VIR_ERR_NO_DOMAIN)) {
        return null;
      }
      throw e;
    }
  }
}
