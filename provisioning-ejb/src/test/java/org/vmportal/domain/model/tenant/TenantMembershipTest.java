package org.vmportal.domain.model.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TenantMembershipTest {

  @Test
  void tenantIsTheGroupUnderTenants() {
    assertThat(TenantMembership.tenantSlugOf(List.of("/staff", "/tenants/demo"))).contains("demo");
  }

  @Test
  void noTenantGroupMeansNoTenant() {
    assertThat(TenantMembership.tenantSlugOf(List.of())).isEmpty();
    assertThat(TenantMembership.tenantSlugOf(List.of("/staff", "/tenantsdemo"))).isEmpty();
  }

  @Test
  void sameTenantTwiceIsOneTenant() {
    assertThat(TenantMembership.tenantSlugOf(List.of("/tenants/acme", "/tenants/acme")))
        .contains("acme");
  }

  @Test
  void twoTenantsAreRefused() {
    assertThatThrownBy(
            () -> TenantMembership.tenantSlugOf(List.of("/tenants/demo", "/tenants/acme")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than one tenant");
  }

  @Test
  void nestedOrMarkupGroupNamesAreRefused() {
    assertThatThrownBy(() -> TenantMembership.tenantSlugOf(List.of("/tenants/demo/team")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TenantMembership.tenantSlugOf(List.of("/tenants/<script>")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TenantMembership.tenantSlugOf(List.of("/tenants/")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
