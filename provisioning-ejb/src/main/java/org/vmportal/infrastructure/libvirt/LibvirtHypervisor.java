package org.vmportal.infrastructure.libvirt;

import static org.vmportal.infrastructure.libvirt.LibvirtConnection.failedWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.vmportal.domain.service.Accelerator;
import org.vmportal.domain.service.DomainSpec;
import org.vmportal.domain.service.DomainState;
import org.vmportal.domain.service.Hypervisor;
import org.vmportal.domain.service.HypervisorException;
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

  private final LibvirtConnection connection;
  private final Accelerator defaultAccelerator;

  /**
   * A hypervisor over a connection.
   *
   * @param connection the libvirt connection, owned by the caller
   * @param defaultAccelerator what this host runs guests with
   */
  public LibvirtHypervisor(LibvirtConnection connection, Accelerator defaultAccelerator) {
    this.connection = connection;
    this.defaultAccelerator = Objects.requireNonNull(defaultAccelerator);
  }

  @Override
  public Accelerator defaultAccelerator() {
    return defaultAccelerator;
  }

  @Override
  public void defineAndStart(DomainSpec spec) {
    String xml = DomainXmlBuilder.build(spec);
    connection.hypervisor(
        "define and start domain " + spec.name(),
        c -> {
          if (lookup(c, spec.name()) != null) {
            throw new HypervisorException("A domain named " + spec.name() + " already exists");
          }
          Domain domain = c.domainDefineXML(xml);
          try {
            domain.create();
          } catch (LibvirtException e) {
            discard(domain, spec.name());
            throw e;
          }
          return null;
        });
  }

  private static void discard(Domain domain, String name) {
    try {
      domain.undefine(UNDEFINE_FLAGS);
    } catch (LibvirtException e) {
      LOG.log(Level.WARNING, "Could not undefine " + name + " after its start failed", e);
    }
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
          if (domain == null) {
            return false;
          }
          try {
            return domain.getMetadata(METADATA_ELEMENT, DomainXmlBuilder.METADATA_NAMESPACE, 0)
                != null;
          } catch (LibvirtException e) {
            if (failedWith(e, ErrorNumber.VIR_ERR_NO_DOMAIN_METADATA)) {
              return false;
            }
            throw e;
          }
        });
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
