package org.vmportal.interfaces.web.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.List;
import org.vmportal.application.BaseImageService;
import org.vmportal.application.BaseImageService.BaseImageListing;
import org.vmportal.application.BaseImageService.BuildRequest;
import org.vmportal.application.BaseImageService.PoolUsage;
import org.vmportal.application.IsoCatalogService;
import org.vmportal.application.IsoCatalogService.IsoListing;
import org.vmportal.application.PortalException;
import org.vmportal.interfaces.web.CurrentUser;
import org.vmportal.interfaces.web.Messages;

/** The admin base-image page: the images, their storage, sealing and deleting. */
@Named
@ViewScoped
public class BaseImageAdminView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject private transient BaseImageService baseImages;
  @Inject private transient IsoCatalogService isoCatalog;
  @Inject private CurrentUser currentUser;
  @Inject private transient HttpServletRequest request;

  private List<BaseImageListing> images;
  private List<PoolUsage> storage;
  private List<IsoListing> isos;

  private Long buildIsoId;
  private String buildName;
  private String buildOsName;
  private String buildOsVersion;
  private int buildDiskGib = 8;

  /** Run by {@code f:viewAction}, and again after each change. */
  public void load() {
    images = baseImages.list(currentUser.actor(request.getRemoteAddr()));
    storage = baseImages.storage(currentUser.actor(request.getRemoteAddr()));
    isos =
        isoCatalog.list(currentUser.actor(request.getRemoteAddr())).stream()
            .filter(iso -> !iso.personal())
            .toList();
  }

  /** Starts building a base image from the chosen ISO. */
  public void build() {
    try {
      baseImages.createFromIso(
          currentUser.actor(request.getRemoteAddr()),
          new BuildRequest(
              buildIsoId == null ? -1 : buildIsoId,
              buildName,
              buildOsName,
              buildOsVersion,
              buildDiskGib));
      Messages.info(
          "Building \u201c"
              + buildName
              + "\u201d: the installer VM is running. Seal it when done.");
      buildName = null;
      buildOsName = null;
      buildOsVersion = null;
    } catch (PortalException e) {
      Messages.error(e);
    }
    load();
  }

  /** Called by the page's script when a qcow2 import completed. */
  public void imported() {
    load();
    Messages.info("Disk imported. Seal it to offer it in the catalog.");
  }

  /**
   * Seals an image.
   *
   * @param image the row
   */
  public void seal(BaseImageListing image) {
    try {
      baseImages.seal(currentUser.actor(request.getRemoteAddr()), image.id());
      Messages.info("Sealed \u201c" + image.name() + "\u201d.");
    } catch (PortalException e) {
      Messages.error(e);
    }
    load();
  }

  /**
   * Deletes an image.
   *
   * @param image the row
   */
  public void delete(BaseImageListing image) {
    try {
      baseImages.delete(currentUser.actor(request.getRemoteAddr()), image.id());
      Messages.info("Deleted \u201c" + image.name() + "\u201d.");
    } catch (PortalException e) {
      Messages.error(e);
    }
    load();
  }

  public List<BaseImageListing> getImages() {
    return images;
  }

  public List<PoolUsage> getStorage() {
    return storage;
  }

  public List<IsoListing> getIsos() {
    return isos;
  }

  public Long getBuildIsoId() {
    return buildIsoId;
  }

  public void setBuildIsoId(Long buildIsoId) {
    this.buildIsoId = buildIsoId;
  }

  public String getBuildName() {
    return buildName;
  }

  public void setBuildName(String buildName) {
    this.buildName = buildName;
  }

  public String getBuildOsName() {
    return buildOsName;
  }

  public void setBuildOsName(String buildOsName) {
    this.buildOsName = buildOsName;
  }

  public String getBuildOsVersion() {
    return buildOsVersion;
  }

  public void setBuildOsVersion(String buildOsVersion) {
    this.buildOsVersion = buildOsVersion;
  }

  public int getBuildDiskGib() {
    return buildDiskGib;
  }

  public void setBuildDiskGib(int buildDiskGib) {
    this.buildDiskGib = buildDiskGib;
  }
}
