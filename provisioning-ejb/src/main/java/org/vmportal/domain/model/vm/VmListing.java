package org.vmportal.domain.model.vm;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The read side of VMs for the admin pages: every VM across tenants, filtered, sorted and paged in
 * the database, with owner, tenant, host and base image names joined in, so a page of 50 out of
 * thousands costs one query and one count.
 */
public interface VmListing {

  /**
   * One page of VMs.
   *
   * @param search what to keep
   * @param order how to sort
   * @param first the offset of the first row
   * @param max how many rows at most
   * @return the rows
   */
  List<VmRow> find(VmSearch search, VmOrder order, int first, int max);

  /**
   * How many VMs the search keeps.
   *
   * @param search what to keep
   * @return the count
   */
  long count(VmSearch search);

  /**
   * How many VMs are in each state, over every tenant.
   *
   * @return counts; states without VMs are left out
   */
  Map<VmState, Long> countByState();

  /**
   * A filter over the VM list; {@code null} fields do not filter. Text fields match any part of the
   * name, ignoring case.
   *
   * @param name part of the VM's name
   * @param owner part of the owner's username
   * @param tenant part of the tenant's slug or display name
   * @param state the state
   * @param host part of the host's name
   * @param baseImage part of the base image's name
   * @param createdAfter created at or after
   * @param createdBefore created before
   */
  record VmSearch(
      String name,
      String owner,
      String tenant,
      VmState state,
      String host,
      String baseImage,
      Instant createdAfter,
      Instant createdBefore) {

    /** No filter at all. */
    public static VmSearch all() {
      return new VmSearch(null, null, null, null, null, null, null, null);
    }
  }

  /** The columns a VM list can be sorted by. */
  enum SortField {
    NAME,
    OWNER,
    TENANT,
    STATE,
    HOST,
    BASE_IMAGE,
    CREATED
  }

  /**
   * A sort order.
   *
   * @param field the column
   * @param ascending smallest first
   */
  record VmOrder(SortField field, boolean ascending) {

    /** Newest first: the default. */
    public static VmOrder newestFirst() {
      return new VmOrder(SortField.CREATED, false);
    }
  }

  /**
   * One VM as the admin list shows it.
   *
   * @param id the VM's id
   * @param name its name
   * @param state its state
   * @param stateReason why it is in ERROR, or {@code null}
   * @param owner the owner's username
   * @param tenant the tenant's display name
   * @param host the host's name
   * @param baseImage the base image's name
   * @param vcpus virtual CPUs
   * @param memoryMib memory in MiB
   * @param createdAt when it was created
   */
  record VmRow(
      long id,
      String name,
      VmState state,
      String stateReason,
      String owner,
      String tenant,
      String host,
      String baseImage,
      int vcpus,
      int memoryMib,
      Instant createdAt) {}
}
