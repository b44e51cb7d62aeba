package org.vmportal.domain.service;

import java.util.Locale;

/** How the host executes a guest's CPU: hardware virtualisation or QEMU's software emulation. */
public enum Accelerator {
  /** Hardware virtualisation through {@code /dev/kvm}; what production hosts use. */
  KVM,
  /** QEMU's Tiny Code Generator: slower, but runs anywhere, including hosts without usable KVM. */
  TCG;

  /**
   * The accelerator for a configuration value.
   *
   * @param value {@code kvm} or {@code tcg}, in any case
   * @return the accelerator
   * @throws IllegalArgumentException for any other value
   */
  public static Accelerator parse(String value) {
    return switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
      case "kvm" -> KVM;
      case "tcg" -> TCG;
      default ->
          throw new IllegalArgumentException(
              "Unknown accelerator '" + value + "': expected kvm or tcg");
    };
  }
}
